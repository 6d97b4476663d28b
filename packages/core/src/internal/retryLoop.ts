/**
 * The Effect program that runs attempts under a retry policy. Every wait goes through `Clock`, so a TestClock decides
 * when retries happen; the rule itself is the pure `decide` in RetryPolicy.ts.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Result from "effect/Result"
import type { HttpMethod } from "../Operation.ts"
import type { AttemptFailure, RetryPolicy } from "../RetryPolicy.ts"
import { decide } from "./retryDecision.ts"

/** Sent on every retry (not on the first attempt) with the number of the retry, like Stainless' `x-stainless-retry-count`. */
export const retryCountHeader = "x-intercom-retry-count"

export interface AttemptInfo {
  /** 1 for the first attempt. */
  readonly attempt: number
  /** 0 for the first attempt; the value for {@link retryCountHeader}. */
  readonly retryCount: number
  /** How long this attempt may take. */
  readonly timeoutMillis: number
}

export interface TimeoutInfo {
  /** Attempts started so far. */
  readonly attempts: number
  readonly timeoutMillis: number
  /** `attempt`: one attempt took longer than `attemptTimeout`; `call`: the whole budget is spent. */
  readonly scope: "attempt" | "call"
}

export interface RetryOptions<A, E, R> {
  readonly policy: RetryPolicy
  readonly method: HttpMethod | "HEAD"
  readonly retrySafe: boolean
  /** One attempt. Runs under the attempt timeout; interruption (timeout, caller) must abort the request. */
  readonly attempt: (info: AttemptInfo) => Effect.Effect<A, E, R>
  /** How an error of `attempt` failed, or `undefined` when it is final (bad request, decode error...). */
  readonly classify: (error: E) => AttemptFailure | undefined
  /** The error for a timed-out attempt or call. */
  readonly onTimeout: (info: TimeoutInfo) => E
  /** Stamps the number of attempts made on the final error. */
  readonly withAttempts?: ((error: E, attempts: number) => E) | undefined
  /**
   * `true` when `attempt` enforces `info.timeoutMillis` itself (the transport's timer and abort signal) and fails with
   * an error `isAttemptTimeout` recognises: the loop then runs no Effect timeout around the attempt (no racing fiber,
   * no timer on the Effect clock) and treats that error exactly as its own timeout.
   */
  readonly attemptEnforcesTimeout?: boolean | undefined
  /** Recognises the error of an attempt that enforced its own timeout and ran out of it. */
  readonly isAttemptTimeout?: ((error: E) => boolean) | undefined
  /** Runs before each attempt, outside its timeout but inside the call's budget (the rate limiter's wait). */
  readonly beforeAttempt?: Effect.Effect<void, E, R> | undefined
}

/**
 * Runs `attempt` until it succeeds or the policy says stop; fails with the last error, stamped with the attempts.
 * Each retry is logged at debug level (`intercom.retry` annotations) and the current span gets `intercom.attempts`.
 */
export const retry = <A, E, R>(options: RetryOptions<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    const { policy } = options
    const budgetMillis = Duration.toMillis(policy.budget)
    const attemptTimeoutMillis = Duration.toMillis(policy.attemptTimeout)
    let attempts = 0
    // Both are needed: an attempt that enforces its timeout must also say which of its errors is that timeout.
    const isAttemptTimeout = options.attemptEnforcesTimeout === true ? options.isAttemptTimeout : undefined
    const enforced = isAttemptTimeout !== undefined
    const finish = (error: E) =>
      Effect.andThen(
        Effect.annotateCurrentSpan("intercom.attempts", attempts),
        Effect.fail(options.withAttempts ? options.withAttempts(error, attempts) : error),
      )
    const callTimeout = () => finish(options.onTimeout({ attempts, timeoutMillis: budgetMillis, scope: "call" }))

    const loop = Effect.fnUntraced(function* (start: number) {
      while (true) {
        if (options.beforeAttempt) {
          // Only this wait needs its own bound: attempts get what is left of the budget and `decide` never sleeps past
          // it. When the wait is not needed it completes at once, and the timeout never starts a timer.
          const left = budgetMillis - ((yield* Clock.currentTimeMillis) - start)
          if (left <= 0 || Option.isNone(yield* Effect.timeoutOption(options.beforeAttempt, left))) return yield* callTimeout()
        }
        const remaining = budgetMillis - ((yield* Clock.currentTimeMillis) - start)
        if (remaining <= 0) return yield* callTimeout()
        const timeoutMillis = Math.min(attemptTimeoutMillis, remaining)
        attempts++
        const sent = options.attempt({ attempt: attempts, retryCount: attempts - 1, timeoutMillis })
        // `undefined`: the attempt timed out, by the loop's timer or by the transport's own.
        let outcome: Result.Result<A, E> | undefined
        if (enforced) {
          outcome = yield* Effect.result(sent)
          if (Result.isFailure(outcome) && isAttemptTimeout(outcome.failure)) outcome = undefined
        } else {
          const raced = yield* Effect.result(Effect.timeoutOption(sent, timeoutMillis))
          outcome = Result.isFailure(raced)
            ? Result.fail(raced.failure)
            : Option.isSome(raced.success)
              ? Result.succeed(raced.success.value)
              : undefined
        }
        if (outcome !== undefined && Result.isSuccess(outcome)) {
          yield* Effect.annotateCurrentSpan("intercom.attempts", attempts)
          return outcome.success
        }
        const [error, failure] =
          outcome === undefined
            ? [options.onTimeout({ attempts, timeoutMillis, scope: "attempt" }), { _tag: "Timeout" } as const]
            : [outcome.failure, options.classify(outcome.failure)]
        if (failure === undefined) return yield* finish(error)
        const now = yield* Clock.currentTimeMillis
        const decision = decide(policy, failure, {
          method: options.method,
          retrySafe: options.retrySafe,
          attempts,
          elapsedMillis: now - start,
          nowMillis: now,
          random: yield* Random.next,
        })
        if (decision._tag === "Stop") {
          yield* Effect.logDebug("intercom.retry: giving up").pipe(
            Effect.annotateLogs({ "intercom.attempts": attempts, "intercom.retry.stop": decision.reason }),
          )
          return yield* finish(error)
        }
        yield* Effect.logDebug("intercom.retry: waiting before the next attempt").pipe(
          Effect.annotateLogs({
            "intercom.attempts": attempts,
            "intercom.retry.delayMillis": decision.delayMillis,
            "intercom.retry.reason": decision.reason,
            "intercom.retry.failure": failure._tag === "Response" ? String(failure.status) : failure._tag,
          }),
        )
        yield* Effect.sleep(decision.delayMillis)
      }
    })

    // No timeout around the whole loop: each step above is bounded by what is left of the budget, and one racing
    // timer per call would cost as much as the rest of the pipeline (a forked fiber and a timer per call).
    return Effect.flatMap(Clock.currentTimeMillis, loop)
  })
