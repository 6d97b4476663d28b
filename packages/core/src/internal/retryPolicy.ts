/**
 * A retry policy as plain data: its shape, its defaults, how options (a client's, a call's) build one, and the
 * types the rule (`retryDecision.ts`) reads and answers with. Durations are milliseconds (numbers, so the steps that
 * read them before every attempt need no conversion and no effect module). The public face is `RetryPolicy.ts`.
 */
import type { DurationInput, RequestOptions, RetryPolicyOptions } from "../ClientOptions.ts"
import { defaultMaxRetries, defaultTimeout } from "./defaults.ts"
import { durationMillis } from "./duration.ts"
import type { HeaderRecord } from "./retryAfter.ts"

/**
 * Every duration in milliseconds.
 *
 * @category models
 */
export interface RetryPolicy {
  /** Retries after the first attempt (so `maxRetries + 1` attempts at most). */
  readonly maxRetries: number
  /** Wait before the first retry; doubles for each further one. */
  readonly initialDelay: number
  /** No computed wait is longer than this. */
  readonly maxDelay: number
  /** Each computed wait is shortened by a random fraction in `[0, jitter)` so clients do not retry in lock-step. */
  readonly jitter: number
  /** One attempt (send, receive, decode) is abandoned after this long. */
  readonly attemptTimeout: number
  /** The whole call (attempts, waits, rate-limit waits) ends after this long, with a timeout error. */
  readonly budget: number
  /**
   * The longest `Retry-After` / `X-RateLimit-Reset` wait the client accepts. A longer one (or one longer than what is
   * left of `budget`) ends the call at once with the error (`IntercomRateLimitedError.retryAfter` says how long the
   * server asked for). A shorter one is waited, but never less than the computed backoff.
   */
  readonly maxServerDelay: number
}

/**
 * The defaults: 2 retries, 0.5 s doubling to at most 8 s, up to 25 % jitter, 30 s per attempt, 90 s per call,
 * server hints believed up to 60 s.
 *
 * @category constructors
 */
export const defaults: RetryPolicy = {
  maxRetries: defaultMaxRetries,
  initialDelay: 500,
  maxDelay: 8_000,
  jitter: 0.25,
  attemptTimeout: defaultTimeout,
  budget: 90_000,
  maxServerDelay: 60_000,
}

const nonNegative = (name: string, input: DurationInput | undefined, fallback: number): number => {
  if (input === undefined) return fallback
  const millis = durationMillis(input)
  if (millis < 0) throw new RangeError(`RetryPolicy.${name} must not be negative`)
  return millis
}

/**
 * Builds a policy from {@link defaults} and overrides; throws a `RangeError` on values that make no sense
 * (negative counts or durations, jitter outside `[0, 1]`).
 *
 * @category constructors
 */
export const make = (options: RetryPolicyOptions = {}, base: RetryPolicy = defaults): RetryPolicy => {
  const maxRetries = options.maxRetries ?? base.maxRetries
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new RangeError("RetryPolicy.maxRetries must be an integer >= 0")
  }
  const jitter = options.jitter ?? base.jitter
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError("RetryPolicy.jitter must be within [0, 1]")
  return {
    maxRetries,
    jitter,
    initialDelay: nonNegative("initialDelay", options.initialDelay, base.initialDelay),
    maxDelay: nonNegative("maxDelay", options.maxDelay, base.maxDelay),
    attemptTimeout: nonNegative("attemptTimeout", options.attemptTimeout, base.attemptTimeout),
    budget: nonNegative("budget", options.budget, base.budget),
    maxServerDelay: nonNegative("maxServerDelay", options.maxServerDelay, base.maxServerDelay),
  }
}

/** The options of a client or a call that shape the policy, over `base`. Throws `RangeError` on nonsense. */
export const policyOf = (
  options: Pick<RequestOptions, "retry" | "timeout" | "maxRetries"> | undefined,
  base: RetryPolicy,
): RetryPolicy => {
  if (options === undefined) return base
  const { retry: overrides, timeout, maxRetries } = options
  if (overrides === undefined && timeout === undefined && maxRetries === undefined) return base
  return make(
    {
      ...(overrides === false ? { maxRetries: 0 } : overrides),
      ...(maxRetries === undefined ? {} : { maxRetries }),
      ...(timeout === undefined ? {} : { attemptTimeout: timeout }),
    },
    base,
  )
}

/**
 * A policy that never retries (timeouts still apply).
 *
 * @category constructors
 */
export const none: RetryPolicy = make({ maxRetries: 0 })

/**
 * How one attempt failed, as far as retrying is concerned.
 * - `Response`: the server answered with a non-2xx status.
 * - `Transport`: no (complete) response. `sent: false` only when nothing can have reached the server (connection
 *   refused, name not resolved); a reset or a broken pipe may come after the server acted on the request.
 * - `Timeout`: the attempt timeout elapsed; the server may still be working on it.
 *
 * @category models
 */
export type AttemptFailure =
  | { readonly _tag: "Response"; readonly status: number; readonly headers: HeaderRecord }
  | { readonly _tag: "Transport"; readonly sent: boolean }
  | { readonly _tag: "Timeout" }

/** @category models */
export interface DecideInput {
  /**
   * Sending the request twice has the effect of sending it once: the descriptor's `retrySafe` (an idempotent method,
   * or an operation the overrides mark safe).
   */
  readonly retrySafe: boolean
  /** Attempts made so far, including the one that just failed (>= 1). */
  readonly attempts: number
  /** Time spent on the call so far. */
  readonly elapsedMillis: number
  /** Current time (epoch ms), to turn `Retry-After` dates and `X-RateLimit-Reset` into waits. */
  readonly nowMillis: number
  /** A number in `[0, 1)` for the jitter. */
  readonly random: number
}

/**
 * The verdict for one failed attempt.
 *
 * @category models
 */
export type RetryDecision =
  | {
    readonly _tag: "Retry"
    readonly delayMillis: number
    readonly reason: "backoff" | "retry-after" | "x-ratelimit-reset"
  }
  | {
    readonly _tag: "Stop"
    /** `server-delay`: the server asked for a wait longer than the call has left. */
    readonly reason: "not-retryable" | "not-idempotent" | "exhausted" | "budget" | "server-delay"
  }
