// Builds the flat argument object of an operation from the OpenAPI description alone (its examples, else values
// synthesized from its schemas), so the contract suite needs no per-operation code either.
import type { OperationDescriptor, ParameterDescriptor } from "@utdk/intercom-core/Operation"
import * as Schema from "effect/Schema"

export interface OpenApiSchema {
  readonly type?: string | ReadonlyArray<string>
  readonly format?: string
  readonly enum?: ReadonlyArray<unknown>
  readonly example?: unknown
  readonly examples?: ReadonlyArray<unknown>
  readonly default?: unknown
  readonly properties?: Readonly<Record<string, OpenApiSchema>>
  readonly required?: ReadonlyArray<string>
  readonly items?: OpenApiSchema
  readonly oneOf?: ReadonlyArray<OpenApiSchema>
  readonly anyOf?: ReadonlyArray<OpenApiSchema>
  readonly allOf?: ReadonlyArray<OpenApiSchema>
  readonly minimum?: number
  readonly minItems?: number
  readonly nullable?: boolean
  readonly additionalProperties?: boolean | OpenApiSchema
}

export interface OpenApiParameter {
  readonly name: string
  readonly in: string
  readonly required?: boolean
  readonly example?: unknown
  readonly schema?: OpenApiSchema
}

interface MediaType {
  readonly schema?: OpenApiSchema
  readonly example?: unknown
  readonly examples?: Readonly<Record<string, { readonly value?: unknown }>>
}

export interface OpenApiOperation {
  readonly operationId?: string
  readonly parameters?: ReadonlyArray<OpenApiParameter>
  readonly requestBody?: { readonly content: Readonly<Record<string, MediaType>> }
}

export interface OpenApiDocument {
  readonly paths: Readonly<
    Record<string, Readonly<Record<string, unknown>> & { readonly parameters?: ReadonlyArray<OpenApiParameter> }>
  >
}

export const findSpecOperation = (spec: OpenApiDocument, descriptor: OperationDescriptor) => {
  const item = spec.paths[descriptor.path]
  const operation = item?.[descriptor.method.toLowerCase()] as OpenApiOperation | undefined
  if (item === undefined || operation === undefined) return undefined
  const byKey = new Map<string, OpenApiParameter>()
  for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) byKey.set(`${p.in}:${p.name}`, p)
  return { operation, parameters: [...byKey.values()] }
}

/** A value that satisfies `schema` as far as a mock server checks: required properties only, first enum/variant. */
export const synthesize = (
  schema: OpenApiSchema | undefined,
  depth = 0,
  variantChoice: "first" | "last" = "first",
): unknown => {
  if (schema === undefined || depth > 12) return undefined
  if (schema.example !== undefined) return schema.example
  if (schema.examples?.[0] !== undefined) return schema.examples[0]
  if (schema.enum !== undefined) return schema.enum.find((v) => v !== null)
  const variants = schema.oneOf ?? schema.anyOf ?? []
  const variant = variantChoice === "first" ? variants[0] : variants[variants.length - 1]
  if (variant !== undefined) {
    // A variant may only add constraints to its parent (`anyOf: [{ required: [id] }]`): merge them.
    const { oneOf: _o, anyOf: _a, ...parent } = schema
    return synthesize(
      {
        ...parent,
        ...variant,
        properties: { ...parent.properties, ...variant.properties },
        required: [...(parent.required ?? []), ...(variant.required ?? [])],
      },
      depth + 1,
      variantChoice,
    )
  }
  if (schema.allOf) {
    return Object.assign({}, ...schema.allOf.map((part) => synthesize(part, depth + 1, variantChoice) as object))
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type
  switch (type ?? (schema.properties ? "object" : undefined)) {
    case "object": {
      const out: Record<string, unknown> = {}
      for (const name of schema.required ?? []) {
        out[name] = synthesize(schema.properties?.[name], depth + 1, variantChoice)
      }
      return out
    }
    case "array":
      return (schema.minItems ?? 0) > 0 ? [synthesize(schema.items, depth + 1, variantChoice)] : []
    case "integer":
    case "number":
      return schema.minimum ?? 1
    case "boolean":
      return true
    case "string":
      switch (schema.format) {
        case "date-time":
          return "2024-01-01T00:00:00Z"
        case "date":
          return "2024-01-01"
        case "email":
          return "someone@example.com"
        case "uuid":
          return "8a88a590-e1c3-41e2-a502-e0649dbf721c"
        case "uri":
        case "url":
          return "https://example.com"
        default:
          return "123"
      }
    default:
      return undefined
  }
}

export const mediaExample = (media: MediaType | undefined): unknown =>
  media?.example ?? Object.values(media?.examples ?? {})[0]?.value

/** `value` as the type the descriptor's schema accepts (`123` ↔ `"123"`), or as is when nothing fits. */
const coerce = (parameter: ParameterDescriptor, value: unknown): unknown => {
  const is = Schema.is(parameter.schema as Schema.Codec<unknown, unknown>)
  for (const candidate of [value, String(value), Number(value)]) if (is(candidate)) return candidate
  return value
}

/** Where the body comes from: the spec's example, or the schema (first or last oneOf/anyOf variant). */
export type BodySource = "example" | "schema" | "schema (last variant)"

/** The flat arguments for one operation: required parameters, and the body from the spec's example or schema. */
export const buildArgs = (
  descriptor: OperationDescriptor,
  spec: NonNullable<ReturnType<typeof findSpecOperation>>,
  bodySource: BodySource,
): Record<string, unknown> => {
  const args: Record<string, unknown> = {}
  for (const parameter of descriptor.parameters) {
    if (!parameter.required) continue
    const source = spec.parameters.find((p) => p.name === parameter.name && p.in === parameter.in)
    const value = source?.example ?? synthesize(source?.schema) ?? "123"
    args[parameter.key] = coerce(parameter, value)
  }
  const body = descriptor.body
  if (body === undefined) return args
  const media = spec.operation.requestBody?.content[body.contentType]
  const value = bodySource === "example"
    ? (mediaExample(media) ?? synthesize(media?.schema))
    : synthesize(media?.schema, 0, bodySource === "schema" ? "first" : "last")
  if (value === undefined) return args
  if (!body.flat) return { ...args, body: value }
  const keyByWire = Object.fromEntries(Object.entries(body.renamed).map(([key, wire]) => [wire, key]))
  for (const [wire, v] of Object.entries(value as Record<string, unknown>)) args[keyByWire[wire] ?? wire] = v
  return args
}

/** The argument objects to try, in order: the body from the spec's example, then synthesized from the schema. */
export const argCandidates = (
  descriptor: OperationDescriptor,
  spec: NonNullable<ReturnType<typeof findSpecOperation>>,
): ReadonlyArray<{ readonly source: BodySource; readonly args: Record<string, unknown> }> => {
  const sources: ReadonlyArray<BodySource> = descriptor.body === undefined
    ? ["example"]
    : ["example", "schema", "schema (last variant)"]
  return sources.map((source) => ({ source, args: buildArgs(descriptor, spec, source) }))
}
