/**
 * What a call tells its client's log sink: one debug line per attempt (and, on Effect's logger, one span per attempt
 * with the same attributes), retries and rate-limit waits at info, validation mismatches once per operation and path
 * at warn, and calls that failed for reasons outside the caller's request at error. Built from the request's method
 * and path and the response's status and `request_id`: never from headers, tokens or bodies. The lines are made here
 * and emitted at once (the Promise interpreter); `observeEffect.ts` emits the same lines from a fiber (the Effect
 * interpreter), and adds the spans.
 */
import { headerNames } from "./headerNames.ts"
import type { IntercomError } from "../IntercomError.ts"
import type { OperationDescriptor } from "../Operation.ts"
import type { ResolvedConfig } from "./config.ts"
import type { RetryInfo } from "./retryLoop.ts"
import type { RawResponse, WireRequest } from "./transport.ts"
import { issueFields, reportKey, type ValidationIssue } from "./validation.ts"

/** The request's path below the API root, without the query (which may hold an email). */
export const pathOf = (config: ResolvedConfig, request: WireRequest): string => {
  const url = request.url.startsWith(config.baseUrl) ? request.url.slice(config.baseUrl.length) : request.url
  const query = url.indexOf("?")
  return query === -1 ? url : url.slice(0, query)
}

const statusOf = (outcome: RawResponse | IntercomError): string => {
  if ("text" in outcome) return String(outcome.status)
  switch (outcome._tag) {
    case "IntercomTransportError":
      return "transport-error"
    case "IntercomTimeoutError":
      return "timeout"
    default:
      return "status" in outcome ? String(outcome.status) : outcome._tag
  }
}

const requestIdOf = (outcome: RawResponse | IntercomError): string | undefined => {
  if ("text" in outcome) {
    const header = outcome.headers[headerNames.requestId]
    if (header !== undefined) return header
    // The body's `request_id` without parsing the body twice: it sits near the start of Intercom's objects.
    const match = /"request_id"\s*:\s*"([^"]{1,100})"/.exec(outcome.text.slice(0, 2048))
    return match?.[1]
  }
  return "requestId" in outcome ? outcome.requestId : undefined
}

/** The fields of one attempt's line. */
export const attemptFields = (
  operation: OperationDescriptor,
  request: WireRequest,
  path: string,
  outcome: RawResponse | IntercomError,
  attempt: number,
  waitMillis: number,
  durationMillis: number,
) => ({
  operation: operation.name,
  method: request.method,
  path,
  status: statusOf(outcome),
  attempt,
  wait_ms: waitMillis,
  request_id: requestIdOf(outcome),
  duration_ms: durationMillis,
})

/** A line of the log: its level, message and fields, emitted by either interpreter (`emit`, `emitEffect`). */
export type LogLine = readonly [
  level: "info",
  message: string,
  fields: Readonly<Record<string, string | number | boolean | undefined>>,
]

/** The line of a retry, before its wait. */
export const retryLine = (operation: OperationDescriptor, info: RetryInfo): LogLine => [
  "info",
  "retrying",
  {
    operation: operation.name,
    attempt: info.attempts,
    failure: info.failure,
    wait_ms: info.delayMillis,
    reason: info.reason,
  },
]

/** The line of a rate-limit wait, before it. */
export const rateLimitWaitLine = (operation: OperationDescriptor, waitMillis: number): LogLine => [
  "info",
  "rate limit: waiting for the window to reset",
  { operation: operation.name, wait_ms: waitMillis },
]

/** The mismatches this client has not reported yet (each once per operation and path, array indexes aside). */
export const unreported = (
  config: ResolvedConfig,
  issues: ReadonlyArray<ValidationIssue>,
): ReadonlyArray<ValidationIssue> => {
  const { reported } = config
  return issues.filter((issue) => {
    const key = reportKey(issue)
    if (reported.has(key)) return false
    reported.add(key)
    return true
  })
}

const validationMessage = "response differs from the spec"
const requestValidationMessage = "argument differs from the spec (sent as written)"
export const messageOf = (
  issue: ValidationIssue,
): string => (issue.in === "request" ? requestValidationMessage : validationMessage)

/** Logs the new mismatches at warn (Promise interpreter). */
export const reportValidationUnsafe = (config: ResolvedConfig, issues: ReadonlyArray<ValidationIssue>): void => {
  if (issues.length === 0 || !config.log.enabled("warn")) return
  for (const issue of unreported(config, issues)) config.log.emit("warn", messageOf(issue), issueFields(issue))
}

/** Failures that are not about the caller's request (4xx are the caller's to handle, and logged at debug). */
const reportedAtError: ReadonlySet<IntercomError["_tag"]> = new Set([
  "IntercomServerError",
  "IntercomRateLimitedError",
  "IntercomTransportError",
  "IntercomTimeoutError",
  "IntercomResponseTooLargeError",
  "IntercomDecodeError",
])

/**
 * Logs a failed call at error (Promise clients only: Effect programs get the failure in their error channel, and the
 * span's status).
 */
export const callFailedUnsafe = (
  config: ResolvedConfig,
  operation: OperationDescriptor,
  error: IntercomError,
): void => {
  if (config.log.effect || !config.log.enabled("error") || !reportedAtError.has(error._tag)) return
  config.log.emit("error", "call failed", {
    operation: operation.name,
    error: error._tag,
    attempts: "attempts" in error ? error.attempts : undefined,
    status: "status" in error ? error.status : undefined,
    request_id: "requestId" in error ? error.requestId : undefined,
  })
}
