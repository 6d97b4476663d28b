import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type FaultServer, respond, startFaultServer } from "@utdk/intercom-testing/faultServer"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Logger from "effect/Logger"
import * as Queue from "effect/Queue"
import * as References from "effect/References"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as Fiber from "effect/Fiber"
import { TestClock } from "effect/testing"
import * as RateLimiter from "../src/RateLimiter.ts"
import { resolveConfig } from "../src/internal/config.ts"
import { execute } from "../src/internal/execute.ts"
import { admit, initialState, observe } from "../src/internal/rateLimitState.ts"
import type { IntercomOptions } from "../src/IntercomConfig.ts"
import type { Operation } from "../src/Operation.ts"

const window = 10_000
const resetIn = (nowMillis: number, seconds: number) => String(Math.floor(nowMillis / 1000) + seconds)

describe("rate limit state (pure)", () => {
  it("admits freely while nothing is known", () => {
    let state = initialState
    for (let i = 1; i <= 100; i++) {
      const a = admit(state, 0)
      assert.strictEqual(a._tag, "Admitted")
      if (a._tag === "Admitted") state = a.state
    }
    assert.strictEqual(state.admitted, 100)
  })

  it("counts requests admitted after the reporting one, and waits for the reset once the window is used up", () => {
    const now = 1_800_000_000_000
    let state = initialState
    const tickets: Array<number> = []
    for (let i = 0; i < 3; i++) {
      const a = admit(state, now)
      if (a._tag !== "Admitted") throw new Error("expected admission")
      state = a.state
      tickets.push(a.ticket)
    }
    // The first response says 2 left: tickets 2 and 3 are already out, so nothing is left.
    state = observe(
      state,
      tickets[0]!,
      { "x-ratelimit-remaining": "2", "x-ratelimit-reset": resetIn(now, 6), "x-ratelimit-limit": "10000" },
      now,
      window,
    )
    assert.strictEqual(state.limit, 10000)
    assert.deepStrictEqual(admit(state, now + 1000), { _tag: "Wait", millis: 5000 })
    // After the reset, requests flow again.
    assert.strictEqual(admit(state, now + 6000)._tag, "Admitted")
  })

  it("ignores reports older than the one in effect (responses arriving out of order)", () => {
    const now = 1_800_000_000_000
    let state = initialState
    for (let i = 0; i < 2; i++) {
      const a = admit(state, now)
      if (a._tag === "Admitted") state = a.state
    }
    state = observe(state, 2, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": resetIn(now, 5) }, now, window)
    const stale = observe(
      state,
      1,
      { "x-ratelimit-remaining": "50", "x-ratelimit-reset": resetIn(now, 5) },
      now,
      window,
    )
    assert.strictEqual(stale.remaining, 0)
    assert.strictEqual(admit(stale, now)._tag, "Wait")
  })

  it("clamps a reset further than one window away (clock skew) and assumes one window when none is given", () => {
    const now = 1_800_000_000_000
    const far = observe(
      initialState,
      1,
      { "x-ratelimit-remaining": "0", "x-ratelimit-reset": resetIn(now, 3600) },
      now,
      window,
    )
    assert.deepStrictEqual(admit(far, now), { _tag: "Wait", millis: window })
    const none = observe(initialState, 1, { "x-ratelimit-remaining": "0" }, now, window)
    assert.deepStrictEqual(admit(none, now), { _tag: "Wait", millis: window })
  })

  it("ignores garbage headers", () => {
    const state = observe(initialState, 1, { "x-ratelimit-remaining": "-1", "x-ratelimit-limit": "lots" }, 0, window)
    assert.deepStrictEqual(state, initialState)
  })
})

describe("RateLimiter (Effect, on TestClock)", () => {
  it.effect("delays calls of one client until Intercom's window resets, instead of letting them be 429'd", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_800_000_000_000)
      const limiter = RateLimiter.makeUnsafe()
      const first = yield* RateLimiter.acquire(limiter)
      const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      yield* RateLimiter.observe(limiter, first, { "x-ratelimit-remaining": "1", "x-ratelimit-reset": resetIn(now, 4) })
      yield* RateLimiter.acquire(limiter) // the last one in this window
      assert.strictEqual(yield* RateLimiter.roomLeft(limiter), 0)
      const waiting = yield* Effect.forkChild(RateLimiter.acquire(limiter))
      yield* TestClock.adjust(3_999)
      assert.isUndefined(waiting.pollUnsafe())
      yield* TestClock.adjust(1)
      const permit = yield* Fiber.join(waiting)
      assert.strictEqual(permit.ticket, 3)
    }))

  it.effect("RateLimiter.limit feeds response headers from successes and failures", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_800_000_000_000)
      const limiter = RateLimiter.makeUnsafe()
      const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
      const headers = { "x-ratelimit-remaining": "0", "x-ratelimit-reset": resetIn(now, 2) }
      const error = yield* Effect.flip(RateLimiter.limit(limiter, Effect.fail({ headers }), (o) => o.headers))
      assert.deepStrictEqual(error, { headers })
      const next = yield* Effect.forkChild(RateLimiter.limit(limiter, Effect.succeed("sent"), () => undefined))
      yield* TestClock.adjust(1_999)
      assert.isUndefined(next.pollUnsafe())
      yield* TestClock.adjust(1)
      assert.strictEqual(yield* Fiber.join(next), "sent")
    }))

  it.effect("the off switch admits everything at once", () =>
    Effect.gen(function*() {
      const limiter = RateLimiter.makeUnsafe({ enabled: false })
      assert.strictEqual(limiter, RateLimiter.disabled)
      yield* RateLimiter.observe(limiter, { ticket: 1 }, { "x-ratelimit-remaining": "0" })
      for (let i = 0; i < 5; i++) yield* RateLimiter.acquire(limiter)
      assert.isUndefined(yield* RateLimiter.roomLeft(limiter))
    }))
})

