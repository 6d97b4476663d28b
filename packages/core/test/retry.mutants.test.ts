// The retry decision, server delays and the rate-limit state, next to their modules (pure, on a fixed clock).
import * as DateTime from "effect/DateTime"
import * as Headers from "effect/http/Headers"
import * as Result from "effect/Result"
import { describe, expect, it } from "vitest"
import { backoffMillis, decide, isSafeToRepeat, isTransient, retryableStatuses } from "../src/internal/retryDecision.ts"
import { httpDateMillis, parseRateLimitReset, parseRetryAfter, serverDelay } from "../src/internal/retryAfter.ts"
import { admit, initialState, observe, room, type RateLimitState } from "../src/internal/rateLimitState.ts"
import type { RetryPolicy } from "../src/RetryPolicy.ts"

const policy: RetryPolicy = {
  maxRetries: 3,
  initialDelay: 100,
  maxDelay: 1000,
  jitter: 0.5,
  attemptTimeout: 10_000,
  budget: 10_000,
  maxServerDelay: 5_000,
}
const NOW = Date.UTC(2026, 0, 1)
const input = (over: Partial<Parameters<typeof decide>[2]> = {}) => ({
  retrySafe: true,
  attempts: 1,
  elapsedMillis: 0,
  nowMillis: NOW,
  random: 0,
  ...over,
})
const response = (status: number, headers: Record<string, string> = {}) => ({
  _tag: "Response" as const,
  status,
  headers,
})

describe("which failures are retried", () => {
  it("retries exactly 408, 429 and 5xx gateway-ish statuses, and every transport failure or timeout", () => {
    expect([...retryableStatuses].sort()).toEqual([408, 429, 500, 502, 503, 504])
    for (const status of [400, 401, 404, 409, 422, 501]) {
      expect(isTransient(response(status)), String(status)).toBe(false)
    }
    for (const status of retryableStatuses) expect(isTransient(response(status))).toBe(true)
    expect(isTransient({ _tag: "Transport", sent: true })).toBe(true)
    expect(isTransient({ _tag: "Timeout" })).toBe(true)
  })

  it("repeats a retry-safe call (the descriptor's: idempotent method or override), a 429, or a request never sent; nothing else", () => {
    expect(isSafeToRepeat(response(503), true)).toBe(true)
    expect(isSafeToRepeat(response(503), false)).toBe(false)
    expect(isSafeToRepeat(response(429), false)).toBe(true)
    expect(isSafeToRepeat({ _tag: "Transport", sent: false }, false)).toBe(true)
    expect(isSafeToRepeat({ _tag: "Transport", sent: true }, false)).toBe(false)
    expect(isSafeToRepeat({ _tag: "Timeout" }, false)).toBe(false)
    expect(isSafeToRepeat({ _tag: "Timeout" }, true)).toBe(true)
  })
})

describe("backoffMillis", () => {
  it("doubles from the initial delay up to the cap, less the jitter share", () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => backoffMillis(policy, i, 0))).toEqual([100, 200, 400, 800, 1000, 1000])
    expect(backoffMillis(policy, 1, 1)).toBe(100)
    expect(backoffMillis(policy, 1, 0.5)).toBe(150)
    expect(backoffMillis({ ...policy, jitter: 0 }, 2, 1)).toBe(400)
  })
})

