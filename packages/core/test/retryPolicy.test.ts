import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import { TestClock } from "effect/testing"
import fc from "fast-check"
import * as RetryPolicy from "../src/RetryPolicy.ts"
import type { AttemptFailure, DecideInput } from "../src/RetryPolicy.ts"

const now = Date.UTC(2026, 10, 25, 12, 0, 0)
const input = (overrides: Partial<DecideInput> = {}): DecideInput => ({
  retrySafe: true,
  attempts: 1,
  elapsedMillis: 0,
  nowMillis: now,
  random: 0,
  ...overrides,
})
const status = (code: number, headers: Record<string, string> = {}): AttemptFailure => ({
  _tag: "Response",
  status: code,
  headers,
})
const policy = RetryPolicy.defaults
// What the generator puts in a descriptor's `retrySafe` for an operation without an override.
const idempotent = (method: string): boolean => ["GET", "PUT", "DELETE", "HEAD"].includes(method)

describe("RetryPolicy.decide: which failures are retried", () => {
  const transient = [408, 429, 500, 502, 503, 504]
  const final = [400, 401, 403, 404, 409, 422, 501]
  for (const method of ["GET", "PUT", "DELETE", "HEAD"] as const) {
    it(`${method} retries ${transient.join("/")}, transport errors and timeouts`, () => {
      for (const code of transient) {
        assert.strictEqual(
          RetryPolicy.decide(policy, status(code), input({ retrySafe: idempotent(method) }))._tag,
          "Retry",
        )
      }
      assert.strictEqual(
        RetryPolicy.decide(policy, { _tag: "Transport", sent: true }, input({ retrySafe: idempotent(method) }))._tag,
        "Retry",
      )
      assert.strictEqual(
        RetryPolicy.decide(policy, { _tag: "Timeout" }, input({ retrySafe: idempotent(method) }))._tag,
        "Retry",
      )
    })
    it(`${method} never retries ${final.join("/")}`, () => {
      for (const code of final) {
        assert.deepStrictEqual(RetryPolicy.decide(policy, status(code), input({ retrySafe: idempotent(method) })), {
          _tag: "Stop",
          reason: "not-retryable",
        })
      }
    })
  }
  for (const method of ["POST", "PATCH"] as const) {
    it(`${method} retries only what provably was not processed: 429 and a connection never made`, () => {
      assert.strictEqual(
        RetryPolicy.decide(policy, status(429), input({ retrySafe: idempotent(method) }))._tag,
        "Retry",
      )
      assert.strictEqual(
        RetryPolicy.decide(policy, { _tag: "Transport", sent: false }, input({ retrySafe: idempotent(method) }))._tag,
        "Retry",
      )
      const unsafe: Array<AttemptFailure> = [status(500), status(502), status(503), status(504), status(408), {
        _tag: "Transport",
        sent: true,
      }, { _tag: "Timeout" }]
      for (const failure of unsafe) {
        assert.deepStrictEqual(RetryPolicy.decide(policy, failure, input({ retrySafe: idempotent(method) })), {
          _tag: "Stop",
          reason: "not-idempotent",
        })
      }
    })
    it(`${method} marked retrySafe by the descriptor retries like GET`, () => {
      assert.strictEqual(RetryPolicy.decide(policy, status(503), input({ retrySafe: true }))._tag, "Retry")
      assert.strictEqual(RetryPolicy.decide(policy, { _tag: "Timeout" }, input({ retrySafe: true }))._tag, "Retry")
    })
  }
  it("stops after maxRetries retries", () => {
    assert.strictEqual(RetryPolicy.decide(policy, status(500), input({ attempts: 2 }))._tag, "Retry")
    assert.deepStrictEqual(RetryPolicy.decide(policy, status(500), input({ attempts: 3 })), {
      _tag: "Stop",
      reason: "exhausted",
    })
    assert.deepStrictEqual(RetryPolicy.decide(RetryPolicy.none, status(500), input()), {
      _tag: "Stop",
      reason: "exhausted",
    })
  })
})

