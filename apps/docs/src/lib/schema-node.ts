/**
 * A JSON-friendly, cycle-free view of an OpenAPI schema, shared by the page tables (server) and the Try it form
 * (browser). `fromOpenApi` is build-time only; the type and the helpers below are safe in both places.
 */

/** @category models */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/** @category models */
export type SchemaKind = "string" | "integer" | "number" | "boolean" | "object" | "array" | "map" | "union" | "any"

/** @category models */
export interface SchemaNode {
  readonly kind: SchemaKind
  readonly title?: string
  /** Markdown, as in the spec. Dropped from the copy sent to the browser. */
  readonly description?: string
  readonly format?: string
  readonly enum?: ReadonlyArray<Json>
  readonly nullable?: boolean
  readonly default?: Json
  readonly example?: Json
  readonly readOnly?: boolean
  readonly deprecated?: boolean
  /** `object`: its declared properties. */
  readonly properties?: ReadonlyArray<PropertyNode>
  /** `object` or `map`: the schema of undeclared keys (free key/value maps such as `custom_attributes`). */
  readonly values?: SchemaNode
  /** `array`: the item schema. */
  readonly items?: SchemaNode
  /** `union`: the alternatives of a oneOf/anyOf. */
  readonly variants?: ReadonlyArray<SchemaNode>
  /**
   * `object`: sets of property names of which at least one set must be given in full (a oneOf/anyOf that only lists
   * `required` names, as in `{ anyOf: [{ required: [id] }, { required: [user_id] }] }`).
   */
  readonly requireOneOf?: ReadonlyArray<ReadonlyArray<string>>
  /** Set when the schema refers back to an ancestor (or is too deep): its children are not expanded again. */
  readonly truncated?: boolean
}

/** @category models */
export interface PropertyNode {
  readonly name: string
  readonly required: boolean
  readonly schema: SchemaNode
}

/** Short type label for tables and form hints: `string`, `integer (int64)`, `array of string`, `map of any`. */
export const typeLabel = (node: SchemaNode): string => {
  switch (node.kind) {
    case "array":
      return node.items ? `array of ${typeLabel(node.items)}` : "array"
    case "map":
      return node.values ? `map of ${typeLabel(node.values)}` : "map"
    case "union":
      return (node.variants ?? []).map((v) => v.title ?? typeLabel(v)).join(" | ") || "any"
    case "object":
      return node.title ? `object (${node.title})` : "object"
    default:
      return node.format ? `${node.kind} (${node.format})` : node.kind
  }
}

/** True when the node has children worth expanding (object properties, map values, array items that are objects). */
export const hasChildren = (node: SchemaNode): boolean =>
  (node.properties?.length ?? 0) > 0 ||
  (node.kind === "union" && (node.variants?.length ?? 0) > 0) ||
  (node.kind === "array" && node.items !== undefined && hasChildren(node.items)) ||
  (node.kind === "map" && node.values !== undefined && hasChildren(node.values))

/** Copy without prose, read-only properties and non-scalar examples: what the Try it form needs. */
export const forForm = (node: SchemaNode): SchemaNode => {
  const { description: _d, example, ...rest } = node
  const out: { -readonly [K in keyof SchemaNode]: SchemaNode[K] } = { ...rest }
  if (example !== undefined && (example === null || typeof example !== "object")) out.example = example
  if (node.properties) {
    out.properties = node.properties
      .filter((p) => !p.schema.readOnly)
      .map((p) => ({ name: p.name, required: p.required, schema: forForm(p.schema) }))
  }
  if (node.values) out.values = forForm(node.values)
  if (node.items) out.items = forForm(node.items)
  if (node.variants) out.variants = node.variants.map(forForm)
  return out
}

type OpenApiSchema = { readonly [key: string]: unknown }

const isSchema = (u: unknown): u is OpenApiSchema => typeof u === "object" && u !== null && !Array.isArray(u)

/** Merges an allOf into one schema (properties and required lists concatenated, the rest last-wins). */
const mergeAllOf = (schema: OpenApiSchema): OpenApiSchema => {
  const parts = Array.isArray(schema.allOf) ? schema.allOf.filter(isSchema) : []
  if (parts.length === 0) return schema
  const { allOf: _a, ...own } = schema
  let merged: Record<string, unknown> = {}
  for (const part of [...parts.map(mergeAllOf), own]) {
    const properties = { ...(isSchema(merged.properties) ? merged.properties : {}), ...(isSchema(part.properties) ? part.properties : {}) }
    const required = [...(Array.isArray(merged.required) ? merged.required : []), ...(Array.isArray(part.required) ? part.required : [])]
    merged = { ...merged, ...part, properties, required }
  }
  if (merged.type === undefined && Object.keys(merged.properties as object).length > 0) merged.type = "object"
  return merged
}

