/**
 * One operation of the (corrected) description → the source of `generated/operations/<name>.ts`: its descriptor,
 * its flat `<Name>Params` type and its decoded `<Name>Result` type.
 */
import type { Overrides } from "./overrides.ts"
import type { OperationEntry } from "./overrides.ts"
import type { Context, ObjectVariant, SchemaEmitter } from "./schemas.ts"
import { objectVariants, primaryType, typeDeclaration } from "./schemas.ts"
import type { Document, MediaTypeObject, ParameterObject, ResponseObject, SchemaObject } from "./spec.ts"
import { resolve } from "./spec.ts"
import { methodName, oneLine, operationTypeName, propertyKey } from "./names.ts"
import { IDEMPOTENT_METHODS } from "./facts.ts"

export type PaginationStyle = "none" | "cursor" | "searchCursor" | "page" | "scroll"

export interface OperationSource {
  readonly name: string
  readonly operationId: string
  readonly method: string
  readonly path: string
  /** Model exports the module imports, as `component|mode`. */
  readonly uses: Set<string>
  /** Module body after the imports. */
  readonly body: string
}

const LOCATION_ORDER = { path: 0, query: 1, header: 2 } as const

export const makeOperation = (
  doc: Document,
  emitter: SchemaEmitter,
  overrides: Overrides,
  { method, path, operation }: OperationEntry,
): OperationSource => {
  const operationId = operation.operationId
  if (!operationId) throw new Error(`generate: ${method} ${path} has no operationId (add one to the overrides)`)
  const name = methodName(operationId)
  const typePrefix = operationTypeName(name)
  const ctx: Context = { mode: "request", current: undefined, uses: new Set() }
  const responseCtx: Context = { mode: "response", current: undefined, uses: ctx.uses }

  // Parameters: path, then query, then header, each in spec order.
  const parameters = (operation.parameters ?? [])
    .map((raw) => resolve<ParameterObject>(doc, raw))
    .filter((p): p is ParameterObject & { in: "path" | "query" | "header" } => p.in !== "cookie")
    .map((p, index) => ({ p, index }))
    .sort((a, b) => LOCATION_ORDER[a.p.in] - LOCATION_ORDER[b.p.in] || a.index - b.index)
    .map(({ p }) => p)
  for (const placeholder of path.matchAll(/\{([^}]+)\}/g)) {
    if (!parameters.some((p) => p.in === "path" && p.name === placeholder[1])) {
      throw new Error(`generate: ${operationId}: no path parameter for {${placeholder[1]}}`)
    }
  }
  const paramNames = new Set(parameters.map((p) => p.name))
  const paramFields: Array<string> = []
  const paramDescriptors: Array<string> = []
  for (const p of parameters) {
    const schema = p.schema ?? {}
    const e = emitter.emit(schema, ctx, 3)
    const required = p.in === "path" || p.required === true
    // A name declared in two locations (path and query) is one flat key whose value goes to both.
    if (!paramFields.some((f) => f.startsWith(`  readonly ${propertyKey(p.name)}`))) paramFields.push(field(p.name, e.type, required))
    const t = primaryType(resolve<SchemaObject>(doc, schema))
    const style = p.in === "query" && (t === "array" || t === "object") ? (p.style === "deepObject" ? "deepObject" : "form") : undefined
    paramDescriptors.push(
      `    {\n` +
        `      name: ${JSON.stringify(p.name)},\n` +
        `      key: ${JSON.stringify(p.name)},\n` +
        `      in: ${JSON.stringify(p.in)},\n` +
        `      required: ${required},\n` +
        `      schema: ${e.code},\n` +
        (style ? `      style: ${JSON.stringify(style)},\n` : "") +
        `    },\n`,
    )
  }

  // Body: object bodies are spread into the flat argument object, anything else goes under `body`.
  let bodyDescriptor = "undefined"
  // Body fields of the flat argument: one list, or one per alternative when the body is a union of objects.
  let bodyFields: Array<string> = []
  const requestBody = operation.requestBody ? resolve<NonNullable<typeof operation.requestBody>>(doc, operation.requestBody) : undefined
  if (requestBody?.content) {
    const [contentType, media] = pickMedia(requestBody.content)
    const bodySchema = media?.schema ?? {}
    const bodyRequired = requestBody.required === true
    const e = emitter.emit(bodySchema, ctx, 2, false, true)
    const variants = bodyVariants(doc, bodySchema)
    const renamed = new Map<string, string>()
    if (variants) {
      bodyFields = variants.map(({ fields, required }) =>
        fields
          .filter((f) => !(resolve<SchemaObject>(doc, f.property).readOnly === true && !f.property.$ref))
          .map((f) => {
            const key = paramNames.has(f.key) ? `body_${f.key}` : f.key
            if (key !== f.key) renamed.set(key, f.key)
            // Required as the body schema says, even when the spec leaves the body itself optional (73 of 89
            // bodies): a body that is sent must be complete, and the runtime validates it against that schema.
            return field(key, emitter.emit(f.property, ctx, 1).type, required.has(f.key))
          })
          .join(""),
      )
    } else {
      bodyFields = [field("body", e.type, bodyRequired)]
    }
    const renamedCode = [...renamed]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${propertyKey(k)}: ${JSON.stringify(v)}`)
    bodyDescriptor =
      `{\n` +
      `    contentType: ${JSON.stringify(contentType)},\n` +
      `    required: ${bodyRequired},\n` +
      `    schema: ${e.code},\n` +
      `    flat: ${variants !== undefined},\n` +
      `    renamed: {${renamedCode.length ? ` ${renamedCode.join(", ")} ` : ""}},\n` +
      `  }`
  }

  // Success: the lowest 2xx (3xx when there is none, e.g. a redirect to a recording).
  const statuses = Object.keys(operation.responses).filter((s) => /^[1-5][0-9][0-9]$/.test(s)).map(Number).sort((a, b) => a - b)
  const successStatus = statuses.find((s) => s >= 200 && s < 300) ?? statuses.find((s) => s >= 300 && s < 400)
  if (successStatus === undefined) throw new Error(`generate: ${operationId} declares no success response`)
  const successResponse = resolve<ResponseObject>(doc, operation.responses[String(successStatus)]!)
  // JSON, or text (a call transcript), which the runtime decodes as the string it is.
  const content = successResponse.content ?? {}
  const successMedia = content["application/json"] ?? Object.entries(content).find(([type]) => type.startsWith("text/"))?.[1]
  const success = successMedia?.schema ? emitter.emit(successMedia.schema, responseCtx, 2, false, true) : undefined
  const errorStatuses = statuses.filter((s) => s >= 400)

  const pagination =
    overrides.pagination.find((p) => p.operation === operationId)?.style ?? derivePagination(doc, method, path, parameters, requestBody?.content)
  // Searches whose body carries Intercom's query language get it checked before sending.
  const searchQuery = pagination === "searchCursor" && bodyFields.some((fields) => /^  readonly query\??:/m.test(fields))
  // Accept: JSON for JSON schemas; anything for text (a transcript), redirects and empty answers. A list with
  // q-values would be more exact, but Prism (the contract suite's mock) honours only its first entry.
  const accept = success && content["application/json"] ? "application/json" : "*/*"
  const retrySafe = (IDEMPOTENT_METHODS as ReadonlyArray<string>).includes(method.toUpperCase()) || overrides.retrySafe.some((r) => r.operation === operationId)

  const paramsBlock = paramFields.join("")
  let paramsDecl: string
  if (bodyFields.length > 1) {
    const alternatives = bodyFields.map((fields) => `  | {\n${fields.replace(/^/gm, "    ").trimEnd()}\n    }\n`).join("")
    paramsDecl = `export type ${typePrefix}Params = {\n${paramsBlock}} & (\n${alternatives})\n`
  } else {
    const all = paramsBlock + (bodyFields[0] ?? "")
    paramsDecl = all ? `export interface ${typePrefix}Params {\n${all}}\n` : `export interface ${typePrefix}Params {}\n`
  }
  // No schema: nothing for 204/205, and whatever arrives (a download, a redirect) for anything else.
  const resultType = success ? success.type : successStatus === 204 || successStatus === 205 || Object.keys(content).length === 0 && successStatus === 202 ? "void" : "unknown"
  const resultDecl = success ? typeDeclaration(`${typePrefix}Result`, success) : `export type ${typePrefix}Result = ${resultType}\n`

  const summary = oneLine(operation.summary)
  const body =
    `/** The flat argument of {@link ${name}}: path, query, header and body fields together. */\n` +
    paramsDecl +
    `\n/** The decoded success response of {@link ${name}}. */\n` +
    resultDecl +
    `\n/**\n * ${summary ? summary.replace(/\*\//g, "*\\/") : name}\n *\n * @category operations\n */\n` +
    `export const ${name}: Operation<${typePrefix}Params, ${typePrefix}Result, ${JSON.stringify(pagination)}> = {\n` +
    `  name: ${JSON.stringify(name)},\n` +
    `  operationId: ${JSON.stringify(operationId)},\n` +
    `  method: ${JSON.stringify(method.toUpperCase())},\n` +
    `  path: ${JSON.stringify(path)},\n` +
    `  summary: ${JSON.stringify(summary)},\n` +
    `  tags: [${(operation.tags ?? []).map((t) => JSON.stringify(t)).join(", ")}],\n` +
    `  deprecated: ${operation.deprecated === true},\n` +
    `  parameters: [${paramDescriptors.length ? `\n${paramDescriptors.join("")}  ` : ""}],\n` +
    `  body: ${bodyDescriptor},\n` +
    `  success: { status: ${successStatus}, schema: ${success ? success.code : "undefined"} },\n` +
    `  errorStatuses: [${errorStatuses.join(", ")}],\n` +
    `  pagination: ${JSON.stringify(pagination)},\n` +
    `  retrySafe: ${retrySafe},\n` +
    `  searchQuery: ${searchQuery},\n` +
    `  accept: ${JSON.stringify(accept)},\n` +
    `}\n`
  return { name, operationId, method, path, uses: ctx.uses, body }
}

/** One property of a `<Name>Params` type. Optional ones also take `undefined`, for callers passing maybe-values. */
const field = (key: string, type: string, required: boolean): string =>
  required ? `  readonly ${propertyKey(key)}: ${type}\n` : `  readonly ${propertyKey(key)}?: ${type} | undefined\n`

const pickMedia = (content: Record<string, MediaTypeObject>): [string, MediaTypeObject | undefined] => {
  for (const type of ["application/json", "multipart/form-data", "application/x-www-form-urlencoded"]) {
    if (content[type]) return [type, content[type]]
  }
  const [first] = Object.keys(content)
  throw new Error(`generate: unsupported request content type ${first}`)
}

/**
 * The property lists a body can have (one per alternative), or `undefined` when the body is not an object with
 * declared properties: then it is passed whole under `body`.
 */
const bodyVariants = (doc: Document, schema: SchemaObject): Array<ObjectVariant> | undefined => {
  const variants = objectVariants(doc, schema)
  return variants?.every((v) => v.fields.length > 0) ? variants : undefined
}

/** Pagination from the parameters (see PaginationStyle in src/Operation.ts); the overrides file has the last word. */
const derivePagination = (
  doc: Document,
  method: string,
  path: string,
  parameters: ReadonlyArray<ParameterObject>,
  content: Record<string, MediaTypeObject> | undefined,
): PaginationStyle => {
  const query = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name))
  if (query.has("starting_after")) return "cursor"
  if (method === "post" && path.endsWith("/search") && content?.["application/json"]?.schema) {
    const variants = objectVariants(doc, content["application/json"].schema)
    if (variants?.some((v) => v.fields.some((f) => f.key === "pagination"))) return "searchCursor"
  }
  if (query.has("scroll_param")) return "scroll"
  if (query.has("page") && query.has("per_page")) return "page"
  return "none"
}