describe("RetryPolicy.decide: how long to wait", () => {
  it("backs off exponentially from 0.5 s, capped at 8 s", () => {
    const noJitter = RetryPolicy.make({ jitter: 0, maxRetries: 10 })
    const waits = [1, 2, 3, 4, 5, 6, 7].map((attempts) =>
      RetryPolicy.decide(noJitter, status(503), input({ attempts }))
    )
    assert.deepStrictEqual(
      waits.map((d) => (d._tag === "Retry" ? d.delayMillis : -1)),
      [500, 1000, 2000, 4000, 8000, 8000, 8000],
    )
  })
  it("jitter shortens a wait by at most its fraction", () => {
    assert.strictEqual(RetryPolicy.backoffMillis(policy, 0, 0), 500)
    assert.strictEqual(RetryPolicy.backoffMillis(policy, 0, 0.999999), 375)
    assert.strictEqual(RetryPolicy.backoffMillis(policy, 1, 0.5), 875)
  })
  it("Retry-After in seconds lengthens the backoff, and never shortens it", () => {
    assert.deepStrictEqual(
      RetryPolicy.decide(policy, status(429, { "retry-after": "3" }), input({ retrySafe: false })),
      {
        _tag: "Retry",
        delayMillis: 3000,
        reason: "retry-after",
      },
    )
    assert.deepStrictEqual(RetryPolicy.decide(policy, status(503, { "retry-after": "0" }), input()), {
      _tag: "Retry",
      delayMillis: 500,
      reason: "backoff",
    })
  })
  it("Retry-After as an HTTP date lengthens the backoff; a past date leaves the backoff", () => {
    const in7s = new Date(now + 7000).toUTCString()
    assert.deepStrictEqual(RetryPolicy.decide(policy, status(429, { "retry-after": in7s }), input()), {
      _tag: "Retry",
      delayMillis: 7000,
      reason: "retry-after",
    })
    const past = new Date(now - 60_000).toUTCString()
    assert.deepStrictEqual(RetryPolicy.decide(policy, status(503, { "retry-after": past }), input()), {
      _tag: "Retry",
      delayMillis: 500,
      reason: "backoff",
    })
  })
  it("X-RateLimit-Reset (unix seconds) sets the wait of a 429, not of other statuses", () => {
    const reset = String(Math.floor(now / 1000) + 4)
    assert.deepStrictEqual(RetryPolicy.decide(policy, status(429, { "x-ratelimit-reset": reset }), input()), {
      _tag: "Retry",
      delayMillis: 4000,
      reason: "x-ratelimit-reset",
    })
    assert.deepStrictEqual(RetryPolicy.decide(policy, status(503, { "x-ratelimit-reset": reset }), input()), {
      _tag: "Retry",
      delayMillis: 500,
      reason: "backoff",
    })
  })
  it("with both hints the later one wins", () => {
    const reset = String(Math.floor(now / 1000) + 4)
    const decision = RetryPolicy.decide(
      policy,
      status(429, { "x-ratelimit-reset": reset, "retry-after": "2" }),
      input(),
    )
    assert.deepStrictEqual(decision, { _tag: "Retry", delayMillis: 4000, reason: "x-ratelimit-reset" })
  })
  it("a server wait beyond maxServerDelay or the budget stops at once", () => {
    for (
      const headers of [
        { "retry-after": "3600" },
        { "retry-after": "100000" },
        { "x-ratelimit-reset": String(Math.floor(now / 1000) + 3600) },
      ]
    ) {
      assert.deepStrictEqual(RetryPolicy.decide(policy, status(429, headers), input()), {
        _tag: "Stop",
        reason: "server-delay",
      })
    }
  })
  it("ignores garbage hints (not a number, negative, not a unix time) and backs off", () => {
    for (
      const headers of [
        { "retry-after": "soon" },
        { "retry-after": "-5" },
        { "retry-after": "1.5" },
        { "x-ratelimit-reset": "12" },
        { "x-ratelimit-reset": String(now) },
      ]
    ) {
      assert.deepStrictEqual(RetryPolicy.decide(policy, status(429, headers), input()), {
        _tag: "Retry",
        delayMillis: 500,
        reason: "backoff",
      })
    }
  })
  it("stops when the wait would end after the budget", () => {
    assert.deepStrictEqual(RetryPolicy.decide(policy, status(500), input({ elapsedMillis: 89_600 })), {
      _tag: "Stop",
      reason: "budget",
    })
    const short = RetryPolicy.make({ budget: "5 seconds" })
    assert.deepStrictEqual(RetryPolicy.decide(short, status(429, { "retry-after": "5" }), input()), {
      _tag: "Stop",
      reason: "server-delay",
    })
  })
})

describe("RetryPolicy.make", () => {
  it("fills from the defaults and rejects nonsense", () => {
    const p = RetryPolicy.make({ maxRetries: 5, initialDelay: "1 second" })
    assert.strictEqual(p.maxRetries, 5)
    assert.strictEqual(p.initialDelay, 1000)
    assert.strictEqual(p.maxDelay, 8000)
    assert.throws(() => RetryPolicy.make({ maxRetries: -1 }), RangeError)
    assert.throws(() => RetryPolicy.make({ maxRetries: 1.5 }), RangeError)
    assert.throws(() => RetryPolicy.make({ jitter: 2 }), RangeError)
    assert.throws(() => RetryPolicy.make({ budget: -1 }), RangeError)
  })
})

