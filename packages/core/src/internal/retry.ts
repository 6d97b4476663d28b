import * as Effect from "effect/Effect"
import type { IntercomError } from "../IntercomError.ts"
import type { OperationDescriptor } from "../Operation.ts"

/** What a retry policy is told about the call it wraps. */
export interface RetryContext {
  readonly operation: OperationDescriptor
  /** Retries allowed after the first attempt (client or per-call `maxRetries`). */
  readonly maxRetries: number
}

/**
 * Wraps the attempts of one call. `attempt(n)` sends the request for the n-th time (1-based) and fails with the
 * error of that attempt; the policy decides whether and when to call it again.
 */
export type RetryPolicy = <A>(
  attempt: (n: number) => Effect.Effect<A, IntercomError>,
  context: RetryContext,
) => Effect.Effect<A, IntercomError>

const baseDelayMs = 500
const maxDelayMs = 8_000
const maxRetryAfterMs = 60_000

/** `Retry-After` in seconds or as an HTTP date, in milliseconds; `undefined` when absent or unreadable. */
const retryAfterMs = (error: IntercomError): number | undefined => {
  const value = "headers" in error ? error.headers["retry-after"] : undefined
  if (value === undefined) return undefined
  const seconds = Number(value)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now()
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), maxRetryAfterMs) : undefined
}

/**
 * 429 means the request was refused before any effect, so every operation may retry it. Timeouts, transport errors,
 * 408 and 5xx may have happened after the server acted: only operations marked `retrySafe` retry those.
 */
const isRetryable = (error: IntercomError, operation: OperationDescriptor): boolean => {
  switch (error._tag) {
    case "IntercomRateLimitedError":
      return true
    case "IntercomServerError":
    case "IntercomTransportError":
    case "IntercomTimeoutError":
      return operation.retrySafe
    case "IntercomStatusError":
      return error.status === 408 && operation.retrySafe
    default:
      return false
  }
}

/**
 * The default policy: up to `maxRetries` retries of retryable errors, waiting `Retry-After` when the server says,
 * else exponential backoff (0.5 s, 1 s, 2 s … capped at 8 s), each randomly shortened by up to half so clients do not retry in step.
 */
export const defaultRetryPolicy: RetryPolicy = <A>(
  attempt: (n: number) => Effect.Effect<A, IntercomError>,
  { operation, maxRetries }: RetryContext,
) => {
  const loop = (n: number): Effect.Effect<A, IntercomError> =>
    Effect.catch(attempt(n), (error) => {
      if (n > maxRetries || !isRetryable(error, operation)) return Effect.fail(error)
      const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1)) * (0.5 + Math.random() / 2)
      return Effect.flatMap(Effect.sleep(retryAfterMs(error) ?? backoff), () => loop(n + 1))
    })
  return loop(1)
}