describe("decide", () => {
  it("retries with backoff until the retries are used up", () => {
    expect(decide(policy, response(503), input())).toEqual({ _tag: "Retry", delayMillis: 100, reason: "backoff" })
    expect(decide(policy, response(503), input({ attempts: 3 }))).toEqual({
      _tag: "Retry",
      delayMillis: 400,
      reason: "backoff",
    })
    expect(decide(policy, response(503), input({ attempts: 4 }))).toEqual({ _tag: "Stop", reason: "exhausted" })
    expect(decide({ ...policy, maxRetries: 0 }, response(503), input())).toEqual({ _tag: "Stop", reason: "exhausted" })
  })

  it("stops on a status that is not retryable, and on a non-idempotent request that may have arrived", () => {
    expect(decide(policy, response(400), input())).toEqual({ _tag: "Stop", reason: "not-retryable" })
    expect(decide(policy, response(503), input({ retrySafe: false }))).toEqual({
      _tag: "Stop",
      reason: "not-idempotent",
    })
    expect(decide(policy, { _tag: "Transport", sent: false }, input({ retrySafe: false }))).toMatchObject({
      _tag: "Retry",
    })
  })

  it("waits the server's Retry-After when longer than the backoff, the backoff otherwise", () => {
    expect(decide(policy, response(429, { "retry-after": "2" }), input())).toEqual({
      _tag: "Retry",
      delayMillis: 2000,
      reason: "retry-after",
    })
    expect(decide(policy, response(503, { "retry-after": "0" }), input())).toEqual({
      _tag: "Retry",
      delayMillis: 100,
      reason: "backoff",
    })
    // Equal: the backoff is kept (the hint is not longer).
    expect(decide(policy, response(503, { "retry-after": "0.1" }), input())).toMatchObject({
      _tag: "Retry",
      delayMillis: 100,
    })
  })

  it("waits for X-RateLimit-Reset on a 429", () => {
    const reset = String(NOW / 1000 + 3)
    expect(decide(policy, response(429, { "x-ratelimit-reset": reset }), input())).toEqual({
      _tag: "Retry",
      delayMillis: 3000,
      reason: "x-ratelimit-reset",
    })
  })

  it("stops when the server asks for longer than allowed, or longer than the budget left", () => {
    expect(decide(policy, response(429, { "retry-after": "6" }), input())).toEqual({
      _tag: "Stop",
      reason: "server-delay",
    })
    expect(decide(policy, response(429, { "retry-after": "5" }), input())).toMatchObject({
      _tag: "Retry",
      delayMillis: 5000,
    })
    expect(decide(policy, response(429, { "retry-after": "4" }), input({ elapsedMillis: 6000 }))).toEqual({
      _tag: "Stop",
      reason: "server-delay",
    })
    expect(decide(policy, response(429, { "retry-after": "4" }), input({ elapsedMillis: 5999 }))).toMatchObject({
      _tag: "Retry",
      delayMillis: 4000,
    })
  })

  it("stops when the backoff would pass the budget", () => {
    expect(decide(policy, response(503), input({ elapsedMillis: 9900 }))).toEqual({ _tag: "Stop", reason: "budget" })
    expect(decide(policy, response(503), input({ elapsedMillis: 9899 }))).toMatchObject({
      _tag: "Retry",
      delayMillis: 100,
    })
  })
})

