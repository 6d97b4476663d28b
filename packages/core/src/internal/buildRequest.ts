import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import type * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaParser from "effect/SchemaParser"
import type { RequestOptions } from "../IntercomConfig.ts"
import { IntercomInvalidInputError } from "../IntercomError.ts"
import type { OperationDescriptor, ParameterDescriptor } from "../Operation.ts"
import type { ResolvedConfig } from "./config.ts"
import { flattenIssue, formatPath } from "./issues.ts"
import { keepUnknownFields } from "./keepUnknownFields.ts"
import { clientHeadersOf, requestPlanOf } from "./requestPlan.ts"
import type { WireRequest } from "./transport.ts"
import { versionProblem } from "./version.ts"

/** Said with every unknown argument: how to send what the spec does not list. */
const escapeHatch =
  "Unknown argument: the spec does not list it; send it with the per-call option `extraQuery`, `extraBody` or `extraHeaders`"

/**
 * The top-level property names a flat body accepts, or `undefined` when it accepts any (a record, a union member
 * that is not an object).
 */
const bodyKeys = (ast: SchemaAST.AST, depth = 0): ReadonlySet<string> | undefined => {
  if (depth > 8) return undefined
  if (SchemaAST.isSuspend(ast)) return bodyKeys(ast.thunk(), depth + 1)
  if (SchemaAST.isObjects(ast)) {
    if (ast.indexSignatures.length > 0) return undefined
    return new Set(ast.propertySignatures.map((property) => String(property.name)))
  }
  if (SchemaAST.isUnion(ast)) {
    const keys = new Set<string>()
    for (const member of ast.types) {
      const memberKeys = bodyKeys(member, depth + 1)
      if (memberKeys === undefined) return undefined
      for (const key of memberKeys) keys.add(key)
    }
    return keys
  }
  return undefined
}

const bodyKeysCache = new WeakMap<Schema.Top, ReadonlySet<string> | null>()

const bodyKeysOf = (schema: Schema.Top): ReadonlySet<string> | undefined => {
  let keys = bodyKeysCache.get(schema)
  if (keys === undefined) {
    keys = bodyKeys(SchemaAST.toEncoded(schema.ast)) ?? null
    bodyKeysCache.set(schema, keys)
  }
  return keys ?? undefined
}

type Encoder = (input: unknown) => Result.Result<unknown, SchemaIssue.Issue>

const encoders = new WeakMap<Schema.Top, Encoder>()

/** Encodes (and so validates) a caller's value to its wire form; parsers are compiled once per schema. */
const encoderFor = (schema: Schema.Top): Encoder => {
  let encoder = encoders.get(schema)
  if (encoder === undefined) {
    encoder = SchemaParser.encodeUnknownResult(schema as Schema.Codec<unknown, unknown>, { errors: "all" })
    encoders.set(schema, encoder)
  }
  return encoder
}

interface InputIssue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

const fieldName = (path: ReadonlyArray<PropertyKey>): string => formatPath(path).replace(/^\./, "") || "(arguments)"

const invalidInput = (operation: string, issues: ReadonlyArray<InputIssue>): IntercomInvalidInputError => {
  const list = issues.map(({ path, message }) => ({ path: fieldName(path), message }))
  const first = list[0] ?? { path: "(arguments)", message: "Invalid arguments" }
  const more = list.length > 1 ? ` (and ${list.length - 1} more)` : ""
  return new IntercomInvalidInputError({
    message: `${operation}: invalid argument \`${first.path}\`: ${first.message}${more}`,
    operation,
    field: first.path,
    issues: list,
  })
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const scalar = (value: unknown): string => (typeof value === "object" ? JSON.stringify(value) : String(value))

/**
 * Query serialization per OpenAPI: `form` explodes arrays (`a=1&a=2`) and objects (`k=v`); `deepObject` nests
 * objects (`a[k]=v`). `null` and `undefined` are left out.
 */
const appendQuery = (
  out: Array<[string, string]>,
  parameter: ParameterDescriptor,
  name: string,
  value: unknown,
): void => {
  if (value === undefined || value === null) return
  if (Array.isArray(value)) {
    for (const item of value) if (item !== undefined && item !== null) out.push([name, scalar(item)])
    return
  }
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      appendQuery(out, parameter, parameter.style === "deepObject" ? `${name}[${key}]` : key, item)
    }
    return
  }
  out.push([name, scalar(value)])
}

