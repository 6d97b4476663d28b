/**
 * The docs manifest (`src/generated/manifest.json`, read by the docs app, not published; its types are
 * `src/Manifest.ts`): per operation its page slug, sidebar group, Markdown descriptions with Intercom's callouts
 * converted to directive asides, parameter and body field docs, examples and a form-ready schema tree. It carries
 * the spec's prose, so it is build output and never committed. Deterministic: the same description gives the same
 * bytes.
 */
import SwaggerParser from "@apidevtools/swagger-parser"
import type {
  DocsManifest,
  Example,
  Json,
  OperationDoc,
  ParameterDoc,
  RequestValues,
  ResponseDoc,
  SchemaKind,
  SchemaNode,
  TagDoc,
} from "../../src/Manifest.ts"
import { methodName } from "./names.ts"
import { ADMONITION, admonitionAttributes, DOCS_SITE, pageSlug } from "./prose.ts"
import { listOperations } from "./overrides.ts"
import type { Document, MediaTypeObject, OperationObject, ParameterObject } from "./spec.ts"

// --- Descriptions ------------------------------------------------------------------------------------------------

/** Intercom's admonition types → the aside variants Starlight (and most directive renderers) know. */
const asideTypes: Record<string, string> = {
  info: "note",
  note: "note",
  tip: "tip",
  success: "tip",
  warning: "caution",
  caution: "caution",
  danger: "danger",
  error: "danger",
}

/** Removes the indentation every non-blank line shares (YAML block scalars keep theirs). */
const dedent = (text: string): string => {
  const lines = text.split("\n")
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0)
  const cut = indents.length === 0 ? 0 : Math.min(...indents)
  return lines.map((l) => l.slice(cut)).join("\n").trim()
}

const dropTags = (text: string): string => text.replace(/\{%[^%]*%\}/g, "")

/**
 * Spec Markdown → Markdown with `:::type[Title]` asides on their own lines; unknown `{% %}` tags are dropped.
 * Empty when nothing is left.
 */
export const convertDescription = (markdown: string): string => {
  const parts: Array<string> = []
  let last = 0
  for (const match of markdown.matchAll(ADMONITION)) {
    parts.push(dedent(dropTags(markdown.slice(last, match.index))))
    const attrs = admonitionAttributes(match[1] ?? "")
    const type = asideTypes[attrs.type] ?? "note"
    const title = attrs.name?.replace(/[[\]]/g, "")
    parts.push(`:::${type}${title ? `[${title}]` : ""}\n${dedent(dropTags(match[2] ?? ""))}\n:::`)
    last = match.index + match[0].length
  }
  parts.push(dedent(dropTags(markdown.slice(last))))
  return parts.filter((p) => p !== "").join("\n\n")
}

// --- Schemas -----------------------------------------------------------------------------------------------------

type OpenApiSchema = { readonly [key: string]: unknown }

const isSchema = (u: unknown): u is OpenApiSchema => typeof u === "object" && u !== null && !Array.isArray(u)

/** Merges an allOf into one schema (properties and required lists concatenated, the rest last-wins). */
const mergeAllOf = (schema: OpenApiSchema): OpenApiSchema => {
  const parts = Array.isArray(schema.allOf) ? schema.allOf.filter(isSchema) : []
  if (parts.length === 0) return schema
  const { allOf: _a, ...own } = schema
  let merged: Record<string, unknown> = {}
  for (const part of [...parts.map(mergeAllOf), own]) {
    const properties = {
      ...(isSchema(merged.properties) ? merged.properties : {}),
      ...(isSchema(part.properties) ? part.properties : {}),
    }
    const required = [
      ...(Array.isArray(merged.required) ? merged.required : []),
      ...(Array.isArray(part.required) ? part.required : []),
    ]
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
    if (!isSchema(alt) || !Array.isArray(alt.required) || alt.properties !== undefined || alt.type !== undefined) {
      return undefined
    }
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
      return hasProps || schema.additionalProperties === undefined || schema.additionalProperties === false
        ? "object"
        : "map"
    }
    default:
      if (isSchema(schema.properties)) return "object"
      if (isSchema(schema.items)) return "array"
      return "any"
  }
}

