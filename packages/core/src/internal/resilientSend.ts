/**
 * Where `execute` hands its attempts to the resilience rules: the retry policy (client default, overridden per
 * call), the per-attempt timeout and the call's budget, the client's rate limiter, and the retry-count header.
 */
import * as Effect from "effect/Effect"
import type { RequestOptions } from "../IntercomConfig.ts"
import { type IntercomError, IntercomInvalidInputError, IntercomTimeoutError } from "../IntercomError.ts"
import type { OperationDescriptor } from "../Operation.ts"
import * as RateLimiter from "../RateLimiter.ts"
import * as RetryPolicy from "../RetryPolicy.ts"
import { attemptFailure, headersOf } from "./attemptFailure.ts"
import { retry, retryCountHeader } from "./retryLoop.ts"
import type { WireRequest } from "./transport.ts"

/** What the client resolved once: its policy and its limiter (shared by all its calls). */
export interface Resilience {
  readonly retry: RetryPolicy.RetryPolicy
  readonly rateLimiter: RateLimiter.RateLimiter
}

const isAttemptTimeout = (error: IntercomError): boolean => error._tag === "IntercomTimeoutError"

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
 * Sends `request` under the policy: `send(request, n, timeoutMillis)` is attempt n (1-based); retries carry
 * `x-intercom-retry-count`. Each attempt first waits for the rate limiter (outside its timeout) and feeds it the
 * response headers. With `sendEnforcesTimeout`, `send` itself gives up after `timeoutMillis` with an
 * `IntercomTimeoutError` (its transport's timer), and no Effect timeout runs around it; the error the caller sees is
 * the same either way.
 */
export const sendResiliently = <A>(
  resilience: Resilience,
  operation: OperationDescriptor,
  request: WireRequest,
  options: RequestOptions | undefined,
  send: (request: WireRequest, attempt: number, timeoutMillis: number) => Effect.Effect<A, IntercomError>,
  sendEnforcesTimeout = false,
): Effect.Effect<A, IntercomError> => {
  let policy: RetryPolicy.RetryPolicy
  try {
    policy = policyOf(options, resilience.retry)
  } catch (error) {
    return Effect.fail(
      new IntercomInvalidInputError({
        message: `${operation.name}: ${(error as Error).message}`,
        operation: operation.name,
        field: "options.retry",
        issues: [{ path: "options.retry", message: (error as Error).message }],
      }),
    )
  }
  const limiter = resilience.rateLimiter
  let permit: RateLimiter.Permit = { ticket: 0 }
  return retry<A, IntercomError, never>({
    policy,
    method: operation.method,
    retrySafe: operation.retrySafe,
    beforeAttempt: limiter.enabled
      ? Effect.map(limiter.acquire, (admitted) => {
          permit = admitted
        })
      : undefined,
    attemptEnforcesTimeout: sendEnforcesTimeout,
    isAttemptTimeout,
    attempt: ({ attempt, retryCount, timeoutMillis }) => {
      const sent = send(
        retryCount === 0 ? request : { ...request, headers: { ...request.headers, [retryCountHeader]: String(retryCount) } },
        attempt,
        timeoutMillis,
      )
      if (!limiter.enabled) return sent
      const feed = (outcome: unknown) => {
        const headers = headersOf(outcome)
        return headers === undefined ? Effect.void : limiter.observe(permit, headers)
      }
      return sent.pipe(Effect.tap(feed), Effect.tapError(feed))
    },
    classify: attemptFailure,
    onTimeout: ({ attempts, timeoutMillis, scope }) =>
      new IntercomTimeoutError({
        message:
          scope === "attempt"
            ? `${operation.name}: no complete response within ${timeoutMillis} ms (attempt ${attempts})`
            : `${operation.name}: the call's ${timeoutMillis} ms budget ran out after ${attempts} attempt(s)`,
        operation: operation.name,
        attempts,
        timeout: timeoutMillis,
      }),
  })
}
