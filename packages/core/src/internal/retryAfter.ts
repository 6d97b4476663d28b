/**
 * Reading the server's "wait this long" hints from a response's headers.
 * Pure: the caller passes the current time, so the Effect program can take it from `Clock` (and tests from TestClock).
 */
import * as Headers from "effect/http/Headers"
import * as Result from "effect/Result"
import * as Duration from "effect/Duration"
import { headerNames } from "./headerNames.ts"

/** Response headers as Effect keeps them: lower-case names. */
export type HeaderRecord = Readonly<Record<string, string | undefined>>

/** Where a server-provided delay came from. */
export type ServerDelaySource = "retry-after" | "x-ratelimit-reset"

export interface ServerDelay {
  readonly millis: number
  readonly source: ServerDelaySource
}

/** `Retry-After`: whole seconds or an HTTP date. A date in the past means "now" (0), garbage means no hint. */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): number | undefined => {
  if (value === undefined) return undefined
  const parsed = Headers.parseRetryAfter(value)
  if (Result.isFailure(parsed)) return undefined
  const millis = Duration.toMillis(Headers.retryAfterDelay(parsed.success, nowMillis))
  return Number.isFinite(millis) ? Math.max(0, millis) : undefined
}

/**
 * `X-RateLimit-Reset`: the unix time (seconds) at which Intercom's current window resets. Values that cannot be a
 * unix time in seconds (too small, fractional garbage, milliseconds) are no hint at all.
 */
export const parseRateLimitReset = (value: string | undefined, nowMillis: number): number | undefined => {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined
  const seconds = Number(value)
  if (seconds < 1_000_000_000 || seconds > 100_000_000_000) return undefined
  return Math.max(0, seconds * 1000 - nowMillis)
}

/**
 * The delay the server asked for, if any. `Retry-After` counts on every status; `X-RateLimit-Reset` only on a 429
 * (on other responses it just describes the window). When both are present the later one wins: retrying before
 * either would be answered with another 429.
 */
export const serverDelay = (status: number, headers: HeaderRecord, nowMillis: number): ServerDelay | undefined => {
  const retryAfter = parseRetryAfter(headers[headerNames.retryAfter], nowMillis)
  const reset = status === 429 ? parseRateLimitReset(headers[headerNames.rateLimitReset], nowMillis) : undefined
  if (retryAfter === undefined && reset === undefined) return undefined
  if (reset === undefined || (retryAfter !== undefined && retryAfter >= reset)) {
    return { millis: retryAfter!, source: "retry-after" }
  }
  return { millis: reset, source: "x-ratelimit-reset" }
}
