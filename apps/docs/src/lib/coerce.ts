/**
 * Spec examples as the schema says they should be: a number or boolean where the schema asks for a string
 * (createTicket's `ticket_type_id: 88` → `"88"`). Nothing else is changed: a value that fits, a key the schema does
 * not list, a union the value could belong to as it is. Each change is reported so the page can say what it did.
 */
import type { Json, SchemaNode } from "./schema-node.ts"

/** @category models */
export interface Coerced {
  readonly value: Json
  /** `ticket_type_id: 88 → "88"`, one per changed value. */
  readonly changes: ReadonlyArray<string>
}

const isRecord = (v: Json): v is { readonly [key: string]: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** Whether the schema takes a string and nothing else a number or boolean would already be. */
const wantsString = (node: SchemaNode, value: number | boolean): boolean => {
  if (node.kind === "string") return node.enum === undefined || node.enum.includes(String(value))
  if (node.kind !== "union") return false
  const variants = node.variants ?? []
  const fitsAsIs = variants.some((v) =>
    v.kind === "any" ||
    v.kind === (typeof value === "boolean" ? "boolean" : Number.isInteger(value) ? "integer" : "number") ||
    (v.kind === "integer" && typeof value === "number" && Number.isInteger(value)) ||
    (v.kind === "number" && typeof value === "number")
  )
  return !fitsAsIs && variants.some((v) => wantsString(v, value))
}

const walk = (node: SchemaNode | undefined, value: Json, at: string, changes: Array<string>): Json => {
  if (node === undefined) return value
  if ((typeof value === "number" || typeof value === "boolean") && wantsString(node, value)) {
    changes.push(`${at || "body"}: ${JSON.stringify(value)} → ${JSON.stringify(String(value))}`)
    return String(value)
  }
  if (Array.isArray(value)) {
    return node.kind === "array"
      ? value.map((v, i) => walk(node.items, v, `${at}[${i}]`, changes))
      : value
  }
  if (!isRecord(value) || node.kind !== "object") return value
  const props = new Map((node.properties ?? []).map((p) => [p.name, p.schema]))
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, walk(props.get(k) ?? node.values, v, at ? `${at}.${k}` : k, changes)]),
  )
}

/** `value` with numbers and booleans turned to strings where the schema asks for a string. */
export const coerceToSchema = (schema: SchemaNode, value: Json): Coerced => {
  const changes: Array<string> = []
  return { value: walk(schema, value, "", changes), changes }
}
