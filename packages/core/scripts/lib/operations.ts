/**
 * One operation of the (corrected) description → the source of `generated/operations/<name>.ts`: its descriptor,
 * its flat `<Name>Params` type and its decoded `<Name>Result` type.
 */
import type { Overrides } from "./overrides.ts"
import type { OperationEntry } from "./overrides.ts"
import type { Context, ObjectVariant, SchemaEmitter } from "./schemas.ts"
import { objectVariants, primaryType, propertyDocLines, typeDeclaration } from "./schemas.ts"
import type { Document, MediaTypeObject, ParameterObject, ResponseObject, SchemaObject } from "./spec.ts"
import { resolve } from "./spec.ts"
import { methodName, oneLine, operationTypeName, propertyKey } from "./names.ts"
import { aliasOf } from "./versions.ts"
import { fitExample } from "./examples.ts"
import { IDEMPOTENT_METHODS } from "./facts.ts"
import { docsPageLine, fieldDocLines, jsDoc, markdown } from "./prose.ts"
import { fromStatus } from "../../src/IntercomError.ts"

export type PaginationStyle = "none" | "cursor" | "searchCursor" | "page" | "scroll"

export interface OperationSource {
  readonly name: string
  readonly operationId: string
  readonly method: string
  readonly path: string
  /** Model exports the module imports, as `component|mode`. */
  readonly uses: Set<string>
  /** The `<Name>Params` and `<Name>Result` declarations (for the effect-free `operationTypes.ts`). */
  readonly types: string
  /** The descriptor module's body after the imports. */
  readonly body: string
  /** `<Name>` of the `<Name>Params` / `<Name>Result` types. */
  readonly typePrefix: string
  /** The flat argument has a required field (else the clients' methods take it optionally). */
  readonly argsRequired: boolean
  readonly pagination: PaginationStyle
  /** The operation's JSDoc lines (summary, description, docs page, errors, example, deprecation). */
  readonly docLines: ReadonlyArray<string>
  /** The spec's misspelt method name, kept as a deprecated alias (overrides file `operationNames`). */
  readonly alias: string | undefined
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
  // Schemas built inline (not a model, not a constant) are built at first use, like the models.
  const hoisted: Array<string> = []
  const paramFields: Array<string> = []
  const paramKeys = new Set<string>()
  const paramDescriptors: Array<string> = []
  for (const p of parameters) {
    const schema = p.schema ?? {}
    const e = emitter.emit(schema, ctx, 3)
    const required = p.in === "path" || p.required === true
    // A name declared in two locations (path and query) is one flat key whose value goes to both.
    if (!paramKeys.has(p.name)) {
      paramKeys.add(p.name)
      paramFields.push(field(p.name, e.type, required, fieldDocLines({ ...resolve<SchemaObject>(doc, schema), ...p })))
    }
    const t = primaryType(resolve<SchemaObject>(doc, schema))
    const style = p.in === "query" && (t === "array" || t === "object")
      ? (p.style === "deepObject" ? "deepObject" : "form")
      : undefined
    paramDescriptors.push(
      `    {\n` +
        `      name: ${JSON.stringify(p.name)},\n` +
        `      key: ${JSON.stringify(p.name)},\n` +
        `      in: ${JSON.stringify(p.in)},\n` +
        `      required: ${required},\n` +
        `      ${schemaField(e.code, hoisted)},\n` +
        (style ? `      style: ${JSON.stringify(style)},\n` : "") +
        `    },\n`,
    )
  }