const appendFormData = (form: FormData, name: string, value: unknown): void => {
  if (value === undefined || value === null) return
  if (typeof Blob !== "undefined" && value instanceof Blob) return form.append(name, value)
  if (Array.isArray(value)) {
    for (const item of value) appendFormData(form, name, item)
    return
  }
  form.append(name, scalar(value))
}

/** The body on the wire and its content type (none for FormData: fetch and undici add the boundary). */
const encodeBody = (
  contentType: NonNullable<OperationDescriptor["body"]>["contentType"],
  body: unknown,
): { readonly body: string | FormData; readonly contentType: string | undefined } => {
  switch (contentType) {
    case "multipart/form-data": {
      const form = new FormData()
      if (isRecord(body)) for (const [name, value] of Object.entries(body)) appendFormData(form, name, value)
      return { body: form, contentType: undefined }
    }
    case "application/x-www-form-urlencoded": {
      const params = new URLSearchParams()
      if (isRecord(body)) {
        for (const [name, value] of Object.entries(body)) {
          if (value !== undefined && value !== null) params.append(name, scalar(value))
        }
      }
      return { body: params.toString(), contentType }
    }
    case "application/json":
      return { body: JSON.stringify(body), contentType }
  }
}

/**
 * Why a value cannot be one path segment, or `undefined`: URL handling would drop an empty segment and resolve `.` and
 * `..` into another path (`/contacts/1/tags/..` is `/contacts/1`), and a `/` would add segments.
 */
const pathSegmentProblem = (text: string): string | undefined =>
  text === ""
    ? "Expected a non-empty path parameter"
    : text === "." || text === ".."
      ? `Expected an id, not "${text}"`
      : text.includes("/")
        ? "Expected an id without /"
        : undefined

/**
 * Turns one flat argument object into an HTTP request for `operation`, using nothing but its descriptor:
 * path parameters are required, validated and URL-encoded into the template; query parameters are serialized per
 * their style; header parameters become headers; the remaining keys form the body (renamed keys mapped back to
 * their wire names), or `body` carries it whole when the body is not an object. Every value is checked against its
 * schema first: a bad argument gives `IntercomInvalidInputError` naming it, and nothing is sent.
 */