const isScalarKind = (kind: SchemaKind): boolean =>
  kind === "string" || kind === "integer" || kind === "number" || kind === "boolean"

const numericKeywords = ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"] as const

/**
 * A dereferenced OpenAPI 3.0 schema (which may be cyclic) → a SchemaNode. `maxDepth` bounds very deep response
 * models.
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
    if (typeof schema.description === "string") {
      const description = convertDescription(schema.description)
      if (description !== "") node.description = description
    }
    if (typeof schema.format === "string") node.format = schema.format
    if (Array.isArray(schema.enum)) node.enum = schema.enum as ReadonlyArray<Json>
    if (schema.nullable === true) node.nullable = true
    if (schema.default !== undefined) node.default = schema.default as Json
    if (schema.example !== undefined) node.example = schema.example as Json
    if (schema.readOnly === true) node.readOnly = true
    if (schema.deprecated === true) node.deprecated = true
    for (const keyword of numericKeywords) if (typeof schema[keyword] === "number") node[keyword] = schema[keyword]
    if (typeof schema.pattern === "string") node.pattern = schema.pattern
    if (requireOneOf) node.requireOneOf = requireOneOf
    // An example that is not a valid value (a non-uuid in a uuid field, `123 or "last"`) would mislead as a hint.
    if (node.example !== undefined && isScalarKind(kind) && !fits(node, node.example)) delete node.example
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
        return {
          ...only,
          ...(node.description && !only.description ? { description: node.description } : {}),
          ...(node.nullable ? { nullable: true } : {}),
        }
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

// --- Example values ----------------------------------------------------------------------------------------------

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether a scalar is a valid value of the node: type, enum, format, bounds and pattern. */
export const fits = (node: SchemaNode, value: Json | undefined): value is Json => {
  if (value === undefined) return false
  if (value === null) return node.nullable === true
  if (node.enum && node.enum.length > 0) return node.enum.some((e) => e === value)
  switch (node.kind) {
    case "string": {
      if (typeof value !== "string") return false
      if (node.minLength !== undefined && value.length < node.minLength) return false
      if (node.maxLength !== undefined && value.length > node.maxLength) return false
      if (node.pattern !== undefined && !safeTest(node.pattern, value)) return false
      if (node.format === "uuid") return uuidPattern.test(value)
      if (node.format === "date-time") return !Number.isNaN(Date.parse(value))
      if (node.format === "email") return /^[^\s@]+@[^\s@]+$/.test(value)
      if (node.format === "uri" || node.format === "url") return /^https?:\/\/\S+$/.test(value)
      return true
    }
    case "integer":
    case "number":
      if (typeof value !== "number" || (node.kind === "integer" && !Number.isInteger(value))) return false
      return (node.minimum === undefined || value >= node.minimum) &&
        (node.maximum === undefined || value <= node.maximum)
    case "boolean":
      return typeof value === "boolean"
    case "union":
      return (node.variants ?? []).some((v) => fits(v, value))
    default:
      return false
  }
}

const safeTest = (pattern: string, value: string): boolean => {
  try {
    return new RegExp(pattern).test(value)
  } catch {
    return true
  }
}

/** A string that is a valid value of the node when no example fits. */
const placeholderString = (node: SchemaNode): string => {
  switch (node.format) {
    case "uuid":
      return "123e4567-e89b-42d3-a456-426614174000"
    case "date-time":
      return "2024-05-01T10:00:00Z"
    case "date":
      return "2024-05-01"
    case "email":
      return "someone@example.com"
    case "uri":
    case "url":
      return "https://example.com"
    default: {
      const text = "example"
      return node.minLength !== undefined && text.length < node.minLength ? text.padEnd(node.minLength, "x") : text
    }
  }
}

const placeholderNumber = (node: SchemaNode, preferred: number): number => {
  let n = preferred
  if (node.minimum !== undefined && n < node.minimum) {
    n = node.kind === "integer"
      ? Math.ceil(node.minimum)
      : node.minimum
  }
  if (node.maximum !== undefined && n > node.maximum) {
    n = node.kind === "integer"
      ? Math.floor(node.maximum)
      : node.maximum
  }
  return n
}