  // Body: object bodies are spread into the flat argument object, anything else goes under `body`.
  let bodyDescriptor = "undefined"
  // Body fields of the flat argument: one list, or one per alternative when the body is a union of objects.
  let bodyFields: Array<string> = []
  let renamedKeys = new Map<string, string>()
  let bodyFlat = false
  const requestBody = operation.requestBody
    ? resolve<NonNullable<typeof operation.requestBody>>(doc, operation.requestBody)
    : undefined
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
            return field(
              key,
              emitter.emitBodyField(f.key, f.property, ctx, 1).type,
              required.has(f.key),
              propertyDocLines(doc, f.property),
            )
          })
          .join("")
      )
    } else {
      bodyFields = [field("body", e.type, bodyRequired)]
    }
    renamedKeys = renamed
    bodyFlat = variants !== undefined
    const renamedCode = [...renamed]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${propertyKey(k)}: ${JSON.stringify(v)}`)
    bodyDescriptor = `{\n` +
      `    contentType: ${JSON.stringify(contentType)},\n` +
      `    required: ${bodyRequired},\n` +
      `    ${schemaField(e.code, hoisted)},\n` +
      `    flat: ${variants !== undefined},\n` +
      `    renamed: {${renamedCode.length ? ` ${renamedCode.join(", ")} ` : ""}},\n` +
      `  }`
  }

  // Success: the lowest 2xx (3xx when there is none, e.g. a redirect to a recording).
  const statuses = Object.keys(operation.responses).filter((s) => /^[1-5][0-9][0-9]$/.test(s)).map(Number).sort((
    a,
    b,
  ) => a - b)
  const successStatus = statuses.find((s) => s >= 200 && s < 300) ?? statuses.find((s) => s >= 300 && s < 400)
  if (successStatus === undefined) throw new Error(`generate: ${operationId} declares no success response`)
  const successResponse = resolve<ResponseObject>(doc, operation.responses[String(successStatus)]!)
  // JSON, or text (a call transcript), which the runtime decodes as the string it is.
  const content = successResponse.content ?? {}
  const successMedia = content["application/json"] ??
    Object.entries(content).find(([type]) => type.startsWith("text/"))?.[1]
  const success = successMedia?.schema ? emitter.emit(successMedia.schema, responseCtx, 2, false, true) : undefined
  const errorStatuses = statuses.filter((s) => s >= 400)

  const pagination = overrides.pagination.find((p) => p.operation === operationId)?.style ??
    derivePagination(doc, method, path, parameters, requestBody?.content)
  // Searches whose body carries Intercom's query language get it checked before sending.
  const searchQuery = pagination === "searchCursor" &&
    bodyFields.some((fields) => /^  readonly query\??:/m.test(fields))
  // Accept: JSON for JSON schemas; anything for text (a transcript), redirects and empty answers. A list with
  // q-values would be more exact, but Prism (the contract suite's mock) honours only its first entry.
  const accept = success && content["application/json"] ? "application/json" : "*/*"
  const retrySafe = (IDEMPOTENT_METHODS as ReadonlyArray<string>).includes(method.toUpperCase()) ||
    overrides.retrySafe.some((r) => r.operation === operationId)

  const paramsBlock = paramFields.join("")
  let paramsDecl: string
  if (bodyFields.length > 1) {
    const alternatives = bodyFields.map((fields) => `  | {\n${fields.replace(/^/gm, "    ").trimEnd()}\n    }\n`).join(
      "",
    )
    paramsDecl = `export type ${typePrefix}Params = {\n${paramsBlock}} & (\n${alternatives})\n`
  } else {
    const all = paramsBlock + (bodyFields[0] ?? "")
    paramsDecl = all ? `export interface ${typePrefix}Params {\n${all}}\n` : `export interface ${typePrefix}Params {}\n`
  }
  // No schema: nothing for 204/205, and whatever arrives (a download, a redirect) for anything else.
  const resultType = success
    ? success.type
    : successStatus === 204 || successStatus === 205 || Object.keys(content).length === 0 && successStatus === 202
    ? "void"
    : "unknown"
  const resultDecl = success
    ? typeDeclaration(`${typePrefix}Result`, success)
    : `export type ${typePrefix}Result = ${resultType}\n`

  const summary = oneLine(operation.summary)
  const argsRequired = /^  readonly [^?:]+:/m.test(paramsBlock) ||
    bodyFields.some((f) => /^  readonly [^?:]+:/m.test(f))
  const docLines = operationDocLines(
    doc,
    name,
    operation,
    errorStatuses,
    parameters,
    requestBody?.content,
    renamedKeys,
    bodyFlat,
  )
  const types = `/** The flat argument of \`${name}\`: path, query, header and body fields together. */\n` +
    paramsDecl +
    `\n/** The decoded success response of \`${name}\`. */\n` +
    resultDecl
  // The descriptor's doc is its summary and docs page: the client's method (methods.ts) carries the operation's
  // whole documentation, once in what a user installs.
  const descriptorDoc = [
    docLines[0]!,
    "",
    `The descriptor of \`${name}\`, documented on the client's method of that name.`,
    "",
    ...docLines.filter((line) => line === docsPageLine(name) || line.startsWith("@deprecated")),
    "@category operations",
  ]
  const body = jsDoc(descriptorDoc) +
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
    `  success: { status: ${successStatus}, ${
      success ? schemaField(success.code, hoisted) : "schema: undefined"
    } },\n` +
    `  errorStatuses: [${errorStatuses.join(", ")}],\n` +
    `  pagination: ${JSON.stringify(pagination)},\n` +
    `  retrySafe: ${retrySafe},\n` +
    `  searchQuery: ${searchQuery},\n` +
    `  accept: ${JSON.stringify(accept)},\n` +
    `}\n` +
    hoisted.map((code, i) => `\nconst schema${i} = /*#__PURE__*/ lazy(() => ${code})\n`).join("")
  const alias = aliasOf(operation, name)
  return {
    name,
    operationId,
    method,
    path,
    uses: ctx.uses,
    types,
    body,
    typePrefix,
    argsRequired,
    pagination,
    docLines,
    alias,
  }
}

