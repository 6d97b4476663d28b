// Reads one answer into the caller's result or a tagged error: the status picks the error class, a 2xx JSON body is
// checked by the operation's checks with unknown fields kept, so nothing Intercom sent is lost.
import * as Result from "effect/Result"
import { headerNames } from "./headerNames.ts"
import {
  fromStatus,
  IntercomDecodeError,
  type IntercomErrorDetail,
  type IntercomResponseError,
} from "../IntercomError.ts"
import type { IntercomResponse } from "../IntercomResponse.ts"
import type { OperationDescriptor } from "../Operation.ts"
import { flatBodyIssues } from "./issuePaths.ts"
import type { ChecksOf } from "./operationChecks.ts"
import { anyChecksOf } from "./schemaChecks.ts"
import { serverDelay } from "./retryAfter.ts"
import type { RawResponse } from "./transport.ts"
import { type ValidationIssue, type ValidationMode, validationIssues } from "./validation.ts"

export type { RawResponse } from "./transport.ts"

const parseJson = (text: string): Result.Result<unknown, string> => {
  try {
    return Result.succeed(JSON.parse(text))
  } catch (error) {
    return Result.fail(error instanceof Error ? error.message : String(error))
  }
}

// Stryker disable next-line StringLiteral: any text without "json" in it reads as not JSON.
const isJson = (headers: Readonly<Record<string, string>>): boolean => /[/+]json\b/i.test(headers["content-type"] ?? "")

/** The body for error values: JSON when it parses, else the text, `undefined` when empty. */
const lenientBody = (text: string): unknown => {
  if (text === "") return undefined
  const json = parseJson(text)
  return Result.isSuccess(json) ? json.success : text
}

const stringField = (record: unknown, key: string): string | undefined => {
  if (typeof record !== "object" || record === null) return undefined
  const value = (record as Record<string, unknown>)[key]
  return typeof value === "string" && value !== "" ? value : undefined
}

const requestIdOf = (body: unknown, headers: Readonly<Record<string, string>>): string | undefined =>
  stringField(body, "request_id") ?? headers[headerNames.requestId] ?? headers[headerNames.intercomRequestId]

/**
 * Intercom's `error.list` entries, and the few other shapes some endpoints document: `{ errors: { field: message } }`
 * (one entry per field, code `invalid`) and `{ error_key | code | type, message }` (one entry).
 */
const errorDetails = (body: unknown): ReadonlyArray<IntercomErrorDetail> => {
  if (typeof body !== "object" || body === null) return []
  const errors = (body as { readonly errors?: unknown }).errors
  if (Array.isArray(errors)) {
    return errors.map((entry): IntercomErrorDetail => {
      const code = stringField(entry, "code") ?? stringField(entry, "type") ?? "unknown"
      const message = stringField(entry, "message") ?? ""
      const field = stringField(entry, "field")
      return field === undefined ? { code, message } : { code, message, field }
    })
  }
  if (typeof errors === "object" && errors !== null) {
    return Object.entries(errors).map(([field, message]) => ({ code: "invalid", message: String(message), field }))
  }
  const type = stringField(body, "type")
  const code = stringField(body, "error_key") ?? stringField(body, "code") ?? (type === "error" ? undefined : type)
  const message = stringField(body, "message")
  if (message !== undefined) return [{ code: code ?? "unknown", message }]
  return code === undefined ? [] : [{ code, message: "" }]
}

/** What to check first, for the statuses that are about the credentials rather than the request. */
const hints: Readonly<Record<number, string>> = {
  401:
    "check the access token (set, not revoked, and for this workspace) and the region: a token of an EU or AU workspace " +
    "is refused by the US host (set `region`)",
  403:
    "check the app's OAuth scopes for this operation (Developer Hub → your app → Authentication) and that the workspace " +
    "has the feature",
}

/** A non-2xx response as the tagged error for its status class, with Intercom's fields. */
export const responseError = (
  operation: OperationDescriptor,
  raw: RawResponse,
  attempts: number,
  nowMillis: number = Date.now(),
): IntercomResponseError => {
  const body = lenientBody(raw.text)
  const errors = errorDetails(body)
  const requestId = requestIdOf(body, raw.headers)
  const detail = errors.map((e) => (e.message ? `${e.code}: ${e.message}` : e.code)).join("; ")
  const hint = hints[raw.status]
  const message = `${operation.name} failed with status ${raw.status}` +
    (detail ? ` (${detail})` : "") +
    (hint ? `: ${hint}` : "") +
    (requestId ? ` [request_id ${requestId}]` : "")
  const fields = { message, operation: operation.name, errors, requestId, headers: raw.headers, body, attempts }
  return fromStatus(
    raw.status,
    raw.status === 429 ? { ...fields, retryAfter: serverDelay(429, raw.headers, nowMillis)?.millis } : fields,
  )
}

