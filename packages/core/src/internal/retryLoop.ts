/**
 * The Effect driver of the call's retry and rate-limit loop: it runs attempts and waits on `Clock` (so a TestClock
 * decides when retries happen); every decision is a pure step of `callSteps.ts` (`beforeAttempt`, `afterFailure`),
 * the ones the Promise interpreter drives too.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Result from "effect/Result"
import { afterFailure, beforeAttempt, type BeforeAttempt, budgetLeftMillis } from "./callSteps.ts"
import type { AttemptFailure, RetryPolicy } from "./retryPolicy.ts"

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
  /** Sending the request twice has the effect of sending it once (an operation's descriptor says so in `retrySafe`). */
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
 * (`intercom.retry` annotations) and the current span gets `intercom.attempts`. The rules are `callSteps`':
 * the Promise interpreter drives the same ones.
 */
export const retryEnforced = <A, E, R>(options: RetryOptions<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.withFiber((fiber) => {
    const start = fiber.getRef(Clock.Clock).currentTimeMillisUnsafe()
    const first = beforeAttempt(options.policy, 0, start, options.admit)
    // The first attempt, when the limiter admits it at once, runs without the loop's generator; the loop takes over
    // from its failure, and makes every decision (a wait, a spent budget) the same way as before.
    if (first._tag !== "Send") return loop(options, start, first)
    return Effect.matchEffect(
      options.attempt({ attempt: 1, retryCount: 0, timeoutMillis: first.timeoutMillis, waitMillis: 0 }),
      {
        onSuccess: (success) => Effect.as(Effect.annotateCurrentSpan("intercom.attempts", 1), success),
        onFailure: (error) => loop(options, start, { _tag: "Failed", error }),
      },
    )
  })

/** How the loop starts: the first attempt already ran and failed with `error`, or the first step was not a send. */
type Resume<E> = { readonly _tag: "Failed"; readonly error: E } | Exclude<BeforeAttempt, { readonly _tag: "Send" }>

// One generator for every call (made once: `fnUntraced` per call would cost a defineProperty each).
const loop: <A, E, R>(options: RetryOptions<A, E, R>, start: number, resume: Resume<E>) => Effect.Effect<A, E, R> =
  Effect.fnUntraced(function*<A, E, R>(options: RetryOptions<A, E, R>, start: number, resume: Resume<E>) {
    const { policy, admit } = options
    let attempts = 0
    let error: E
    let lastEnd = start
    let pending: Resume<E> | undefined = resume
    while (true) {
      if (pending?._tag === "Failed") {
        attempts = 1
        error = pending.error
        pending = undefined
      } else {
        let now = start
        let step: BeforeAttempt | undefined = pending
        pending = undefined
        while (true) {
          if (step === undefined) {
            now = yield* Clock.currentTimeMillis
            step = beforeAttempt(policy, now - start, now, admit)
          }
          if (step._tag !== "Wait") break
          yield* options.onRateLimitWait
            ? options.onRateLimitWait(step.millis)
            : Effect.logDebug("intercom.rateLimit: window used up, waiting for its reset").pipe(
              Effect.annotateLogs({ "intercom.rateLimit.waitMillis": step.millis }),
            )
          yield* Effect.sleep(step.millis)
          step = undefined
        }
        if (step._tag === "OutOfTime") {
          error = options.onTimeout({ attempts, timeoutMillis: budgetLeftMillis(policy, 0), scope: "call" })
          break
        }
        attempts++
        const outcome = yield* Effect.result(
          options.attempt({
            attempt: attempts,
            retryCount: attempts - 1,
            timeoutMillis: step.timeoutMillis,
            waitMillis: now - lastEnd,
          }),
        )
        if (Result.isSuccess(outcome)) {
          yield* Effect.annotateCurrentSpan("intercom.attempts", attempts)
          return outcome.success
        }
        error = outcome.failure
      }
      const now = yield* Clock.currentTimeMillis
      lastEnd = now
      const next = afterFailure(
        policy,
        options.classify(error),
        options.retrySafe,
        attempts,
        now - start,
        now,
        yield* Random.next,
      )
      if (next._tag === "Stop") {
        if (next.reason !== "final") {
          yield* Effect.logDebug("intercom.retry: giving up").pipe(
            Effect.annotateLogs({ "intercom.attempts": attempts, "intercom.retry.stop": next.reason }),
          )
        }
        break
      }
      yield* options.onRetry
        ? options.onRetry({ attempts, delayMillis: next.delayMillis, reason: next.reason, failure: next.failure })
        : Effect.logDebug("intercom.retry: waiting before the next attempt").pipe(
          Effect.annotateLogs({
            "intercom.attempts": attempts,
            "intercom.retry.delayMillis": next.delayMillis,
            "intercom.retry.reason": next.reason,
            "intercom.retry.failure": next.failure,
          }),
        )
      yield* Effect.sleep(next.delayMillis)
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
          : Effect.fail(
            options.onTimeout({ attempts: info.attempt, timeoutMillis: info.timeoutMillis, scope: "attempt" }),
          )),
  })