/**
 * A descriptor's `schema` property: a constant (`Schema.String`) as is, a model through a getter (built at first
 * use), anything else hoisted into a `lazy` after the descriptor.
 */
const schemaField = (code: string, hoisted: Array<string>): string => {
  if (/^Schema\.[A-Za-z]+$/.test(code)) return `schema: ${code}`
  if (/^[A-Za-z0-9_]+\(\)$/.test(code)) return `get schema() { return ${code} }`
  hoisted.push(code)
  return `get schema() { return schema${hoisted.length - 1}() }`
}

/** One property of a `<Name>Params` type. Optional ones also take `undefined`, for callers passing maybe-values. */
const field = (key: string, type: string, required: boolean, docLines: ReadonlyArray<string> = []): string =>
  jsDoc(docLines, "  ") +
  (required ? `  readonly ${propertyKey(key)}: ${type}\n` : `  readonly ${propertyKey(key)}?: ${type} | undefined\n`)

/** The error class a status becomes (the runtime's own mapping, so the docs cannot drift from it). */
const errorClass = (status: number): string =>
  fromStatus(status, {
    message: "",
    operation: "",
    errors: [],
    requestId: undefined,
    headers: {},
    body: undefined,
    attempts: 0,
  })._tag

/**
 * The JSDoc of an operation, shown on hover over its client methods: summary, description, docs page, the errors it
 * can fail with, an example call from the spec's example arguments, and its deprecation.
 */
const operationDocLines = (
  doc: Document,
  name: string,
  operation: OperationEntry["operation"],
  errorStatuses: ReadonlyArray<number>,
  parameters: ReadonlyArray<ParameterObject>,
  content: Record<string, MediaTypeObject> | undefined,
  renamed: ReadonlyMap<string, string>,
  flat: boolean,
): Array<string> => {
  const lines: Array<string> = [oneLine(operation.summary) || name]
  const description = markdown(typeof operation.description === "string" ? operation.description : undefined)
  if (description) lines.push("", description)
  lines.push("", docsPageLine(name))
  const byClass = new Map<string, Array<number>>()
  for (const status of errorStatuses) {
    byClass.set(errorClass(status), [...(byClass.get(errorClass(status)) ?? []), status])
  }
  for (const [tag, statuses] of byClass) lines.push(`@throws ${tag} when Intercom answers ${statuses.join(" or ")}`)
  lines.push("@throws IntercomInvalidInputError when an argument does not fit the operation (nothing is sent)")
  const example = exampleArgs(doc, parameters, content, renamed, flat)
  if (example !== undefined) {
    lines.push("@example", "```ts", `await intercom.${name}(${example})`, "```")
  }
  if (operation.deprecated === true) lines.push("@deprecated Intercom marks this operation deprecated.")
  return lines
}