/** A value of the node's type: its example or default when they fit, else the first enum value, else a placeholder. */
export const exampleOf = (node: SchemaNode, allOptional = false, depth = 0): Json => {
  if (fits(node, node.example)) return node.example
  if (fits(node, node.default)) return node.default
  if (node.enum && node.enum.length > 0 && node.enum[0] !== null && node.enum[0] !== undefined) return node.enum[0]
  switch (node.kind) {
    case "string":
      return placeholderString(node)
    case "integer":
      return placeholderNumber(node, node.format === "date-time" || node.format === "unix-timestamp" ? 1714557600 : 1)
    case "number":
      return placeholderNumber(node, 1.5)
    case "boolean":
      return true
    case "array": {
      const count = Math.max(1, node.minItems ?? 1)
      return node.items && depth < 6
        ? Array.from({ length: count }, () => exampleOf(node.items!, false, depth + 1))
        : []
    }
    case "map":
      return node.values && depth < 6 ? { key: exampleOf(node.values, false, depth + 1) } : {}
    case "union":
      return node.variants?.[0] && depth < 6 ? exampleOf(node.variants[0], allOptional, depth) : "example"
    case "object": {
      const out: Record<string, Json> = {}
      const chosen = new Set(node.requireOneOf?.[0] ?? [])
      const writable = (node.properties ?? []).filter((p) => !p.schema.readOnly)
      // An object none of whose fields is required still needs some to say anything (a search filter's field,
      // operator and value): then all of them.
      const all = allOptional || (depth > 0 && chosen.size === 0 && !writable.some((p) => p.required))
      for (const p of writable) {
        if ((!p.required && !chosen.has(p.name) && !all) || depth >= 6) continue
        out[p.name] = exampleOf(p.schema, false, depth + 1)
      }
      return out
    }
    default:
      return "example"
  }
}

/** The body a call cannot leave out: its required fields (an object body's fields are required as its schema says). */
const requiredBody = (schema: SchemaNode, required: boolean): Json | undefined => {
  const value = exampleOf(schema)
  const empty = typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  return required || (typeof value === "object" && value !== null && !Array.isArray(value) && !empty)
    ? value
    : undefined
}

/** Path segments must stay one segment as typed: no spaces, quotes, slashes or dot segments. */
const fitsPath = (value: Json): boolean =>
  (typeof value === "number" || typeof value === "string") &&
  /^[A-Za-z0-9_~:@!$&*+,;=-][A-Za-z0-9_.~:@!$&*+,;=-]*$/.test(String(value))

const parameterExample = (p: ParameterDoc, example: unknown): Json | undefined => {
  if (example === undefined || (typeof example === "object" && example !== null)) return undefined
  const value = example as Json
  // Ids documented as integers are sent as text: a number example of a string id still fits.
  const candidate = p.schema.kind === "string" && typeof value === "number" ? String(value) : value
  if (!fits(p.schema, candidate) && !(p.schema.kind === "any")) return undefined
  return p.in === "path" && !fitsPath(candidate) ? undefined : candidate
}

// --- Operations --------------------------------------------------------------------------------------------------

const examplesOf = (media: MediaTypeObject | undefined): ReadonlyArray<Example> => {
  if (!media) return []
  if (media.examples) {
    return Object.entries(media.examples)
      .filter(([, ex]) => ex.value !== undefined)
      .map(([key, ex]) => ({
        name: (ex as { summary?: string }).summary ?? key.replace(/_/g, " "),
        value: ex.value as Json,
      }))
  }
  return media.example === undefined ? [] : [{ name: "example", value: media.example as Json }]
}

const jsonMedia = (content: Record<string, MediaTypeObject> | undefined): [string, MediaTypeObject] | undefined => {
  if (!content) return undefined
  const entries = Object.entries(content)
  return entries.find(([type]) => type.includes("json")) ?? entries[0]
}

const order = { header: 0, path: 1, query: 2 } as const

