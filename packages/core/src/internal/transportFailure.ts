/**
 * Telling a transport failure that happened before anything was sent from one that may have reached the server.
 * Only the former makes a POST safe to repeat, so anything we cannot recognise counts as "maybe sent".
 */
import * as Predicate from "effect/Predicate"

/** Errors raised while opening the connection: no byte of the request can have reached Intercom. */
const beforeSendCodes: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
])

/** Error codes found on `cause` and its chain (`cause.cause`, `AggregateError.errors`), outermost first. */
export const errorCodes = (cause: unknown): ReadonlyArray<string> => {
  const codes: Array<string> = []
  const seen = new Set<unknown>()
  const visit = (value: unknown, depth: number) => {
    if (!Predicate.isObject(value) || seen.has(value) || depth > 8) return
    seen.add(value)
    if ("code" in value && Predicate.isString(value.code)) codes.push(value.code)
    if ("cause" in value) visit(value.cause, depth + 1)
    if ("errors" in value && Array.isArray(value.errors)) { for (const inner of value.errors) visit(inner, depth + 1) }
  }
  visit(cause, 0)
  return codes
}

/** `false` only when the failure provably happened before the request left (connection refused, unknown host...). */
export const maybeSent = (cause: unknown): boolean => {
  const codes = errorCodes(cause)
  return codes.length === 0 || !codes.every((code) => beforeSendCodes.has(code))
}