describe("server delays", () => {
  it("reads Retry-After in seconds or as a date, never negative", () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined()
    expect(parseRetryAfter("3", NOW)).toBe(3000)
    expect(parseRetryAfter(new Date(NOW + 4000).toUTCString(), NOW)).toBe(4000)
    expect(parseRetryAfter(new Date(NOW - 4000).toUTCString(), NOW)).toBe(0)
    expect(parseRetryAfter("soon", NOW)).toBeUndefined()
    // Whole seconds only, around which blanks are ignored; a number too large for a wait is no hint.
    expect(parseRetryAfter(" 3 ", NOW)).toBe(3000)
    expect(parseRetryAfter("0", NOW)).toBe(0)
    for (const value of ["1.5", "-1", "1e3", "0x10", "", "3 s", "9".repeat(400)]) {
      expect(parseRetryAfter(value, NOW), value).toBeUndefined()
    }
    expect(parseRetryAfter(` ${new Date(NOW + 2000).toUTCString()} `, NOW)).toBe(2000)
  })

  it("reads the three HTTP date forms as effect's Headers.parseHttpDate does, and nothing else", () => {
    const at = Date.UTC(1994, 10, 6, 8, 49, 37)
    for (
      const text of [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "sun, 06 NOV 1994 08:49:37 gmt",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
      ]
    ) {
      expect(httpDateMillis(text), text).toBe(at)
      expect(httpDateMillis(text), text).toBe(DateTime.toEpochMillis(Result.getOrThrow(Headers.parseHttpDate(text))))
    }
    expect(httpDateMillis("Sun Nov 16 08:49:37 1994")).toBe(Date.UTC(1994, 10, 16, 8, 49, 37))
    // RFC 850's two-digit years: 70 is 1970, 69 is 2069.
    expect(httpDateMillis("Thursday, 01-Jan-70 00:00:00 GMT")).toBe(0)
    expect(httpDateMillis("Tuesday, 01-Jan-69 00:00:00 GMT")).toBe(Date.UTC(2069, 0, 1))
    expect(httpDateMillis("Monday, 31-Dec-99 23:59:59 GMT")).toBe(Date.UTC(1999, 11, 31, 23, 59, 59))
    // The bounds of the clock: 23:59:60 is a leap second (read as the next second); 24 h, 60 min, 61 s are none.
    expect(httpDateMillis("Sun, 06 Nov 1994 23:59:60 GMT")).toBe(Date.UTC(1994, 10, 7))
    expect(httpDateMillis("Sun, 06 Nov 1994 23:59:59 GMT")).toBe(Date.UTC(1994, 10, 6, 23, 59, 59))
    for (
      const text of [
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 23:60:00 GMT",
        "Sun, 06 Nov 1994 23:59:61 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 31 Feb 2026 00:00:00 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "1994-11-06T08:49:37Z",
        " Sun, 06 Nov 1994 08:49:37 GMT",
      ]
    ) {
      expect(httpDateMillis(text), text).toBeUndefined()
      expect(Result.isFailure(Headers.parseHttpDate(text.trim())) || text.startsWith(" "), text).toBe(true)
    }
    expect(httpDateMillis("Sat, 29 Feb 2020 00:00:00 GMT")).toBe(Date.UTC(2020, 1, 29))
  })

  it("reads X-RateLimit-Reset as epoch seconds only, never negative", () => {
    expect(parseRateLimitReset(undefined, NOW)).toBeUndefined()
    expect(parseRateLimitReset(String(NOW / 1000 + 2), NOW)).toBe(2000)
    expect(parseRateLimitReset(` ${NOW / 1000 + 2} `, NOW)).toBe(2000)
    expect(parseRateLimitReset(String(NOW / 1000 - 2), NOW)).toBe(0)
    expect(parseRateLimitReset("60", NOW)).toBeUndefined()
    expect(parseRateLimitReset("999999999", NOW)).toBeUndefined()
    expect(parseRateLimitReset("1000000000", NOW)).toBe(0)
    expect(parseRateLimitReset("100000000000", 0)).toBe(100000000000000)
    expect(parseRateLimitReset("100000000001", 0)).toBeUndefined()
    expect(parseRateLimitReset("1.7e9", NOW)).toBeUndefined()
    expect(parseRateLimitReset("-1", NOW)).toBeUndefined()
  })

  it("takes the later of the two, X-RateLimit-Reset only on a 429", () => {
    const reset = String(NOW / 1000 + 3)
    expect(serverDelay(503, {}, NOW)).toBeUndefined()
    expect(serverDelay(503, { "x-ratelimit-reset": reset }, NOW)).toBeUndefined()
    expect(serverDelay(503, { "retry-after": "1" }, NOW)).toEqual({ millis: 1000, source: "retry-after" })
    expect(serverDelay(429, { "retry-after": "1", "x-ratelimit-reset": reset }, NOW)).toEqual({
      millis: 3000,
      source: "x-ratelimit-reset",
    })
    expect(serverDelay(429, { "retry-after": "5", "x-ratelimit-reset": reset }, NOW)).toEqual({
      millis: 5000,
      source: "retry-after",
    })
    expect(serverDelay(429, { "retry-after": "3", "x-ratelimit-reset": reset }, NOW)).toEqual({
      millis: 3000,
      source: "retry-after",
    })
    expect(serverDelay(429, { "x-ratelimit-reset": reset }, NOW)).toEqual({ millis: 3000, source: "x-ratelimit-reset" })
  })
})

