/**
 * When to send a failed request again, and how long to wait first.
 *
 * A policy is plain data; {@link decide} is the pure rule that reads it for one failed attempt, and {@link retry} is
 * the Effect program that runs attempts under it (waits go through `Clock`, so TestClock controls them).
 *
 * @since 0.1.0
 */
export type { DurationInput, RetryPolicyOptions } from "./ClientOptions.ts"
export type { HeaderRecord } from "./internal/retryAfter.ts"
export {
  type AttemptFailure,
  type DecideInput,
  defaults,
  make,
  none,
  type RetryDecision,
  type RetryPolicy,
} from "./internal/retryPolicy.ts"
export { backoffMillis, decide, isSafeToRepeat, isTransient, retryableStatuses } from "./internal/retryDecision.ts"
export { type AttemptInfo, retry, type RetryInfo, type RetryOptions, type TimeoutInfo } from "./internal/retryLoop.ts"
export { retryCountHeader } from "./internal/callSteps.ts"