const noIssues: ReadonlyArray<ValidationIssue> = []

/**
 * Decodes a 2xx body with the operation's success checks (`checksOf`). Unknown fields are kept as sent; an empty body (204) is
 * `undefined`; operations without a JSON schema give the parsed JSON or the text as is.
 *
 * `mode` decides what a body that does not match the schema gives: `"strict"` an `IntercomDecodeError`, `"warn"` the
 * body as received with its `validation` issues, `"off"` the body as received without looking.
 */
export const decodeResponseChecked = (
  operation: OperationDescriptor,
  raw: RawResponse,
  attempts: number,
  mode: ValidationMode,
  requestIssues: ReadonlyArray<ValidationIssue>,
  checksOf: ChecksOf,
): Result.Result<IntercomResponse<unknown>, IntercomDecodeError> => {
  const check = checksOf(operation).response
  const respond = (data: unknown, body: unknown, validation = noIssues) =>
    Result.succeed({
      data,
      status: raw.status,
      headers: raw.headers,
      requestId: requestIdOf(body, raw.headers),
      attempts,
      // The call's arguments that were sent as written first, then the body's mismatches.
      // Stryker disable next-line ConditionalExpression: shortcuts; spreading an empty list adds nothing.
      validation: requestIssues.length === 0
        ? validation
        : validation.length === 0
        ? requestIssues
        : [...requestIssues, ...validation],
    })
  // Stryker disable next-line StringLiteral: every call outside strict mode says what it got.
  const fail = (path: string, reason: string, issues: ReadonlyArray<{ path: string; message: string }>, got = "") =>
    mode !== "strict"
      ? respond(raw.text === "" ? undefined : raw.text, undefined, [
        { operation: operation.name, path, expected: "a JSON body", got },
      ])
      : Result.fail(
        new IntercomDecodeError({
          message: `${operation.name}: unexpected response body at ${path}: ${reason}`,
          operation: operation.name,
          status: raw.status,
          path,
          issues,
          requestId: requestIdOf(undefined, raw.headers),
          headers: raw.headers,
          body: lenientBody(raw.text),
          attempts,
        }),
      )

  if (raw.text === "") {
    return check === undefined || raw.status === 204 || raw.status === 205
      ? respond(undefined, undefined)
      : fail("$", "expected a JSON body, got an empty one", [{ path: "$", message: "Empty body" }], "an empty body")
  }
  if (check === undefined) {
    // Stryker disable next-line StringLiteral: the reason is not read (the text is returned as is).
    const json = isJson(raw.headers) ? parseJson(raw.text) : Result.fail("not JSON")
    return Result.isSuccess(json) ? respond(json.success, json.success) : respond(raw.text, undefined)
  }
  // A declared non-JSON body (text/plain transcripts) is decoded as text; anything else must be JSON.
  const contentType = raw.headers["content-type"]
  const json = contentType !== undefined && !isJson(raw.headers) ? Result.succeed(raw.text) : parseJson(raw.text)
  if (Result.isFailure(json)) {
    return fail(
      "$",
      `invalid JSON (${json.failure})`,
      [{ path: "$", message: `Invalid JSON: ${json.failure}` }],
      "invalid JSON",
    )
  }
  if (mode === "off") return respond(json.success, json.success)
  const checked = check(json.success)
  if (checked.issues.length === 0) return respond(checked.value, json.success)
  if (mode === "warn") {
    return respond(json.success, json.success, validationIssues(operation.name, checked.issues, json.success))
  }
  const issues = flatBodyIssues(checked.issues)
  const first = issues[0] ?? { path: "$", message: "Invalid value" }
  return fail(first.path, first.message, issues)
}

/** {@link decodeResponseChecked} for any descriptor: compact ones by their own checks, the others by their Schemas. */
export const decodeResponse = (
  operation: OperationDescriptor,
  raw: RawResponse,
  attempts: number,
  mode: ValidationMode = "strict",
  requestIssues: ReadonlyArray<ValidationIssue> = noIssues,
): Result.Result<IntercomResponse<unknown>, IntercomDecodeError> =>
  decodeResponseChecked(operation, raw, attempts, mode, requestIssues, anyChecksOf)