const alternativesOf = (schema: OpenApiSchema): ReadonlyArray<unknown> | undefined =>
  Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined

/** A oneOf/anyOf beside declared properties whose variants only say which of those properties are required. */
const requiredOnlyVariants = (schema: OpenApiSchema): ReadonlyArray<ReadonlyArray<string>> | undefined => {
  const alternatives = alternativesOf(schema)
  if (!alternatives || !isSchema(schema.properties)) return undefined
  const sets: Array<ReadonlyArray<string>> = []
  for (const alt of alternatives) {
    if (!isSchema(alt) || !Array.isArray(alt.required) || alt.properties !== undefined || alt.type !== undefined) return undefined
    sets.push(alt.required.filter((name): name is string => typeof name === "string"))
  }
  return sets
}

/** Folds an object's own properties into each of its oneOf/anyOf variants, so each variant is complete. */
const withParentProperties = (schema: OpenApiSchema): OpenApiSchema => {
  const alternatives = alternativesOf(schema)
  if (!alternatives || !isSchema(schema.properties)) return schema
  const { oneOf: _o, anyOf: _a, ...parent } = schema
  return { ...schema, oneOf: alternatives.map((alt) => mergeAllOf({ allOf: [parent, alt] })), anyOf: undefined }
}

const kindOf = (schema: OpenApiSchema): SchemaKind => {
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return "union"
  switch (schema.type) {
    case "string":
    case "integer":
    case "number":
    case "boolean":
      return schema.type
    case "array":
      return "array"
    case "object": {
      const hasProps = isSchema(schema.properties) && Object.keys(schema.properties).length > 0
      return hasProps || schema.additionalProperties === undefined || schema.additionalProperties === false ? "object" : "map"
    }
    default:
      if (isSchema(schema.properties)) return "object"
      if (isSchema(schema.items)) return "array"
      return "any"
  }
}

const jsonOrUndefined = (u: unknown): Json | undefined => (u === undefined ? undefined : (u as Json))

/**
 * Converts a dereferenced OpenAPI 3.0 schema (swagger-parser output, which may be cyclic) into a SchemaNode.
 * `maxDepth` bounds the tree for very deep response models.
 */
export const fromOpenApi = (input: unknown, maxDepth = 8): SchemaNode => {
  const walk = (raw: unknown, ancestors: ReadonlyArray<unknown>): SchemaNode => {
    if (!isSchema(raw)) return { kind: "any" }
    const merged = mergeAllOf(raw)
    const requireOneOf = requiredOnlyVariants(merged)
    const schema = requireOneOf ? { ...merged, oneOf: undefined, anyOf: undefined } : withParentProperties(merged)
    const kind = kindOf(schema)
    const node: { -readonly [K in keyof SchemaNode]: SchemaNode[K] } = { kind }
    if (typeof schema.title === "string") node.title = schema.title
    if (typeof schema.description === "string" && schema.description.trim() !== "") node.description = schema.description
    if (typeof schema.format === "string") node.format = schema.format
    if (Array.isArray(schema.enum)) node.enum = schema.enum as ReadonlyArray<Json>
    if (schema.nullable === true) node.nullable = true
    const def = jsonOrUndefined(schema.default)
    if (def !== undefined) node.default = def
    const example = jsonOrUndefined(schema.example)
    if (example !== undefined) node.example = example
    if (schema.readOnly === true) node.readOnly = true
    if (schema.deprecated === true) node.deprecated = true
    if (requireOneOf) node.requireOneOf = requireOneOf
    if (ancestors.includes(raw) || ancestors.length >= maxDepth) {
      if (kind === "object" || kind === "array" || kind === "union" || kind === "map") node.truncated = true
      return node
    }
    const next = [...ancestors, raw]
    if (kind === "union") {
      const alts = (Array.isArray(schema.oneOf) ? schema.oneOf : schema.anyOf) as ReadonlyArray<unknown>
      // A oneOf with a single member is that member (the spec wraps some bodies so).
      if (alts.length === 1) {
        const only = walk(alts[0], next)
        return { ...only, ...(node.description && !only.description ? { description: node.description } : {}), ...(node.nullable ? { nullable: true } : {}) }
      }
      node.variants = alts.map((alt) => walk(alt, next))
    }
    if (kind === "object" && isSchema(schema.properties)) {
      const required = new Set(Array.isArray(schema.required) ? schema.required : [])
      node.properties = Object.entries(schema.properties).map(([name, prop]) => ({
        name,
        required: required.has(name),
        schema: walk(prop, next),
      }))
    }
    if ((kind === "object" || kind === "map") && isSchema(schema.additionalProperties)) {
      node.values = walk(schema.additionalProperties, next)
    } else if (kind === "map") {
      node.values = { kind: "any" }
    }
    if (kind === "array") node.items = walk(schema.items, next)
    return node
  }
  return walk(input, [])
}