describe("RateLimiter in the client (real server, TestClock)", () => {
  const T0 = Date.UTC(2026, 10, 25, 12, 0, 0)
  const thing = Schema.StructWithRest(Schema.Struct({ id: Schema.String }), [
    Schema.Record(Schema.String, Schema.Unknown),
  ])
  const op = (method: "GET" | "PUT"): Operation<{ readonly id: string }, unknown> => ({
    name: `${method.toLowerCase()}Thing`,
    operationId: `${method.toLowerCase()}Thing`,
    method,
    path: "/things/{id}",
    summary: "",
    tags: [],
    deprecated: false,
    parameters: [{ name: "id", key: "id", in: "path", required: true, schema: Schema.String }],
    body: undefined,
    success: { status: 200, schema: thing },
    errorStatuses: [],
    pagination: "none",
    searchQuery: false,
    accept: "application/json",
    retrySafe: true,
  })
  let server: FaultServer
  beforeAll(async () => {
    // Intercom's headers: 2 requests left in this window, then 1, then 0; the window resets at T0 + 5 s.
    server = await startFaultServer((_request, index) =>
      respond(200, { id: String(index) }, {
        "x-ratelimit-limit": "10000",
        "x-ratelimit-remaining": String(Math.max(0, 1 - index)),
        "x-ratelimit-reset": String(T0 / 1000 + 5),
      })
    )
  })
  afterAll(() => server.close())

  type Event = { readonly _tag: "request" } | { readonly _tag: "wait"; readonly millis: number } | {
    readonly _tag: "done"
  }

  const scenario = (options: IntercomOptions) =>
    Effect.gen(function*() {
      yield* TestClock.setTime(T0)
      server.reset()
      const events = yield* Queue.unbounded<Event>()
      yield* Effect.acquireRelease(
        Effect.sync(() => server.onRequest(() => Queue.offerUnsafe(events, { _tag: "request" }))),
        (unsubscribe) => Effect.sync(unsubscribe),
      )
      const config = resolveConfig({ baseUrl: server.url, token: "t", ...options }, {
        requireToken: false,
        logTo: "effect",
      })
      if (Result.isFailure(config)) return yield* Effect.die(config.failure)
      const call = (method: "GET" | "PUT") =>
        HttpClient.HttpClient.use((client) => execute({ client, config: config.success }, op(method), { id: "x" }))
          .pipe(
            Effect.provide(FetchHttpClient.layer),
            Effect.provideService(References.MinimumLogLevel, "Debug"),
            Effect.provideService(
              Logger.CurrentLoggers,
              new Set([
                Logger.make(({ fiber, message }) => {
                  const wait = String(message).includes("rate limit")
                    ? fiber.getRef(References.CurrentLogAnnotations)["intercom.wait_ms"]
                    : undefined
                  if (typeof wait === "number") Queue.offerUnsafe(events, { _tag: "wait", millis: wait })
                }),
              ]),
            ),
          )
      // Two calls of one client (different operations) use up the window...
      yield* call("GET")
      yield* call("PUT")
      // ...so the third waits for the reset instead of being sent into a 429.
      yield* Effect.forkChild(Effect.andThen(call("GET"), Queue.offer(events, { _tag: "done" })))
      const timeline: Array<string> = []
      for (let seen = 0;;) {
        const event = yield* Queue.take(events)
        const at = (yield* Clock.currentTimeMillis) - T0
        if (event._tag === "done") break
        if (event._tag === "wait") {
          timeline.push(`wait ${event.millis} at ${at}`)
          yield* TestClock.adjust(event.millis)
        } else if (++seen > 2) timeline.push(`request ${seen} at ${at}`)
      }
      return timeline
    })

  it.effect("delays the call that would exceed the window until X-RateLimit-Reset", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* scenario({}), ["wait 5000 at 0", "request 3 at 5000"])
      assert.strictEqual(server.requests.length, 3)
    }))

  it.effect("rateLimit: false sends at once", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* scenario({ rateLimit: false }), ["request 3 at 0"])
    }))
})