const operationDoc = (method: string, path: string, op: OperationObject): OperationDoc => {
  const name = methodName(op.operationId ?? "")
  const parameters: Array<ParameterDoc> = ((op.parameters ?? []) as Array<ParameterObject>)
    .filter((p): p is ParameterObject & { in: "path" | "query" | "header" } => p.in !== "cookie")
    .map((p) => {
      const doc: { -readonly [K in keyof ParameterDoc]: ParameterDoc[K] } = {
        name: p.name,
        in: p.in,
        required: p.required === true || p.in === "path",
        schema: fromOpenApi(p.schema),
      }
      const description = typeof p.description === "string" ? convertDescription(p.description) : ""
      if (description !== "") doc.description = description
      if (p.deprecated === true) doc.deprecated = true
      const example = parameterExample(doc, p.example)
      if (example !== undefined) doc.example = example
      return doc
    })
    .sort((a, b) => order[a.in] - order[b.in])
  const bodyMedia = jsonMedia(op.requestBody?.content)
  const body = bodyMedia && {
    contentType: bodyMedia[0],
    required: op.requestBody?.required === true,
    schema: fromOpenApi(bodyMedia[1].schema),
    examples: examplesOf(bodyMedia[1]),
  }
  const responses: Array<ResponseDoc> = Object.entries(op.responses ?? {}).map(([status, response]) => {
    const media = jsonMedia(response.content)
    const doc: { -readonly [K in keyof ResponseDoc]: ResponseDoc[K] } = { status, examples: examplesOf(media?.[1]) }
    if (response.description) doc.description = convertDescription(response.description)
    if (media?.[1].schema) doc.schema = fromOpenApi(media[1].schema, 6)
    return doc
  })
  const by = { header: {} as Record<string, Json>, path: {} as Record<string, Json>, query: {} as Record<string, Json> }
  for (const p of parameters) if (p.required) by[p.in][p.name] = p.example ?? exampleOf(p.schema)
  const tags = op.tags && op.tags.length > 0 ? op.tags : ["Other"]
  return {
    name,
    slug: pageSlug(name),
    group: tags[0]!,
    method: method.toUpperCase() as OperationDoc["method"],
    path,
    summary: op.summary ?? name,
    tags,
    deprecated: op.deprecated === true,
    description: typeof op.description === "string" ? convertDescription(op.description) : "",
    parameters,
    body,
    responses,
    exampleValues: { ...by, body: body ? exampleOf(body.schema, true) : undefined } satisfies RequestValues,
    requiredValues: {
      ...by,
      body: body ? requiredBody(body.schema, body.required) : undefined,
    } satisfies RequestValues,
  }
}

/** The manifest of a corrected description (overrides applied), as JSON text. */
export const renderManifest = async (doc: Document): Promise<string> => `${JSON.stringify(await buildManifest(doc))}\n`

/** The manifest of a corrected description (overrides applied). */
export const buildManifest = async (doc: Document): Promise<DocsManifest> => {
  // Dereferenced on a copy: the registry's generation reads the `$ref`s (component names become model names).
  const deref = (await SwaggerParser.dereference(structuredClone(doc) as never)) as unknown as Document & {
    tags?: Array<{ name: string; description?: string }>
  }
  const operations = listOperations(deref).map(({ method, path, operation }) => operationDoc(method, path, operation))
  const slugs = new Set<string>()
  for (const op of operations) {
    if (slugs.has(op.slug)) throw new Error(`generate: two operations share the docs slug ${op.slug}`)
    slugs.add(op.slug)
  }
  const declared = (deref.tags ?? []).map((t) => t.name)
  const used = [...new Set(operations.flatMap((op) => op.tags))]
  const tags: Array<TagDoc> = [
    ...declared.filter((n) => used.includes(n)),
    ...used.filter((n) => !declared.includes(n)),
  ].map((name) => {
    const description = convertDescription(deref.tags?.find((t) => t.name === name)?.description ?? "")
    return {
      name,
      slug: pageSlug(name),
      ...(description !== "" ? { description } : {}),
      operations: operations.filter((op) => op.tags.includes(name)).map((op) => op.name),
    }
  })
  return { apiVersion: doc.info.version, site: DOCS_SITE, tags, operations }
}