describe("rate-limit state", () => {
  const reported = (remaining: string, reset: number, limit = "100") => ({
    "x-ratelimit-remaining": remaining,
    "x-ratelimit-limit": limit,
    "x-ratelimit-reset": String(reset / 1000),
  })
  const admitN = (state: RateLimitState, n: number, now: number) => {
    let s = state
    const tickets: Array<number> = []
    for (let i = 0; i < n; i++) {
      const a = admit(s, now)
      if (a._tag !== "Admitted") throw new Error(`waited at ${i}`)
      tickets.push(a.ticket)
      s = a.state
    }
    return { state: s, tickets }
  }

  it("admits freely before any report, numbering tickets", () => {
    const { state, tickets } = admitN(initialState, 3, NOW)
    expect(tickets).toEqual([1, 2, 3])
    expect(state.admitted).toBe(3)
    expect(room(state, NOW)).toBeUndefined()
  })

  it("counts requests admitted since the report against what it left, and waits for the reset", () => {
    const first = admitN(initialState, 1, NOW)
    const resetAt = NOW + 10_000
    let state = observe(first.state, 1, reported("2", resetAt), NOW, 60_000)
    expect(state).toEqual({ limit: 100, admitted: 1, observedTicket: 1, remaining: 2, resetAt })
    expect(room(state, NOW)).toBe(2)
    state = admitN(state, 2, NOW).state
    expect(room(state, NOW)).toBe(0)
    expect(admit(state, NOW + 1000)).toEqual({ _tag: "Wait", millis: 9000 })
    // At the reset, the report no longer holds.
    expect(room(state, resetAt)).toBeUndefined()
    expect(admit(state, resetAt)._tag).toBe("Admitted")
  })

  it("ignores a report older than the one in effect, keeping its limit", () => {
    const { state } = admitN(initialState, 2, NOW)
    const newer = observe(state, 2, reported("5", NOW + 10_000), NOW, 60_000)
    const stale = observe(newer, 1, reported("50", NOW + 10_000, "200"), NOW, 60_000)
    expect(stale).toEqual({ ...newer, limit: 200 })
    expect(observe(newer, 1, reported("50", NOW + 10_000), NOW, 60_000)).toBe(newer)
    expect(observe(newer, 2, reported("50", NOW + 10_000), NOW, 60_000)).toBe(newer)
  })

  it("without a remaining count, only the limit is kept", () => {
    const { state } = admitN(initialState, 1, NOW)
    expect(observe(state, 1, { "x-ratelimit-limit": "10" }, NOW, 60_000)).toEqual({ ...state, limit: 10 })
    expect(observe(state, 1, {}, NOW, 60_000)).toBe(state)
    expect(observe(state, 1, { "x-ratelimit-remaining": "-1" }, NOW, 60_000)).toBe(state)
  })

  it("bounds the reset by the window: a missing or far reset counts as now plus the window", () => {
    const { state } = admitN(initialState, 1, NOW)
    expect(observe(state, 1, { "x-ratelimit-remaining": "1" }, NOW, 60_000).resetAt).toBe(NOW + 60_000)
    expect(observe(state, 1, reported("1", NOW + 120_000), NOW, 60_000).resetAt).toBe(NOW + 60_000)
    expect(observe(state, 1, reported("1", NOW + 60_000), NOW, 60_000).resetAt).toBe(NOW + 60_000)
    expect(observe(state, 1, reported("1", NOW + 1000), NOW, 60_000).resetAt).toBe(NOW + 1000)
    expect(observe(state, 1, { "x-ratelimit-remaining": " 7 " }, NOW, 60_000).remaining).toBe(7)
  })

  it("never counts more in flight than admitted", () => {
    const state: RateLimitState = {
      limit: undefined,
      admitted: 1,
      observedTicket: 3,
      remaining: 2,
      resetAt: NOW + 1000,
    }
    expect(room(state, NOW)).toBe(2)
  })
})
