/**
 * Where the gateway keeps state that must be shared by every instance behind a load balancer: rate-limit counters
 * and sessions. In memory by default; the Node package adds a Redis store.
 *
 * @since 0.1.0
 */

/**
 * Raised by a store that cannot answer (Redis down): the gateway then answers 503 rather than failing open.
 *
 * @category errors
 */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError"
}

/** @category models */
export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  readonly count: number
  /** Milliseconds until the window resets. */
  readonly resetInMs: number
}

/** @category models */
export interface GatewayStore {
  /** Counts one hit on `key` in a fixed window of `windowMs` that starts with the first hit. */
  readonly hit: (key: string, windowMs: number) => Promise<RateLimitHit>
  /** Stores an (already encrypted) session record under its id, expiring after `ttlMs`. */
  readonly putSession: (id: string, record: string, ttlMs: number) => Promise<void>
  readonly getSession: (id: string) => Promise<string | undefined>
  /** Removes a session; `true` when it existed. */
  readonly deleteSession: (id: string) => Promise<boolean>
  /** Answers when the store can serve requests (for `/healthz`). */
  readonly ping: () => Promise<boolean>
  readonly close: () => Promise<void>
}

interface Expiring<A> {
  value: A
  readonly expiresAt: number
}

/**
 * An in-memory store for a single instance. Expired entries are dropped when read and swept every `sweepEveryMs`
 * on the next write, so memory stays bounded by the live keys without needing a timer.
 *
 * @category constructors
 */
export const makeMemoryStore = (
  options: { readonly now?: () => number; readonly sweepEveryMs?: number } = {},
): GatewayStore => {
  const now = options.now ?? Date.now
  const sweepEveryMs = options.sweepEveryMs ?? 10_000
  const counters = new Map<string, Expiring<number>>()
  const sessions = new Map<string, Expiring<string>>()
  // Stryker disable next-line ArithmeticOperator: an early first sweep finds an empty store and sets the next one right.
  let nextSweep = now() + sweepEveryMs

  const sweep = (t: number) => {
    if (t < nextSweep) return
    nextSweep = t + sweepEveryMs
    // Stryker disable next-line all: dropping expired counters changes memory only; `hit` checks expiry itself.
    for (const [k, v] of counters) if (v.expiresAt <= t) counters.delete(k)
    for (const [k, v] of sessions) if (v.expiresAt <= t) sessions.delete(k)
  }

  return {
    hit: async (key, windowMs) => {
      const t = now()
      sweep(t)
      const entry = counters.get(key)
      if (entry === undefined || entry.expiresAt <= t) {
        counters.set(key, { value: 1, expiresAt: t + windowMs })
        return { count: 1, resetInMs: windowMs }
      }
      entry.value++
      return { count: entry.value, resetInMs: entry.expiresAt - t }
    },
    putSession: async (id, record, ttlMs) => {
      const t = now()
      sweep(t)
      sessions.set(id, { value: record, expiresAt: t + ttlMs })
    },
    getSession: async (id) => {
      const entry = sessions.get(id)
      if (entry === undefined) return undefined
      if (entry.expiresAt <= now()) {
        sessions.delete(id)
        return undefined
      }
      return entry.value
    },
    deleteSession: async (id) => sessions.delete(id),
    ping: async () => true,
    close: async () => {
      counters.clear()
      sessions.clear()
    },
  }
}
