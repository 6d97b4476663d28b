/**
 * A client-side rate limiter fed by Intercom's `X-RateLimit-Limit/Remaining/Reset` headers: once a response says the
 * current window is used up, further requests wait for its reset instead of being answered with 429. One limiter is
 * shared by all calls of one client. Waits go through `Clock`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { admit, initialState, observe, type RateLimitState, room } from "./internal/rateLimitState.ts"
import type { RateLimiterOptions } from "./ClientOptions.ts"
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

/** @category models */
export interface RateLimiter {
  /** Waits until the reported window has room, then admits one request. */
  readonly acquire: Effect.Effect<Permit>
  /** Feeds the headers of the response to the request admitted with `permit`. */
  readonly observe: (permit: Permit, headers: HeaderRecord) => Effect.Effect<void>
  /** The current state, for diagnostics and tests. */
  readonly state: Effect.Effect<RateLimitState>
  readonly enabled: boolean
  /**
   * `acquire` without Effect, for the Promise interpreter: admits one request at `nowMillis` (its permit), or gives
   * the milliseconds to wait before asking again.
   */
  readonly admitUnsafe: (nowMillis: number) => Permit | number
  /** `observe` without Effect. */
  readonly observeUnsafe: (permit: Permit, headers: HeaderRecord, nowMillis: number) => void
}

/**
 * Intercom counts requests per 10-second window.
 *
 * @category constants
 */
export const intercomWindow: Duration.Duration = Duration.seconds(10)

/**
 * A limiter that admits everything (the off switch).
 *
 * @category constructors
 */
export const disabled: RateLimiter = {
  acquire: Effect.succeed({ ticket: 0 }),
  observe: () => Effect.void,
  state: Effect.succeed(initialState),
  enabled: false,
  admitUnsafe: () => ({ ticket: 0 }),
  observeUnsafe: () => {},
}

/**
 * A new limiter with its own state. Make one per client so all its calls share it.
 *
 * @category constructors
 */
export const makeUnsafe = (options: RateLimiterOptions = {}): RateLimiter => {
  if (options.enabled === false) return disabled
  const windowMillis = Duration.toMillis(
    Duration.fromInputUnsafe((options.window as Duration.Input | undefined) ?? intercomWindow),
  )
  let state = initialState
  const admitUnsafe = (now: number): Permit | number => {
    const admission = admit(state, now)
    if (admission._tag === "Wait") return admission.millis
    state = admission.state
    return { ticket: admission.ticket }
  }
  const observeUnsafe = (permit: Permit, headers: HeaderRecord, now: number): void => {
    state = observe(state, permit.ticket, headers, now, windowMillis)
  }
  const acquire: Effect.Effect<Permit> = Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const admitted = admitUnsafe(now)
    if (typeof admitted !== "number") return Effect.succeed(admitted)
    return Effect.flatMap(
      Effect.logDebug("intercom.rateLimit: window used up, waiting for its reset").pipe(
        Effect.annotateLogs({ "intercom.rateLimit.waitMillis": admitted }),
      ),
      () => Effect.andThen(Effect.sleep(admitted), acquire),
    )
  })
  return {
    enabled: true,
    acquire: Effect.suspend(() => acquire),
    observe: (permit, headers) => Effect.map(Clock.currentTimeMillis, (now) => observeUnsafe(permit, headers, now)),
    state: Effect.sync(() => state),
    admitUnsafe,
    observeUnsafe,
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
 * Room left in the window as last reported, or `undefined` when unknown.
 *
 * @category getters
 */
export const roomLeft = (limiter: RateLimiter): Effect.Effect<number | undefined> =>
  Effect.flatMap(limiter.state, (state) => Effect.map(Clock.currentTimeMillis, (now) => room(state, now)))

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
  return Effect.flatMap(limiter.acquire, (permit) => {
    const feed = (outcome: A | E) => {
      const headers = headersOf(outcome)
      return headers === undefined ? Effect.void : limiter.observe(permit, headers)
    }
    return request.pipe(Effect.tap(feed), Effect.tapError(feed))
  })
}
