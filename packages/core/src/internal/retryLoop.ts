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
  /** Time spent waiting before this attempt (backoff and rate-limit wait), in milliseconds; 0 for the first. */
  readonly waitMillis: number
}

/** What the loop reports when it decides to retry. */
export interface RetryInfo {
  /** Attempts made so far. */
  readonly attempts: number
  readonly delayMillis: number
  readonly reason: "backoff" | "retry-after" | "x-ratelimit-reset"
  /** The status of the failed attempt, or `Transport` / `Timeout`. */
  readonly failure: string
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
  /**
   * Asked before each attempt, outside its timeout but inside the call's budget (the rate limiter): `undefined`
   * admits the attempt at `nowMillis`, a number is how long to wait before asking again.
   */
  readonly admit?: ((nowMillis: number) => number | undefined) | undefined
  /** Told of each retry before its wait (default: a debug log line with `intercom.retry` annotations). */
  readonly onRetry?: ((info: RetryInfo) => Effect.Effect<void>) | undefined
  /** Told of each rate-limit wait before it (default: a debug log line). */
  readonly onRateLimitWait?: ((waitMillis: number) => Effect.Effect<void>) | undefined
}

/**
 * Runs `attempt` until it succeeds or the policy says stop; fails with the last error, stamped with the attempts.
 * Each attempt enforces its own timeout (the transport port does); each retry is logged at debug level
 * (`intercom.retry` annotations) and the current span gets `intercom.attempts`. The rules are `callSteps`' and
 * `decide`'s: the Promise interpreter runs the same ones.
 */
export const retryEnforced = <A, E, R>(options: RetryOptions<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.withFiber((fiber) => {
    const start = fiber.getRef(Clock.Clock).currentTimeMillisUnsafe()
    const { policy, admit } = options
    const timeoutMillis = attemptTimeoutMillis(policy, 0)
    // The first attempt, when the limiter admits it at once, runs without the loop's generator; the loop takes over
    // from its failure, and makes every decision (a wait, a spent budget) the same way as before.
    if (timeoutMillis <= 0 || (admit !== undefined && admit(start) !== undefined)) return loop(options, start, undefined)
    return Effect.matchEffect(options.attempt({ attempt: 1, retryCount: 0, timeoutMillis, waitMillis: 0 }), {
      onSuccess: (success) => Effect.as(Effect.annotateCurrentSpan("intercom.attempts", 1), success),
      onFailure: (error) => loop(options, start, { error }),
    })
  })

/** The first attempt already ran (admitted at the call's start) and failed with `error`. */
type FirstFailure<E> = { readonly error: E }

// One generator for every call (made once: `fnUntraced` per call would cost a defineProperty each). Without `first`
// it starts with attempt 1; with it, from that attempt's failure.
const loop: <A, E, R>(options: RetryOptions<A, E, R>, start: number, first: FirstFailure<E> | undefined) => Effect.Effect<A, E, R> =
  Effect.fnUntraced(function* <A, E, R>(options: RetryOptions<A, E, R>, start: number, first: FirstFailure<E> | undefined) {
    const { policy, admit } = options
    let attempts = 0
    let error: E
    let lastEnd = start
    let resumed = first
    while (true) {
      let now: number
      if (resumed !== undefined) {
        attempts = 1
        error = resumed.error
        resumed = undefined
      } else {
        now = yield* Clock.currentTimeMillis
        if (admit !== undefined) {
          // The limiter's wait is bounded by what is left of the budget; attempts get the rest, and `decide` never
          // sleeps past it. An admitted attempt costs no timer and no fiber.
          let wait = admit(now)
          while (wait !== undefined) {
            const left = budgetLeftMillis(policy, now - start)
            if (left <= 0) break
            yield* options.onRateLimitWait
              ? options.onRateLimitWait(Math.min(wait, left))
              : Effect.logDebug("intercom.rateLimit: window used up, waiting for its reset").pipe(
                  Effect.annotateLogs({ "intercom.rateLimit.waitMillis": Math.min(wait, left) }),
                )
            yield* Effect.sleep(Math.min(wait, left))
            now = yield* Clock.currentTimeMillis
            if (budgetLeftMillis(policy, now - start) <= 0) break
            wait = admit(now)
          }
        }
        const timeoutMillis = attemptTimeoutMillis(policy, now - start)
        if (timeoutMillis <= 0) {
          error = options.onTimeout({ attempts, timeoutMillis: budgetLeftMillis(policy, 0), scope: "call" })
          break
        }
        attempts++
        const outcome = yield* Effect.result(
          options.attempt({ attempt: attempts, retryCount: attempts - 1, timeoutMillis, waitMillis: now - lastEnd }),
        )
        if (Result.isSuccess(outcome)) {
          yield* Effect.annotateCurrentSpan("intercom.attempts", attempts)
          return outcome.success
        }
        error = outcome.failure
      }
      const failure = options.classify(error)
      if (failure === undefined) break
      now = yield* Clock.currentTimeMillis
      lastEnd = now
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
        break
      }
      const failed = failure._tag === "Response" ? String(failure.status) : failure._tag
      yield* options.onRetry
        ? options.onRetry({ attempts, delayMillis: decision.delayMillis, reason: decision.reason, failure: failed })
        : Effect.logDebug("intercom.retry: waiting before the next attempt").pipe(
            Effect.annotateLogs({
              "intercom.attempts": attempts,
              "intercom.retry.delayMillis": decision.delayMillis,
              "intercom.retry.reason": decision.reason,
              "intercom.retry.failure": failed,
            }),
          )
      yield* Effect.sleep(decision.delayMillis)
    }
    yield* Effect.annotateCurrentSpan("intercom.attempts", attempts)
    return yield* Effect.fail(options.withAttempts ? options.withAttempts(error, attempts) : error)
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
