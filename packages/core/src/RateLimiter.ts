/**
 * A client-side rate limiter fed by Intercom's `X-RateLimit-Limit/Remaining/Reset` headers: once a response says the
 * current window is used up, further requests wait for its reset instead of being answered with 429. One limiter is
 * shared by all calls of one client. The limiter itself is plain functions of the time; its Effect faces wait on `Clock`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { RateLimiterOptions } from "./ClientOptions.ts"
import { durationMillis } from "./internal/duration.ts"
import { admit, initialState, observe as observeState, type RateLimitState, room } from "./internal/rateLimitState.ts"
import type { HeaderRecord } from "./internal/retryAfter.ts"

export type { RateLimiterOptions } from "./ClientOptions.ts"

export type { RateLimitState } from "./internal/rateLimitState.ts"

/**
 * Proof of admission; hand it back with the response's headers.
 *
 * @category models
 */
export interface Permit {
  readonly ticket: number
}

/**
 * A limiter as plain functions of the current time (the Promise interpreter calls them directly; {@link acquire},
 * {@link observe} and {@link state} are their Effect faces, on `Clock`).
 *
 * @category models
 */
export interface RateLimiter {
  readonly enabled: boolean
  /** Admits one request at `nowMillis` (its permit), or gives the milliseconds to wait before asking again. */
  readonly admitUnsafe: (nowMillis: number) => Permit | number
  /** Feeds the headers of the response to the request admitted with `permit`. */
  readonly observeUnsafe: (permit: Permit, headers: HeaderRecord, nowMillis: number) => void
  /** The current state, for diagnostics and tests. */
  readonly stateUnsafe: () => RateLimitState
}

/**
 * Intercom counts requests per 10-second window (milliseconds).
 *
 * @category constants
 */
export const intercomWindow: number = 10_000

/**
 * A limiter that admits everything (the off switch).
 *
 * @category constructors
 */
export const disabled: RateLimiter = {
  enabled: false,
  admitUnsafe: () => ({ ticket: 0 }),
  observeUnsafe: () => {},
  stateUnsafe: () => initialState,
}

/**
 * A new limiter with its own state. Make one per client so all its calls share it.
 *
 * @category constructors
 */
export const makeUnsafe = (options: RateLimiterOptions = {}): RateLimiter => {
  if (options.enabled === false) return disabled
  const windowMillis = options.window === undefined ? intercomWindow : durationMillis(options.window)
  let current = initialState
  return {
    enabled: true,
    admitUnsafe: (now) => {
      const admission = admit(current, now)
      if (admission._tag === "Wait") return admission.millis
      current = admission.state
      return { ticket: admission.ticket }
    },
    observeUnsafe: (permit, headers, now) => {
      current = observeState(current, permit.ticket, headers, now, windowMillis)
    },
    stateUnsafe: () => current,
  }
}

/**
 * {@link makeUnsafe} as an Effect.
 *
 * @category constructors
 */
export const make = (options: RateLimiterOptions = {}): Effect.Effect<RateLimiter> =>
  Effect.sync(() => makeUnsafe(options))

/**
 * Waits (on `Clock`) until the reported window has room, then admits one request.
 *
 * @category combinators
 */
export const acquire = (limiter: RateLimiter): Effect.Effect<Permit> => {
  const next: Effect.Effect<Permit> = Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const admitted = limiter.admitUnsafe(now)
    if (typeof admitted !== "number") return Effect.succeed(admitted)
    return Effect.flatMap(
      Effect.logDebug("intercom.rateLimit: window used up, waiting for its reset").pipe(
        Effect.annotateLogs({ "intercom.rateLimit.waitMillis": admitted }),
      ),
      () => Effect.andThen(Effect.sleep(admitted), next),
    )
  })
  return next
}

/**
 * Feeds the headers of the response to the request admitted with `permit`, at `Clock`'s time.
 *
 * @category combinators
 */
export const observe = (limiter: RateLimiter, permit: Permit, headers: HeaderRecord): Effect.Effect<void> =>
  Effect.map(Clock.currentTimeMillis, (now) => limiter.observeUnsafe(permit, headers, now))

/**
 * The current state, for diagnostics and tests.
 *
 * @category getters
 */
export const state = (limiter: RateLimiter): Effect.Effect<RateLimitState> => Effect.sync(limiter.stateUnsafe)

/**
 * Room left in the window as last reported, or `undefined` when unknown.
 *
 * @category getters
 */
export const roomLeft = (limiter: RateLimiter): Effect.Effect<number | undefined> =>
  Effect.map(Clock.currentTimeMillis, (now) => room(limiter.stateUnsafe(), now))

/**
 * Runs `request` through the limiter: waits for admission, then feeds the response headers (found with `headersOf`
 * on the success value or the error) back to it.
 *
 * @category combinators
 */
export const limit = <A, E, R>(
  limiter: RateLimiter,
  request: Effect.Effect<A, E, R>,
  headersOf: (outcome: A | E) => HeaderRecord | undefined,
): Effect.Effect<A, E, R> => {
  if (!limiter.enabled) return request
  return Effect.flatMap(acquire(limiter), (permit) => {
    const feed = (outcome: A | E) => {
      const headers = headersOf(outcome)
      return headers === undefined ? Effect.void : observe(limiter, permit, headers)
    }
    return request.pipe(Effect.tap(feed), Effect.tapError(feed))
  })
}