export const buildRequest = (
  operation: OperationDescriptor,
  args: unknown,
  config: ResolvedConfig,
  options: RequestOptions | undefined,
): Result.Result<WireRequest, IntercomInvalidInputError> => {
  if (args !== undefined && !isRecord(args)) {
    return Result.fail(invalidInput(operation.name, [{ path: [], message: "Expected one object of arguments" }]))
  }
  const input: Record<string, unknown> = args ?? {}
  const issues: Array<InputIssue> = []
  // Everything that does not depend on the arguments was computed at the operation's first call.
  const plan = requestPlanOf(operation)
  const { parameterKeys } = plan

  let pathParts: Array<string> | undefined
  const query: Array<[string, string]> = []
  let parameterHeaders: Record<string, string> | undefined

  for (const { parameter, validate, pathSlots } of plan.parameters) {
    const value = input[parameter.key]
    if (value === undefined) {
      if (parameter.required) issues.push({ path: [parameter.key], message: `Missing required ${parameter.in} parameter` })
      continue
    }
    // A scalar a plain JSON schema accepts encodes to itself (objects could lose undeclared keys: Effect decides).
    const encoded =
      typeof value !== "object" && validate?.(value) === true ? Result.succeed(value) : encoderFor(parameter.schema)(value)
    if (Result.isFailure(encoded)) {
      for (const issue of flattenIssue(encoded.failure)) issues.push({ path: [parameter.key, ...issue.path], message: issue.message })
      continue
    }
    const wire = encoded.success
    switch (parameter.in) {
      case "path": {
        const text = wire === null ? "" : scalar(wire)
        const problem = pathSegmentProblem(text)
        if (problem !== undefined) {
          issues.push({ path: [parameter.key], message: problem })
          continue
        }
        pathParts ??= plan.pathParts.slice()
        const encodedText = encodeURIComponent(text)
        for (const slot of pathSlots) pathParts[slot] = encodedText
        break
      }
      case "query":
        appendQuery(query, parameter, parameter.name, wire)
        break
      case "header":
        if (wire !== null) (parameterHeaders ??= {})[parameter.name.toLowerCase()] = scalar(wire)
        break
    }
  }

  let body: ReturnType<typeof encodeBody> | undefined
  const descriptor = operation.body
  if (descriptor === undefined) {
    for (const key of Object.keys(input)) {
      if (!parameterKeys.has(key) && input[key] !== undefined) issues.push({ path: [key], message: escapeHatch })
    }
  } else {
    let raw: unknown
    // An optional flat body with no field given is not sent, but is still checked: its required fields are required
    // (as the Params type says), so `searchConversations({})` is refused like it fails to compile.
    let checkOnly = false
    // Maps body issue paths back to the caller's keys.
    let toCallerPath: (path: ReadonlyArray<PropertyKey>) => ReadonlyArray<PropertyKey>
    if (descriptor.flat) {
      const fields: Record<string, unknown> = {}
      const keyByWire: Record<string, string> = {}
      const known = bodyKeysOf(descriptor.schema)
      for (const [key, value] of Object.entries(input)) {
        if (parameterKeys.has(key) || value === undefined) continue
        const wireName = descriptor.renamed[key] ?? key
        if (known !== undefined && !known.has(wireName)) {
          issues.push({ path: [key], message: escapeHatch })
          continue
        }
        keyByWire[wireName] = key
        fields[wireName] = value
      }
      raw = fields
      checkOnly = Object.keys(fields).length === 0 && !descriptor.required
      toCallerPath = ([head, ...rest]) =>
        head === undefined ? [] : [typeof head === "string" ? (keyByWire[head] ?? head) : head, ...rest]
    } else {
      for (const key of Object.keys(input)) {
        if (key !== "body" && !parameterKeys.has(key) && input[key] !== undefined) {
          issues.push({ path: [key], message: escapeHatch })
        }
      }
      raw = input.body
      if (raw === undefined && descriptor.required) issues.push({ path: ["body"], message: "Missing required body" })
      toCallerPath = (path) => ["body", ...path]
    }
    if (raw !== undefined && plan.bodyValidator?.(raw) === true) {
      // Accepted as is by a plain JSON schema: encoding, then keeping unknown fields, would give `raw` back.
      body = encodeBody(descriptor.contentType, raw)
    } else if (raw !== undefined) {
      const encoded = encoderFor(descriptor.schema)(raw)
      if (Result.isFailure(encoded)) {
        for (const issue of flattenIssue(encoded.failure)) issues.push({ path: toCallerPath(issue.path), message: issue.message })
      } else {
        body = encodeBody(descriptor.contentType, keepUnknownFields(raw, encoded.success))
      }
    }
    if (checkOnly) body = undefined
  }

  // The client's version was checked when its options were resolved; a call's own is checked here.
  const version = options?.version ?? config.version
  const badVersion = options?.version === undefined ? undefined : versionProblem(version)
  if (badVersion !== undefined) issues.push({ path: ["options", "version"], message: badVersion })
  const extraBody = options?.extraBody
  if (extraBody !== undefined) {
    if (descriptor === undefined || descriptor.contentType !== "application/json" || !descriptor.flat) {
      issues.push({ path: ["options", "extraBody"], message: "This operation has no JSON object body to add fields to" })
    } else {
      const merged = { ...(body === undefined ? {} : (JSON.parse(body.body as string) as object)), ...extraBody }
      body = { body: JSON.stringify(merged), contentType: "application/json" }
    }
  }

  if (issues.length > 0) return Result.fail(invalidInput(operation.name, issues))

  if (options?.extraQuery !== undefined) {
    for (const [name, value] of Object.entries(options.extraQuery)) {
      if (Array.isArray(value)) for (const item of value) query.push([name, String(item)])
      else if (value !== undefined && value !== null) query.push([name, String(value)])
    }
  }
  const client = clientHeadersOf(config)
  const headers: Record<string, string> = { accept: operation.accept, "intercom-version": version }
  Object.assign(headers, client.headers)
  if (parameterHeaders !== undefined) Object.assign(headers, parameterHeaders)
  if (body?.contentType !== undefined) headers["content-type"] = body.contentType
  if (client.authorization !== undefined) headers.authorization = client.authorization
  if (options?.headers !== undefined) Object.assign(headers, lowerCaseKeys(options.headers))
  if (options?.extraHeaders !== undefined) Object.assign(headers, lowerCaseKeys(options.extraHeaders))
  const path = pathParts === undefined ? plan.pathParts.join("") : pathParts.join("")
  const search = query.length === 0 ? "" : new URLSearchParams(query).toString()
  return Result.succeed({
    method: operation.method,
    url: config.baseUrl + path + (search === "" ? "" : `?${search}`),
    headers,
    body: body?.body,
  })
}

const lowerCaseKeys = (record: Readonly<Record<string, string>> | undefined): Record<string, string> => {
  const out: Record<string, string> = {}
  if (record) for (const [key, value] of Object.entries(record)) out[key.toLowerCase()] = value
  return out
}