const arbitraryPolicy = fc
  .record({
    maxRetries: fc.integer({ min: 0, max: 12 }),
    initialDelay: fc.integer({ min: 0, max: 20_000 }),
    maxDelay: fc.integer({ min: 0, max: 120_000 }),
    jitter: fc.double({ min: 0, max: 1, noNaN: true }),
    attemptTimeout: fc.integer({ min: 1, max: 60_000 }),
    budget: fc.integer({ min: 0, max: 180_000 }),
    maxServerDelay: fc.integer({ min: 0, max: 600_000 }),
  })
  .map((options) => RetryPolicy.make(options))
const arbitraryFailure: fc.Arbitrary<AttemptFailure> = fc.oneof(
  fc.constant<AttemptFailure>({ _tag: "Timeout" }),
  fc.boolean().map((sent): AttemptFailure => ({ _tag: "Transport", sent })),
  fc
    .record({
      status: fc.constantFrom(408, 429, 500, 502, 503, 504, 400, 404),
      retryAfter: fc.option(fc.oneof(fc.nat({ max: 10_000 }).map(String), fc.string())),
      reset: fc.option(
        fc.integer({ min: Math.floor(now / 1000) - 100, max: Math.floor(now / 1000) + 10_000 }).map(String),
      ),
    })
    .map(({ status, retryAfter, reset }): AttemptFailure => ({
      _tag: "Response",
      status,
      headers: {
        ...(retryAfter === null ? {} : { "retry-after": retryAfter }),
        ...(reset === null ? {} : { "x-ratelimit-reset": reset }),
      },
    })),
)

