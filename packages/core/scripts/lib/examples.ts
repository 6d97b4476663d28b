/**
 * The spec's request examples as the `@example` of an operation: they must compile against the Params type made from
 * the same schemas. Upstream's examples often write an id as a number where the schema says string, or one value
 * where it says an array; such values are written as the schema's type (`991267731` → `"991267731"`, `"x"` → `["x"]`)
 * so the shown call is one the types accept. An example that still contradicts its schema (an unknown key, a
 * missing required one, a value outside an enum) is not shown at all: a shipped example that does not compile misleads.
 */
import type { Document, SchemaObject } from "./spec.ts"
import { resolve } from "./spec.ts"

export interface Fitted {
  readonly value: unknown
  /** `false` when the value contradicts the schema beyond what {@link fitExample} rewrites. */
  readonly fits: boolean
}

const typesOf = (schema: SchemaObject): ReadonlyArray<string> =>
  schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** `allOf` members merged into one object schema (properties and required keys of all). */
const merged = (doc: Document, schema: SchemaObject): SchemaObject => {
  if (schema.allOf === undefined) return schema
  const { allOf, ...rest } = schema
  const out: SchemaObject = { ...rest, properties: { ...schema.properties }, required: [...(schema.required ?? [])] }
  for (const member of allOf) {
    const part = merged(doc, resolve<SchemaObject>(doc, member))
    Object.assign(out.properties!, part.properties)
    out.required!.push(...(part.required ?? []))
    if (part.type !== undefined && out.type === undefined) out.type = part.type
    // A member's alternatives (allOf [base, oneOf [...]]) stay alternatives of the whole.
    const alternatives = part.oneOf ?? part.anyOf
    if (alternatives !== undefined && out.oneOf === undefined && out.anyOf === undefined) out.oneOf = alternatives
    if (part.additionalProperties !== undefined && out.additionalProperties === undefined) {
      out.additionalProperties = part.additionalProperties
    }
  }
  return out
}

/** `value` written as `schema`'s type where that is lossless, and whether it then fits. */
export const fitExample = (doc: Document, schemaOrRef: SchemaObject | undefined, value: unknown, depth = 0): Fitted =>
  fit(doc, schemaOrRef, value, depth, true)

const fit = (
  doc: Document,
  schemaOrRef: SchemaObject | undefined,
  value: unknown,
  depth: number,
  coerce: boolean,
): Fitted => {
  if (schemaOrRef === undefined || depth > 24) return { value, fits: true }
  const schema = merged(doc, resolve<SchemaObject>(doc, schemaOrRef))
  const own = schema.oneOf ?? schema.anyOf
  // Properties beside `oneOf` belong to every alternative.
  const { oneOf: _oneOf, anyOf: _anyOf, ...shared } = schema
  const alternatives = own !== undefined && (schema.properties !== undefined || schema.required !== undefined)
    ? own.map((member): SchemaObject => ({ allOf: [shared, member] }))
    : own
  if (alternatives !== undefined) {
    // A member the value fits as written wins over one it fits once rewritten (`99.99` stays a number).
    for (const member of alternatives) {
      const fitted = fit(doc, member, value, depth + 1, false)
      if (fitted.fits) return fitted
    }
    if (!coerce) return { value, fits: false }
    const tried = alternatives.map((member) => fit(doc, member, value, depth + 1, true))
    return tried.find((fitted) => fitted.fits) ?? tried[0] ?? { value, fits: true }
  }
  if (value === null) {
    return { value, fits: schema.nullable === true || typesOf(schema).length === 0 || typesOf(schema).includes("null") }
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) return { value, fits: false }
  const types = typesOf(schema)
  if (types.length === 0 && schema.properties === undefined && schema.items === undefined) return { value, fits: true }
  if (types.includes("array") || (types.length === 0 && schema.items !== undefined)) {
    if (!Array.isArray(value) && !coerce) return { value, fits: false }
    const items = Array.isArray(value) ? value : [value]
    const fitted = items.map((item) => fit(doc, schema.items, item, depth + 1, coerce))
    return { value: fitted.map((f) => f.value), fits: fitted.every((f) => f.fits) }
  }
  if (types.includes("object") || schema.properties !== undefined) {
    if (!isRecord(value)) return { value, fits: false }
    const properties = schema.properties ?? {}
    const closed = schema.properties !== undefined &&
      (schema.additionalProperties === undefined || schema.additionalProperties === false)
    const out: Record<string, unknown> = {}
    let fits = (schema.required ?? []).every((key) => key in value)
    for (const [key, item] of Object.entries(value)) {
      const property = properties[key]
      if (property === undefined) {
        if (closed) fits = false
        const additional = typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined
        const fitted = fit(doc, additional, item, depth + 1, coerce)
        out[key] = fitted.value
        fits &&= fitted.fits
        continue
      }
      const fitted = fit(doc, property, item, depth + 1, coerce)
      out[key] = fitted.value
      fits &&= fitted.fits
    }
    return { value: out, fits }
  }
  if (types.includes("string")) {
    if (typeof value === "string") return { value, fits: true }
    return coerce && (typeof value === "number" || typeof value === "boolean")
      ? { value: String(value), fits: true }
      : { value, fits: false }
  }
  if (types.includes("integer") || types.includes("number")) {
    if (typeof value === "number") return { value, fits: true }
    const number = coerce && typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN
    return Number.isFinite(number) ? { value: number, fits: true } : { value, fits: false }
  }
  if (types.includes("boolean")) return { value, fits: typeof value === "boolean" }
  return { value, fits: true }
}
