/**
 * The pure retry rule: for one failed attempt, retry or stop, and how long to wait. Re-exported by RetryPolicy.ts.
 */
import type { AttemptFailure, DecideInput, RetryDecision, RetryPolicy } from "./retryPolicy.ts"
import { serverDelay } from "./retryAfter.ts"

/** Statuses that say "try again later" rather than "this request is wrong". */
export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/**
 * Whether the failure is the kind a later attempt may not have, regardless of the method.
 *
 * @category decisions
 */
export const isTransient = (failure: AttemptFailure): boolean =>
  failure._tag === "Response" ? retryableStatuses.has(failure.status) : true

/**
 * Whether sending again cannot apply the request twice: the operation is retry-safe (its descriptor says so: an
 * idempotent method, or an override), or the first copy provably was not processed (429: Intercom rejected it before
 * acting; connection refused: it never left).
 *
 * @category decisions
 */
export const isSafeToRepeat = (failure: AttemptFailure, retrySafe: boolean): boolean =>
  retrySafe ||
  (failure._tag === "Response" && failure.status === 429) ||
  (failure._tag === "Transport" && !failure.sent)

/**
 * The computed wait before retry number `retryIndex + 1`: `initialDelay * 2^retryIndex`, capped at `maxDelay`, then
 * shortened by up to `jitter` of itself.
 *
 * @category decisions
 */
export const backoffMillis = (policy: RetryPolicy, retryIndex: number, random: number): number => {
  const base = Math.min(policy.maxDelay, policy.initialDelay * 2 ** retryIndex)
  return Math.round(base * (1 - policy.jitter * random))
}

/**
 * The rule: retry or stop after one failed attempt, and how long to wait. Pure.
 *
 * @category decisions
 */
export const decide = (policy: RetryPolicy, failure: AttemptFailure, input: DecideInput): RetryDecision => {
  if (!isTransient(failure)) return { _tag: "Stop", reason: "not-retryable" }
  if (!isSafeToRepeat(failure, input.retrySafe)) return { _tag: "Stop", reason: "not-idempotent" }
  if (input.attempts > policy.maxRetries) return { _tag: "Stop", reason: "exhausted" }
  const hint = failure._tag === "Response" ? serverDelay(failure.status, failure.headers, input.nowMillis) : undefined
  const budgetMillis = policy.budget
  // A server wait the call cannot afford ends it now, with the error saying how long to wait (`retryAfter`):
  // retrying earlier would only meet another 429.
  if (
    hint !== undefined &&
    (hint.millis > policy.maxServerDelay || input.elapsedMillis + hint.millis >= budgetMillis)
  ) {
    return { _tag: "Stop", reason: "server-delay" }
  }
  // The server's wait never shortens the backoff (`Retry-After: 0` or a past date must not turn retries into a burst).
  const backoff = backoffMillis(policy, input.attempts - 1, input.random)
  const delayMillis = hint !== undefined && hint.millis > backoff ? hint.millis : backoff
  // A retry that could not start before the budget ends would only turn into a timeout error later.
  if (input.elapsedMillis + delayMillis >= budgetMillis) return { _tag: "Stop", reason: "budget" }
  return { _tag: "Retry", delayMillis, reason: hint !== undefined && hint.millis > backoff ? hint.source : "backoff" }
}