describe("RetryPolicy properties", () => {
  it("no sequence of failures makes a policy wait beyond its budget or retry beyond maxRetries", () => {
    fc.assert(
      fc.property(
        arbitraryPolicy,
        fc.constantFrom("GET", "PUT", "POST", "PATCH", "DELETE"),
        fc.array(
          fc.tuple(
            arbitraryFailure,
            fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
            fc.nat({ max: 30_000 }),
          ),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (p, method, failures) => {
          let elapsed = 0
          let waited = 0
          let retries = 0
          for (const [failure, random, attemptMillis] of failures) {
            elapsed += Math.min(attemptMillis, p.attemptTimeout)
            const decision = RetryPolicy.decide(
              p,
              failure,
              input({
                retrySafe: idempotent(method),
                attempts: retries + 1,
                elapsedMillis: elapsed,
                nowMillis: now + elapsed,
                random,
              }),
            )
            if (decision._tag === "Stop") break
            assert.isAtLeast(decision.delayMillis, 0)
            waited += decision.delayMillis
            elapsed += decision.delayMillis
            retries++
            assert.isBelow(elapsed, p.budget)
          }
          assert.isAtMost(waited, p.budget)
          assert.isAtMost(retries, p.maxRetries)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

class Boom {
  readonly _tag = "Boom"
  constructor(
    readonly failure: AttemptFailure | undefined,
    readonly attempts = 0,
  ) {}
}

describe("RetryPolicy.retry (the Effect program, on TestClock)", () => {
  const run = (
    p: RetryPolicy.RetryPolicy,
    method: "GET" | "POST",
    outcomes: ReadonlyArray<AttemptFailure | "ok" | "hang">,
  ) => {
    const seen: Array<{ attempt: number; retryCount: number; at: number; timeoutMillis: number }> = []
    const program = RetryPolicy.retry<string, Boom, never>({
      policy: p,
      retrySafe: idempotent(method),
      attempt: (info) =>
        Effect.flatMap(Effect.clockWith((clock) => clock.currentTimeMillis), (at) => {
          seen.push({ ...info, at })
          const outcome = outcomes[info.attempt - 1] ?? "ok"
          return outcome === "ok"
            ? Effect.succeed("done")
            : outcome === "hang"
            ? Effect.never
            : Effect.fail(new Boom(outcome))
        }),
      classify: (error) => error.failure,
      onTimeout: () => new Boom({ _tag: "Timeout" }),
      withAttempts: (error, attempts) => new Boom(error.failure, attempts),
    })
    return { program, seen }
  }

  it.effect("retries a GET on 503 with 500 ms then 1000 ms waits and succeeds on the third attempt", () =>
    Effect.gen(function*() {
      const { program, seen } = run(RetryPolicy.make({ jitter: 0 }), "GET", [status(503), status(503), "ok"])
      const fiber = yield* Effect.forkChild(program)
      yield* TestClock.adjust(499)
      assert.strictEqual(seen.length, 1)
      yield* TestClock.adjust(1)
      assert.strictEqual(seen.length, 2)
      yield* TestClock.adjust(999)
      assert.strictEqual(seen.length, 2)
      yield* TestClock.adjust(1)
      assert.strictEqual(yield* Fiber.join(fiber), "done")
      assert.deepStrictEqual(
        seen.map(({ attempt, retryCount, at }) => ({ attempt, retryCount, at })),
        [
          { attempt: 1, retryCount: 0, at: 0 },
          { attempt: 2, retryCount: 1, at: 500 },
          { attempt: 3, retryCount: 2, at: 1500 },
        ],
      )
    }))

  it.effect("fails with the last error stamped with the attempts made", () =>
    Effect.gen(function*() {
      const { program, seen } = run(RetryPolicy.make({ jitter: 0 }), "GET", [status(500), status(502), status(504)])
      const fiber = yield* Effect.forkChild(Effect.flip(program))
      yield* TestClock.adjust(10_000)
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error.attempts, 3)
      assert.deepStrictEqual(error.failure, status(504))
      assert.strictEqual(seen.length, 3)
    }))

  it.effect("does not retry a POST that timed out, and reports one attempt", () =>
    Effect.gen(function*() {
      const { program, seen } = run(RetryPolicy.make({ attemptTimeout: "2 seconds" }), "POST", ["hang"])
      const fiber = yield* Effect.forkChild(Effect.flip(program))
      yield* TestClock.adjust(2000)
      const error = yield* Fiber.join(fiber)
      assert.deepStrictEqual(error.failure, { _tag: "Timeout" })
      assert.strictEqual(error.attempts, 1)
      assert.strictEqual(seen.length, 1)
    }))

  it.effect("bounds the whole call by the budget: the last attempt gets only what is left", () =>
    Effect.gen(function*() {
      const p = RetryPolicy.make({ jitter: 0, attemptTimeout: "4 seconds", budget: "10 seconds" })
      const { program, seen } = run(p, "GET", ["hang", "hang", "hang"])
      const fiber = yield* Effect.forkChild(Effect.flip(program))
      yield* TestClock.adjust(9_999)
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust(1)
      const error = yield* Fiber.join(fiber)
      assert.deepStrictEqual(error.failure, { _tag: "Timeout" })
      assert.strictEqual(error.attempts, 3)
      // 0..4 s attempt, 0.5 s wait, 4.5..8.5 s attempt, 1 s wait, 9.5 s: 0.5 s left for the last attempt.
      assert.deepStrictEqual(
        seen.map(({ at, timeoutMillis }) => [at, timeoutMillis]),
        [
          [0, 4000],
          [4500, 4000],
          [9500, 500],
        ],
      )
    }))
})

describe("RetryPolicy.retry properties (TestClock)", () => {
  it("whatever the policy and the failures, the call ends within its budget and never retries past maxRetries", async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryPolicy,
        fc.constantFrom("GET" as const, "POST" as const),
        fc.array(fc.oneof(arbitraryFailure, fc.constant("hang" as const)), { minLength: 1, maxLength: 16 }),
        async (p, method, outcomes) => {
          const program = Effect.gen(function*() {
            let attempts = 0
            let end = -1
            const fiber = yield* Effect.forkChild(
              RetryPolicy.retry<string, Boom, never>({
                policy: p,
                retrySafe: idempotent(method),
                attempt: () => {
                  const outcome = outcomes[attempts++ % outcomes.length]!
                  return outcome === "hang" ? Effect.never : Effect.fail(new Boom(outcome))
                },
                classify: (error) => error.failure,
                onTimeout: () => new Boom({ _tag: "Timeout" }),
                withAttempts: (error, n) => new Boom(error.failure, n),
              }).pipe(
                Effect.flip,
                Effect.ensuring(
                  Effect.flatMap(
                    Effect.clockWith((clock) => clock.currentTimeMillis),
                    (now) => Effect.sync(() => (end = now)),
                  ),
                ),
              ),
            )
            yield* TestClock.adjust(p.budget + 3_600_000)
            const error = yield* Fiber.join(fiber)
            assert.isAtMost(end, p.budget, "ended within the budget")
            assert.isAtMost(attempts, p.maxRetries + 1)
            assert.strictEqual(error.attempts, attempts)
          })
          await Effect.runPromise(program.pipe(Effect.provide(TestClock.layer())))
        },
      ),
      { numRuns: 300 },
    )
  })
})
