/**
 * The operations the site documents: the spec's operations joined with the SDK's registry (for method names and
 * argument keys), in a JSON-friendly shape the pages and the Try it form read. Build-time only.
 */
import { fromOpenApi, type Json, type SchemaNode } from "./schema-node.ts"
import { loadSpec, type OpenApiMedia, type OpenApiOperation } from "./spec.ts"
import { registryEntry, registrySize } from "./registry.ts"

/** @category models */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** @category models */
export interface ParameterModel {
  readonly name: string
  /** Key in the SDK's flat argument object. */
  readonly key: string
  readonly in: "path" | "query" | "header"
  readonly required: boolean
  readonly description?: string
  readonly deprecated?: boolean
  readonly example?: Json
  readonly schema: SchemaNode
}

/** @category models */
export interface Example {
  readonly name: string
  readonly value: Json
}

/** @category models */
export interface BodyModel {
  readonly contentType: string
  readonly required: boolean
  readonly schema: SchemaNode
  /** Body properties are spread into the flat argument object (otherwise passed whole under `body`). */
  readonly flat: boolean
  /** Flat key → wire name, for body properties whose name a parameter already uses. */
  readonly renamed: Readonly<Record<string, string>>
  readonly examples: ReadonlyArray<Example>
}

/** @category models */
export interface ResponseModel {
  readonly status: string
  readonly description?: string
  readonly schema?: SchemaNode
  readonly examples: ReadonlyArray<Example>
}

/** @category models */
export interface OperationModel {
  /** camelCase method name on the clients (`updateConversation`). */
  readonly name: string
  readonly operationId: string
  /** URL segment of the page (`update-conversation`). */
  readonly slug: string
  readonly method: HttpMethod
  readonly path: string
  readonly summary: string
  readonly tags: ReadonlyArray<string>
  readonly deprecated: boolean
  /** Markdown with Intercom's `{% admonition %}` blocks. */
  readonly description: string
  readonly parameters: ReadonlyArray<ParameterModel>
  readonly body: BodyModel | undefined
  readonly responses: ReadonlyArray<ResponseModel>
}

/** @category models */
export interface TagModel {
  readonly name: string
  readonly slug: string
  readonly description?: string
  readonly operations: ReadonlyArray<OperationModel>
}

const methods = ["get", "post", "put", "patch", "delete"] as const

/** `updateConversation` → `update-conversation`; `listCompaniesForAContact` → `list-companies-for-a-contact`. */
export const kebab = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase()

const examplesOf = (media: OpenApiMedia | undefined): ReadonlyArray<Example> => {
  if (!media) return []
  if (media.examples) {
    return Object.entries(media.examples)
      .filter(([, ex]) => ex.value !== undefined)
      .map(([key, ex]) => ({ name: ex.summary ?? key.replace(/_/g, " "), value: ex.value as Json }))
  }
  return media.example === undefined ? [] : [{ name: "example", value: media.example as Json }]
}

const jsonMedia = (content: Record<string, OpenApiMedia> | undefined): [string, OpenApiMedia] | undefined => {
  if (!content) return undefined
  const entries = Object.entries(content)
  return entries.find(([type]) => type.includes("json")) ?? entries[0]
}

const toModel = (method: HttpMethod, path: string, op: OpenApiOperation): OperationModel => {
  const entry = registryEntry(method, path)
  const operationId = entry.operationId
  const name = entry.name
  const parameters: Array<ParameterModel> = (op.parameters ?? [])
    .filter((p): p is typeof p & { in: "path" | "query" | "header" } => p.in !== "cookie")
    .map((p) => {
      const model: { -readonly [K in keyof ParameterModel]: ParameterModel[K] } = {
        name: p.name,
        key: entry.parameters.find((r) => r.name === p.name && r.in === p.in)?.key ?? p.name,
        in: p.in,
        required: p.required === true || p.in === "path",
        schema: fromOpenApi(p.schema),
      }
      if (p.description) model.description = p.description
      if (p.deprecated) model.deprecated = true
      if (p.example !== undefined) model.example = p.example as Json
      return model
    })
  const order = { header: 0, path: 1, query: 2 } as const
  parameters.sort((a, b) => order[a.in] - order[b.in])
  const bodyMedia = jsonMedia(op.requestBody?.content)
  const body: BodyModel | undefined = bodyMedia
    ? {
        contentType: bodyMedia[0],
        required: op.requestBody?.required === true,
        schema: fromOpenApi(bodyMedia[1].schema),
        flat: entry.body?.flat ?? false,
        renamed: entry.body?.renamed ?? {},
        examples: examplesOf(bodyMedia[1]),
      }
    : undefined
  const responses: Array<ResponseModel> = Object.entries(op.responses ?? {}).map(([status, response]) => {
    const media = jsonMedia(response.content)
    const model: { -readonly [K in keyof ResponseModel]: ResponseModel[K] } = { status, examples: examplesOf(media?.[1]) }
    if (response.description) model.description = response.description
    if (media?.[1].schema) model.schema = fromOpenApi(media[1].schema, 6)
    return model
  })
  return {
    name,
    operationId,
    slug: kebab(name),
    method,
    path,
    summary: op.summary ?? entry.summary,
    tags: op.tags && op.tags.length > 0 ? op.tags : ["Other"],
    deprecated: op.deprecated === true,
    description: op.description ?? "",
    parameters,
    body,
    responses,
  }
}

let cached: Promise<ReadonlyArray<OperationModel>> | undefined

/** Every operation of the description, in spec order. */
export const loadOperations = (): Promise<ReadonlyArray<OperationModel>> =>
  (cached ??= loadSpec().then((spec) => {
    const out: Array<OperationModel> = []
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of methods) {
        const op = item[method] as OpenApiOperation | undefined
        if (op) out.push(toModel(method.toUpperCase() as HttpMethod, path, op))
      }
    }
    if (out.length !== registrySize) throw new Error(`docs: the spec has ${out.length} operations, the SDK registry ${registrySize}`)
    const slugs = new Set<string>()
    for (const op of out) {
      if (slugs.has(op.slug)) throw new Error(`docs: two operations share the page slug ${op.slug}`)
      slugs.add(op.slug)
    }
    return out
  }))

/** Tags in the spec's order, each with its operations (an operation with two tags is listed under both). */
export const loadTags = async (): Promise<ReadonlyArray<TagModel>> => {
  const [spec, operations] = await Promise.all([loadSpec(), loadOperations()])
  const declared = (spec.tags ?? []).map((t) => t.name)
  const used = [...new Set(operations.flatMap((op) => op.tags))]
  const names = [...declared.filter((n) => used.includes(n)), ...used.filter((n) => !declared.includes(n))]
  return names.map((name) => {
    const description = spec.tags?.find((t) => t.name === name)?.description
    const tag: TagModel = {
      name,
      slug: kebab(name),
      operations: operations.filter((op) => op.tags.includes(name)),
      ...(description ? { description } : {}),
    }
    return tag
  })
}

/** The page of an operation: one canonical URL whatever its tags. */
export const operationHref = (op: Pick<OperationModel, "slug">): string => `/operations/${op.slug}/`
