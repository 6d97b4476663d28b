// Turns an operation's flat arguments into the wire request (path, query, headers, body), checked by the
// operation's checks in the call's validation mode (warn, strict, off); a refused argument is an IntercomInvalidInputError.
import * as Result from "effect/Result"
import type { RequestOptions } from "../IntercomConfig.ts"
import { IntercomInvalidInputError } from "../IntercomError.ts"
import type { OperationDescriptor, ParameterDescriptor } from "../Operation.ts"
import type { ResolvedConfig } from "./config.ts"
import { type FlatIssue, formatPath } from "./issuePaths.ts"
import type { ChecksOf } from "./operationChecks.ts"
import { anyChecksOf } from "./schemaChecks.ts"
import { describeValue, type ValidationIssue, validationModes } from "./validation.ts"
import { clientHeadersOf, requestPlanOf } from "./requestPlan.ts"
import type { WireRequest } from "./transport.ts"
import { versionFieldProblem, versionHeader, versionProblem, wireVersion } from "./version.ts"

/** Said with every unknown argument: how to send what the spec does not list. */
const escapeHatch =
  "Unknown argument: the spec does not list it; send it with the per-call option `extraQuery`, `extraBody` or `extraHeaders`"

interface InputIssue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

/** A mismatch with the description: reported and sent as written, or refused in `"strict"` mode. */
interface Mismatch extends InputIssue {
  /** What the caller gave there, as {@link describeValue} says it. */
  readonly got: string
}

// Stryker disable next-line Regex: formatPath puts a dot only before keys, so the first dot is the leading one when any.
const fieldName = (path: ReadonlyArray<PropertyKey>): string => formatPath(path).replace(/^\./, "") || "(arguments)"

const withGot = (issue: InputIssue | Mismatch): string =>
  "got" in issue && issue.got !== "missing" ? `${issue.message}, got ${issue.got}` : issue.message

/** Every problem in the message (strict mode lists them all, as warn mode reports them all). */
const invalidInput = (operation: string, issues: ReadonlyArray<InputIssue | Mismatch>): IntercomInvalidInputError => {
  const list = issues.map((issue) => ({ path: fieldName(issue.path), message: withGot(issue) }))
  const first = list[0] ?? { path: "(arguments)", message: "Invalid arguments" }
  const rest = list.slice(1).map(({ path, message }) => `; \`${path}\`: ${message}`).join("")
  return new IntercomInvalidInputError({
    message: `${operation}: invalid argument \`${first.path}\`: ${first.message}${rest}`,
    operation,
    field: first.path,
    issues: list,
  })
}

/** The caller's value at `path` (keys of the flat arguments), for the `got` of a mismatch. */
const givenAt = (root: unknown, path: ReadonlyArray<PropertyKey>): string => {
  let value = root
  for (const key of path) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,BooleanLiteral: Effect's issue paths only go through objects' own keys (a missing key is told by its message).
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) {
      return describeValue(undefined, false)
    }
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return describeValue(value, true)
}

