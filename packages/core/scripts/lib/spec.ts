/**
 * Loading Intercom's OpenAPI description with @apidevtools/swagger-parser, and the few OpenAPI 3.0 shapes the
 * generator reads. `$ref`s are kept (component names become model names) and followed through the library's
 * `$refs` API.
 */
import SwaggerParser from "@apidevtools/swagger-parser"
import { existsSync } from "node:fs"
import { join } from "node:path"

export type HttpMethodLower = "get" | "post" | "put" | "patch" | "delete"
export const HTTP_METHODS: ReadonlyArray<HttpMethodLower> = ["get", "post", "put", "patch", "delete"]

export interface Reference {
  $ref: string
}

export interface SchemaObject {
  $ref?: string
  type?: string | Array<string>
  format?: string
  nullable?: boolean
  enum?: Array<unknown>
  properties?: Record<string, SchemaObject>
  required?: Array<string>
  additionalProperties?: boolean | SchemaObject
  items?: SchemaObject
  oneOf?: Array<SchemaObject>
  anyOf?: Array<SchemaObject>
  allOf?: Array<SchemaObject>
  readOnly?: boolean
  writeOnly?: boolean
  example?: unknown
  default?: unknown
  [key: string]: unknown
}

export interface ParameterObject {
  name: string
  in: "path" | "query" | "header" | "cookie"
  required?: boolean
  schema?: SchemaObject
  style?: string
  explode?: boolean
  example?: unknown
  [key: string]: unknown
}

export interface MediaTypeObject {
  schema?: SchemaObject
  example?: unknown
  examples?: Record<string, { value?: unknown; $ref?: string }>
}

export interface ResponseObject {
  description?: string
  content?: Record<string, MediaTypeObject>
  $ref?: string
  [key: string]: unknown
}

export interface OperationObject {
  operationId?: string
  summary?: string
  tags?: Array<string>
  deprecated?: boolean
  parameters?: Array<ParameterObject | Reference>
  requestBody?: { required?: boolean; content?: Record<string, MediaTypeObject>; $ref?: string }
  responses: Record<string, ResponseObject>
  [key: string]: unknown
}

export interface PathItemObject {
  parameters?: Array<ParameterObject | Reference>
  get?: OperationObject
  post?: OperationObject
  put?: OperationObject
  patch?: OperationObject
  delete?: OperationObject
  [key: string]: unknown
}

export interface Document {
  openapi: string
  info: { title: string; version: string }
  servers?: Array<{ url: string; description?: string }>
  paths: Record<string, PathItemObject>
  components: { schemas: Record<string, SchemaObject>; [key: string]: unknown }
}

/** Where the descriptions live: $INTERCOM_OPENAPI_DIR, or `../shared/intercom-openapi` beside the repository. */
export const specDir = (repoRoot: string): string =>
  process.env["INTERCOM_OPENAPI_DIR"] ?? join(repoRoot, "..", "shared", "intercom-openapi")

/** The description of one version folder (`2.16`, `0` for Preview). */
export const specFile = (repoRoot: string, version: string): string => {
  const file = join(specDir(repoRoot), version, "api.intercom.io.yaml")
  if (!existsSync(file)) throw new Error(`generate: no OpenAPI description at ${file} (set INTERCOM_OPENAPI_DIR)`)
  return file
}

let refs: { get(ref: string): unknown } | undefined

/** Parses a description without readying `resolve` (for reading a fact of another version). */
export const parseSpec = async (file: string): Promise<Document> =>
  (await SwaggerParser.parse(file)) as unknown as Document

/** Parses the description (YAML and `$ref` bookkeeping by swagger-parser) and readies `resolve`. */
export const loadSpec = async (file: string): Promise<Document> => {
  const doc = (await SwaggerParser.parse(file)) as unknown as Document
  await refreshRefs(doc)
  return doc
}

/** Re-reads `$ref` targets after the document changed shape (the overrides add objects). */
export const refreshRefs = async (doc: Document): Promise<void> => {
  refs = await SwaggerParser.resolve(doc as never)
}

/** Follows `$ref`s (through swagger-parser's `$refs`) until a concrete object is reached. */
export const resolve = <T>(_doc: Document, value: T | Reference): T => {
  let current: unknown = value
  for (let i = 0; i < 32; i++) {
    if (!current || typeof current !== "object" || !("$ref" in current)) return current as T
    if (!refs) throw new Error("generate: resolve called before loadSpec")
    current = refs.get((current as Reference).$ref)
  }
  throw new Error("generate: $ref chain too long")
}

/** `#/components/schemas/foo` → `foo`, for references to component schemas. */
export const componentName = (ref: string): string | undefined => {
  const prefix = "#/components/schemas/"
  return ref.startsWith(prefix)
    ? decodeURIComponent(ref.slice(prefix.length)).replace(/~1/g, "/").replace(/~0/g, "~")
    : undefined
}

/** Copies path-level parameters into each operation (operation-level ones win), so every operation is complete. */
export const inlinePathParameters = (doc: Document): void => {
  for (const item of Object.values(doc.paths)) {
    const shared = item.parameters
    if (!shared) continue
    for (const method of HTTP_METHODS) {
      const operation = item[method]
      if (!operation) continue
      const own = operation.parameters ?? []
      const merged = [...own]
      for (const raw of shared) {
        const p = resolve<ParameterObject>(doc, raw)
        if (
          !own.some((o) => {
            const q = resolve<ParameterObject>(doc, o)
            return q.name === p.name && q.in === p.in
          })
        ) merged.push(p)
      }
      operation.parameters = merged
    }
    delete item.parameters
  }
}