/**
 * The spec's example arguments as a flat argument object literal (written as their schemas' types: see
 * `fitExample`), or `undefined` when the spec gives none, or one that contradicts its schema.
 */
const exampleArgs = (
  doc: Document,
  parameters: ReadonlyArray<ParameterObject>,
  content: Record<string, MediaTypeObject> | undefined,
  renamed: ReadonlyMap<string, string>,
  flat: boolean,
): string | undefined => {
  const args: Record<string, unknown> = {}
  let any = false
  for (const p of parameters) {
    if (p.in === "header") continue
    const value = p.example ?? (p.schema ? resolve<SchemaObject>(doc, p.schema).example : undefined)
    if (value !== undefined) {
      const fitted = fitExample(doc, p.schema, value)
      if (!fitted.fits) return undefined
      args[p.name] = fitted.value
      any = true
    } else if (p.in === "path" || p.required) args[p.name] = `<${p.name}>`
  }
  const media = content?.["application/json"]
  const first = media?.examples ? Object.values(media.examples)[0] : undefined
  const example = first ? resolve<{ value?: unknown }>(doc, first as { value?: unknown }).value : media?.example
  // Upstream's body examples often repeat a path parameter (`contact_id`): it is an argument, not a body field.
  const byName = new Map(parameters.map((p) => [p.name, p]))
  let parameterValues: Record<string, unknown> = {}
  let bodyExample = example
  if (flat && example !== null && typeof example === "object" && !Array.isArray(example)) {
    const entries = Object.entries(example)
    parameterValues = Object.fromEntries(entries.filter(([key]) => byName.has(key)))
    bodyExample = Object.fromEntries(entries.filter(([key]) => !byName.has(key)))
  }
  for (const [key, value] of Object.entries(parameterValues)) {
    const fitted = fitExample(doc, byName.get(key)!.schema, value)
    if (!fitted.fits) return undefined
    args[key] = fitted.value
  }
  const fittedBody = bodyExample === undefined ? undefined : fitExample(doc, media?.schema, bodyExample)
  if (fittedBody !== undefined && !fittedBody.fits) return undefined
  const body = fittedBody?.value
  if (body !== undefined) {
    any = true
    if (flat && body !== null && typeof body === "object" && !Array.isArray(body)) {
      const wireToKey = new Map([...renamed].map(([k, v]) => [v, k]))
      for (const [key, value] of Object.entries(body)) args[wireToKey.get(key) ?? key] = value
    } else args.body = body
  }
  return any ? literal(args, 0) : undefined
}

/** A value as a JavaScript literal: identifier keys bare, two-space indentation, short arrays and objects inline. */
const literal = (value: unknown, depth: number): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined"
  const pad = "  ".repeat(depth + 1)
  const close = "  ".repeat(depth)
  const parts = Array.isArray(value)
    ? value.map((v) => literal(v, depth + 1))
    : Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${literal(v, depth + 1)}`)
  if (parts.length === 0) return Array.isArray(value) ? "[]" : "{}"
  const inline = Array.isArray(value) ? `[${parts.join(", ")}]` : `{ ${parts.join(", ")} }`
  if (inline.length <= 80 && !inline.includes("\n")) return inline
  const [open, end] = Array.isArray(value) ? ["[", "]"] : ["{", "}"]
  return `${open}\n${parts.map((p) => `${pad}${p},`).join("\n")}\n${close}${end}`
}

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
