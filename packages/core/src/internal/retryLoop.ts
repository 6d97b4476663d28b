/**
 * The Effect program that runs attempts under a retry policy. Every wait goes through `Clock`, so a TestClock decides
 * when retries happen; the rule itself is the pure `decide` in RetryPolicy.ts.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Result from "effect/Result"
import type { HttpMethod } from "../Operation.ts"
import type { AttemptFailure, RetryPolicy } from "../RetryPolicy.ts"
import { attemptTimeoutMillis, budgetLeftMillis } from "./callSteps.ts"
import { decide } from "./retryDecision.ts"

export { retryCountHeader } from "./callSteps.ts"

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
  /**
   * One attempt. `retry` runs it under an Effect timeout of `info.timeoutMillis`; `retryEnforced` expects it to
   * enforce that itself (failing with an error `classify` calls `Timeout`). Interruption must abort the request.
   */
  readonly attempt: (info: AttemptInfo) => Effect.Effect<A, E, R>
  /** How an error of `attempt` failed, or `undefined` when it is final (bad request, decode error...). */
  readonly classify: (error: E) => AttemptFailure | undefined
  /** The error for a timed-out attempt or call. */
  readonly onTimeout: (info: TimeoutInfo) => E
  /** Stamps the number of attempts made on the final error. */
  readonly withAttempts?: ((error: E, attempts: number) => E) | undefined
  /** Runs before each attempt, outside its timeout but inside the call's budget (the rate limiter's wait). */
  readonly beforeAttempt?: Effect.Effect<void, E, R> | undefined
}

/**
 * Runs `attempt` until it succeeds or the policy says stop; fails with the last error, stamped with the attempts.
 * Each attempt enforces its own timeout (the transport port does); each retry is logged at debug level
 * (`intercom.retry` annotations) and the current span gets `intercom.attempts`. The rules are `callSteps`' and
 * `decide`'s: the Promise interpreter runs the same ones.
 */
export const retryEnforced = <A, E, R>(options: RetryOptions<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    const { policy } = options
    let attempts = 0
    const finish = (error: E) =>
      Effect.andThen(
        Effect.annotateCurrentSpan("intercom.attempts", attempts),
        Effect.fail(options.withAttempts ? options.withAttempts(error, attempts) : error),
      )
    const callTimeout = () =>
      finish(options.onTimeout({ attempts, timeoutMillis: budgetLeftMillis(policy, 0), scope: "call" }))

    const loop = Effect.fnUntraced(function* (start: number) {
      while (true) {
        if (options.beforeAttempt) {
          // Only this wait needs its own bound: attempts get what is left of the budget and `decide` never sleeps past
          // it. When the wait is not needed it completes at once, and the timeout never starts a timer.
          const left = budgetLeftMillis(policy, (yield* Clock.currentTimeMillis) - start)
          if (left <= 0 || Option.isNone(yield* Effect.timeoutOption(options.beforeAttempt, left))) return yield* callTimeout()
        }
        const timeoutMillis = attemptTimeoutMillis(policy, (yield* Clock.currentTimeMillis) - start)
        if (timeoutMillis <= 0) return yield* callTimeout()
        attempts++
        const outcome = yield* Effect.result(options.attempt({ attempt: attempts, retryCount: attempts - 1, timeoutMillis }))
        if (Result.isSuccess(outcome)) {
          yield* Effect.annotateCurrentSpan("intercom.attempts", attempts)
          return outcome.success
        }
        const error = outcome.failure
        const failure = options.classify(error)
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

/**
 * {@link retryEnforced} for attempts that do not enforce their timeout themselves: each runs under an Effect timeout
 * (on `Clock`), whose expiry is the attempt's `onTimeout` error.
 */
export const retry = <A, E, R>(options: RetryOptions<A, E, R>): Effect.Effect<A, E, R> =>
  retryEnforced({
    ...options,
    attempt: (info) =>
      Effect.flatMap(Effect.timeoutOption(options.attempt(info), info.timeoutMillis), (outcome) =>
        Option.isSome(outcome)
          ? Effect.succeed(outcome.value)
          : Effect.fail(options.onTimeout({ attempts: info.attempt, timeoutMillis: info.timeoutMillis, scope: "attempt" })),
      ),
  })
