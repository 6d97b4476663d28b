/**
 * Where `execute` hands its attempts to the resilience rules: the retry policy (client default, overridden per
 * call), the per-attempt timeout and the call's budget, the client's rate limiter, and the retry-count header.
 */
import * as Effect from "effect/Effect"
import type { RequestOptions } from "../IntercomConfig.ts"
import type { IntercomError } from "../IntercomError.ts"
import type { OperationDescriptor } from "../Operation.ts"
import * as RateLimiter from "../RateLimiter.ts"
import * as RetryPolicy from "../RetryPolicy.ts"
import { attemptFailure, headersOf } from "./attemptFailure.ts"
import { callTimeoutError, type PreparedCall, requestOfAttempt } from "./callSteps.ts"
import { retryFields } from "./observe.ts"
import type { LogSink } from "./log.ts"
import { type AttemptInfo, retryEnforced } from "./retryLoop.ts"
import type { WireRequest } from "./transport.ts"

/** What the client resolved once: its policy and its limiter (shared by all its calls), and where events go. */
export interface Resilience {
  readonly retry: RetryPolicy.RetryPolicy
  readonly rateLimiter: RateLimiter.RateLimiter
  readonly log: LogSink
}

/** The options of a client or a call that shape the policy, over `base`. Throws `RangeError` on nonsense. */
export const policyOf = (
  options: Pick<RequestOptions, "retry" | "timeout" | "maxRetries"> | undefined,
  base: RetryPolicy.RetryPolicy,
): RetryPolicy.RetryPolicy => {
  if (options === undefined) return base
  const { retry: overrides, timeout, maxRetries } = options
  if (overrides === undefined && timeout === undefined && maxRetries === undefined) return base
  return RetryPolicy.make(
    {
      ...(overrides === false ? { maxRetries: 0 } : overrides),
      ...(maxRetries === undefined ? {} : { maxRetries }),
      ...(timeout === undefined ? {} : { attemptTimeout: timeout }),
    },
    base,
  )
}

/**
 * The Effect interpreter's attempts under the call's policy: `send(request, info)` is attempt `info.attempt`
 * (1-based) and enforces `info.timeoutMillis` itself (the transport port does); retries carry
 * `x-intercom-retry-count`. Each attempt first waits for the rate limiter (outside its timeout) and feeds it the
 * response headers.
 */
export const sendResiliently = <A>(
  resilience: Resilience,
  operation: OperationDescriptor,
  prepared: PreparedCall,
  send: (request: WireRequest, info: AttemptInfo) => Effect.Effect<A, IntercomError>,
): Effect.Effect<A, IntercomError> => {
  const { request, policy } = prepared
  const limiter = resilience.rateLimiter
  const { log } = resilience
  let permit: RateLimiter.Permit = { ticket: 0 }
  return retryEnforced<A, IntercomError, never>({
    policy,
    method: operation.method,
    retrySafe: operation.retrySafe,
    admit: limiter.enabled
      ? (now) => {
          const admitted = limiter.admitUnsafe(now)
          if (typeof admitted === "number") return admitted
          permit = admitted
          return undefined
        }
      : undefined,
    attempt: (info) => {
      const sent = send(requestOfAttempt(request, info.attempt), info)
      if (!limiter.enabled) return sent
      const feed = (outcome: unknown) => {
        const headers = headersOf(outcome)
        return headers === undefined ? Effect.void : limiter.observe(permit, headers)
      }
      return sent.pipe(Effect.tap(feed), Effect.tapError(feed))
    },
    classify: attemptFailure,
    onRetry: (info) => log.emit("info", "retrying", retryFields(operation, info)),
    onRateLimitWait: (waitMillis) => log.emit("info", "rate limit: waiting for the window to reset", { operation: operation.name, wait_ms: waitMillis }),
    onTimeout: ({ attempts }) => callTimeoutError(operation, policy, attempts),
  })
}