/** The mismatches found in `value`, at `prefix` among the caller's arguments. */
const mismatches = (
  out: Array<Mismatch>,
  issues: ReadonlyArray<FlatIssue>,
  value: unknown,
  toCallerPath: (path: ReadonlyArray<PropertyKey>) => ReadonlyArray<PropertyKey>,
): void => {
  for (const issue of issues) {
    // Stryker disable next-line Regex: Effect's messages start with their kind.
    const missing = /^Missing key/.test(issue.message)
    out.push({
      path: toCallerPath(issue.path),
      message: issue.message,
      got: missing ? "missing" : givenAt(value, issue.path),
    })
  }
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
  // Stryker disable next-line ConditionalExpression,StringLiteral: every runtime the SDK supports has Blob.
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
      // Stryker disable next-line ConditionalExpression: a flat body is always an object.
      if (isRecord(body)) { for (const [name, value] of Object.entries(body)) appendFormData(form, name, value) }
      return { body: form, contentType: undefined }
    }
    case "application/x-www-form-urlencoded": {
      const params = new URLSearchParams()
      // Stryker disable next-line ConditionalExpression: a flat body is always an object.
      if (isRecord(body)) {
        for (const [name, value] of Object.entries(body)) {
          // Stryker disable next-line ConditionalExpression: a flat body holds no undefined field (left out when read).
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

/** A wire request and the caller's values the description does not allow, sent as written (`"warn"` mode). */
export interface BuiltRequest extends WireRequest {
  /** Empty unless `validateRequests` is `"warn"` and an argument differs from the description. */
  readonly validation: ReadonlyArray<ValidationIssue>
}

const noIssues: ReadonlyArray<ValidationIssue> = []

/**
 * Turns one flat argument object into an HTTP request for `operation`, using nothing but its descriptor:
 * path parameters are required, validated and URL-encoded into the template; query parameters are serialized per
 * their style; header parameters become headers; the remaining keys form the body (renamed keys mapped back to
 * their wire names), or `body` carries it whole when the body is not an object.
 *
 * Every value is checked against its schema first. What no request can mean is refused in every mode, with
 * `IntercomInvalidInputError` naming it, and nothing is sent: a missing or unencodable path parameter, an unknown
 * argument, an `"Intercom-Version"` field other than the call's version. A value the description merely does not
 * allow is the API's to judge (real Intercom takes more than its description says): `validateRequests` `"warn"`
 * (the default) sends it as written and reports it, `"strict"` refuses the call listing every problem, `"off"` sends
 * it without looking.
 */
export const buildRequestChecked = (
  operation: OperationDescriptor,
  args: unknown,
  config: ResolvedConfig,
  options: RequestOptions | undefined,
  checksOf: ChecksOf,
): Result.Result<BuiltRequest, IntercomInvalidInputError> => {
  if (args !== undefined && !isRecord(args)) {
    return Result.fail(invalidInput(operation.name, [{ path: [], message: "Expected one object of arguments" }]))
  }
  const input: Record<string, unknown> = args ?? {}
  // Refused in every mode.
  const refusals: Array<InputIssue> = []
  // Refused in strict mode, reported in warn mode.
  const found: Array<Mismatch> = []
  // The client's version was checked when its options were resolved; a call's own is checked here.
  const version = options?.version === undefined ? config.version : wireVersion(options.version)
  // Stryker disable next-line OptionalChaining: an undefined version means options.version was given (and bad).
  if (version === undefined) refusals.push({ path: ["options", "version"], message: versionProblem(options?.version)! })
  // Everything that does not depend on the arguments was computed at the operation's first call.
  const plan = requestPlanOf(operation)
  const { parameterKeys } = plan
  const checks = checksOf(operation)

  let pathParts: Array<string> | undefined
  const query: Array<[string, string]> = []
  let parameterHeaders: Record<string, string> | undefined

  for (const { parameter, index, pathSlots, isVersion } of plan.parameters) {
    const value = input[parameter.key]
    if (value === undefined) {
      if (!parameter.required) continue
      const missing = { path: [parameter.key], message: `Missing required ${parameter.in} parameter` }
      if (parameter.in === "path") refusals.push(missing)
      else found.push({ ...missing, got: "missing" })
      continue
    }
    if (isVersion) {
      // Already in the headers: one rule for the option and the field, and one value on the wire.
      // Stryker disable next-line ConditionalExpression: without a version the call is refused already (options.version).
      const problem = version === undefined ? undefined : versionFieldProblem(value, version)
      if (problem !== undefined) refusals.push({ path: [parameter.key], message: problem })
      continue
    }
    const checked = checks.parameter(index, value)
    const wire = checked.value
    if (checked.issues.length > 0) mismatches(found, checked.issues, value, (path) => [parameter.key, ...path])
    switch (parameter.in) {
      case "path": {
        if (typeof wire === "object") {
          // No text a server could read as the caller meant it.
          refusals.push({ path: [parameter.key], message: `Expected an id, got ${describeValue(wire, true)}` })
          continue
        }
        const text = scalar(wire)
        const problem = pathSegmentProblem(text)
        if (problem !== undefined) {
          refusals.push({ path: [parameter.key], message: problem })
          continue
        }
        // Stryker disable next-line MethodExpression: every call sets every slot, so a shared array would hold the same text.
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
      if (!parameterKeys.has(key) && input[key] !== undefined) refusals.push({ path: [key], message: escapeHatch })
    }
  } else {
    let raw: unknown
    // An optional flat body with no field given is not sent, but is still checked: its required fields are required
    // (as the Params type says), so `searchConversations({})` is reported like it fails to compile.
    let checkOnly = false
    // Maps body issue paths back to the caller's keys.
    let toCallerPath: (path: ReadonlyArray<PropertyKey>) => ReadonlyArray<PropertyKey>
    if (descriptor.flat) {
      const fields: Record<string, unknown> = {}
      const keyByWire: Record<string, string> = {}
      const known = checks.bodyKeys
      for (const [key, value] of Object.entries(input)) {
        if (parameterKeys.has(key) || value === undefined) continue
        const wireName = descriptor.renamed[key] ?? key
        if (known !== undefined && !known.has(wireName)) {
          refusals.push({ path: [key], message: escapeHatch })
          continue
        }
        keyByWire[wireName] = key
        fields[wireName] = value
      }
      raw = fields
      checkOnly = Object.keys(fields).length === 0 && !descriptor.required
      // Stryker disable next-line ConditionalExpression,ArrayDeclaration: a flat body's issues start at one of its keys (a string).
      toCallerPath = (
        [head, ...rest],
      ) => (head === undefined ? [] : [typeof head === "string" ? (keyByWire[head] ?? head) : head, ...rest])
    } else {
      for (const key of Object.keys(input)) {
        if (key !== "body" && !parameterKeys.has(key) && input[key] !== undefined) {
          refusals.push({ path: [key], message: escapeHatch })
        }
      }
      raw = input.body
      if (raw === undefined && descriptor.required) {
        found.push({ path: ["body"], message: "Missing required body", got: "missing" })
      }
      toCallerPath = (path) => ["body", ...path]
    }
    if (raw !== undefined) {
      // A body that does not match is sent as written (unless refused below).
      const checked = checks.body(raw)
      if (checked.issues.length > 0) mismatches(found, checked.issues, raw, toCallerPath)
      body = encodeBody(descriptor.contentType, checked.value)
    }
    if (checkOnly) body = undefined
  }

  const extraBody = options?.extraBody
  if (extraBody !== undefined) {
    if (descriptor === undefined || descriptor.contentType !== "application/json" || !descriptor.flat) {
      refusals.push({
        path: ["options", "extraBody"],
        message: "This operation has no JSON object body to add fields to",
      })
    } else {
      const merged = { ...(body === undefined ? {} : (JSON.parse(body.body as string) as object)), ...extraBody }
      body = { body: JSON.stringify(merged), contentType: "application/json" }
    }
  }

  const mode = options?.validateRequests ?? config.validateRequests
  if (!validationModes.includes(mode)) {
    refusals.push({ path: ["options", "validateRequests"], message: `Expected one of ${validationModes.join(", ")}` })
  }
  if (refusals.length > 0 || (mode === "strict" && found.length > 0)) {
    return Result.fail(invalidInput(operation.name, mode === "strict" ? [...refusals, ...found] : refusals))
  }

  if (options?.extraQuery !== undefined) {
    for (const [name, value] of Object.entries(options.extraQuery)) {
      if (Array.isArray(value)) { for (const item of value) query.push([name, String(item)]) }
      else if (value !== undefined && value !== null) query.push([name, String(value)])
    }
  }
  const client = clientHeadersOf(config)
  // A literal key (`versionHeader`'s value) keeps this object's shape static for V8: it is built on every call.
  const headers: Record<string, string> = { accept: operation.accept, [versionHeader]: version! }
  Object.assign(headers, client.headers)
  // Stryker disable next-line ConditionalExpression: assigning undefined assigns nothing.
  if (parameterHeaders !== undefined) Object.assign(headers, parameterHeaders)
  if (body?.contentType !== undefined) headers["content-type"] = body.contentType
  if (client.authorization !== undefined) headers.authorization = client.authorization
  if (options?.headers !== undefined) Object.assign(headers, lowerCaseKeys(options.headers))
  if (options?.extraHeaders !== undefined) Object.assign(headers, lowerCaseKeys(options.extraHeaders))
  // Stryker disable next-line StringLiteral: a path without parameters is one part.
  const path = pathParts === undefined ? plan.pathParts.join("") : pathParts.join("")
  // Stryker disable next-line ConditionalExpression: a shortcut; empty URLSearchParams give "" too.
  const search = query.length === 0 ? "" : new URLSearchParams(query).toString()
  return Result.succeed({
    method: operation.method,
    url: config.baseUrl + path + (search === "" ? "" : `?${search}`),
    headers,
    body: body?.body,
    validation:
      // Stryker disable next-line ConditionalExpression: mapping no issues gives an empty list too (the shared one saves it).
      mode !== "warn" || found.length === 0
        ? noIssues
        : found.map(
          (issue): ValidationIssue => ({
            operation: operation.name,
            in: "request",
            path: fieldName(issue.path),
            // Stryker disable next-line Regex: Effect's messages start with their kind.
            expected: issue.got === "missing" ? "a value" : issue.message.replace(/^Expected /, ""),
            got: issue.got,
          }),
        ),
  })
}

const lowerCaseKeys = (record: Readonly<Record<string, string>> | undefined): Record<string, string> => {
  const out: Record<string, string> = {}
  // Stryker disable next-line ConditionalExpression: called with a given record only.
  if (record) { for (const [key, value] of Object.entries(record)) out[key.toLowerCase()] = value }
  return out
}

/** {@link buildRequestChecked} for any descriptor: compact ones by their own checks, the others by their Schemas. */
export const buildRequest = (
  operation: OperationDescriptor,
  args: unknown,
  config: ResolvedConfig,
  options: RequestOptions | undefined,
): Result.Result<BuiltRequest, IntercomInvalidInputError> =>
  buildRequestChecked(operation, args, config, options, anyChecksOf)
