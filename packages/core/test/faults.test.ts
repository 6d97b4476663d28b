// The fault matrix: every failure Intercom (or the network) can produce × GET, PUT, POST, through both interpreters
// of the call (the Effect one, `execute`, and the Promise one, `runCall`) and a real server on 127.0.0.1. Time is
// virtual (a TestClock for Effect, virtual timers for the Promise interpreter and its port): the test advances it
// by exactly the waits the policy announces, so the assertions cover the number of attempts the server saw, when
// (in virtual time) each was sent, and the final typed error — without sleeping. Both interpreters must pass the
// same expectations: they share the rules (callSteps), not a copy of them.
import { anyChecksOf } from "../src/internal/schemaChecks.ts"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type Fault, refusedUrl, respond, startFaultServer, type FaultServer } from "@utdk/intercom-testing/faultServer"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Logger from "effect/Logger"
import * as Queue from "effect/Queue"
import * as Random from "effect/Random"
import * as References from "effect/References"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { TestClock } from "effect/testing"
import { resolveConfig } from "../src/internal/config.ts"
import { execute } from "../src/internal/execute.ts"
import { fetchSend } from "../src/internal/fetchTransport.ts"
import { runCall } from "../src/internal/promiseInterpreter.ts"
import { installPromiseMethods, makePromiseRunner } from "../src/PromiseClient.ts"
import { promiseEngine } from "../src/PromiseEngine.ts"
import * as Transport from "../src/Transport.ts"
import { fromAbortableSend } from "../src/internal/promiseTransport.ts"
import type { Timers } from "../src/internal/transport.ts"
import type { IntercomPromiseClient } from "../src/IntercomClient.ts"
import type { IntercomOptions, RequestOptions } from "../src/IntercomConfig.ts"
import { IntercomAbortError, type IntercomError } from "../src/IntercomError.ts"
import type { Operation, OperationDescriptor } from "../src/Operation.ts"

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0)
const thing = Schema.StructWithRest(Schema.Struct({ id: Schema.String }), [
  Schema.Record(Schema.String, Schema.Unknown),
])
const idParam = { name: "id", key: "id", in: "path", required: true, schema: Schema.String } as const
const descriptor = (
  method: "GET" | "PUT" | "POST",
): Operation<{ readonly id: string; readonly name?: string }, unknown> =>
  ({
    name: `${method.toLowerCase()}Thing`,
    operationId: `${method.toLowerCase()}Thing`,
    method,
    path: method === "POST" ? "/things" : "/things/{id}",
    summary: "",
    tags: [],
    deprecated: false,
    parameters: method === "POST" ? [] : [idParam],
    body: method === "GET"
      ? undefined
      : {
        contentType: "application/json",
        required: false,
        flat: true,
        renamed: {},
        schema: Schema.Struct({ id: Schema.optionalKey(Schema.String), name: Schema.optionalKey(Schema.String) }),
      },
    success: { status: 200, schema: thing },
    errorStatuses: [400, 401, 404, 422, 429],
    pagination: "none",
    searchQuery: false,
    accept: "application/json",
    // As the generator marks them: idempotent methods are retry-safe, POST is not.
    retrySafe: method !== "POST",
  }) satisfies OperationDescriptor
const operations = { GET: descriptor("GET"), PUT: descriptor("PUT"), POST: descriptor("POST") }
type Method = keyof typeof operations

const errorList = (code: string) => ({ type: "error.list", request_id: "req-1", errors: [{ code, message: code }] })
const httpDate = (millis: number) => new Date(millis).toUTCString()

type Script = Fault | "refused"
interface Expect {
  readonly attempts: number
  /** Waits between attempts, as the policy announced them and as the server saw them (virtual ms). */
  readonly waits: ReadonlyArray<number>
}
interface Case {
  readonly name: string
  readonly fault: Script
  readonly error: IntercomError["_tag"]
  readonly idempotent: Expect
  readonly post: Expect
}

// Random is pinned at 0.5, so every computed backoff is shortened by 12.5 % (jitter 0.25 × 0.5): 438 ms, 875 ms.
const backoff: Expect = { attempts: 3, waits: [438, 875] }
const once: Expect = { attempts: 1, waits: [] }
const cases: ReadonlyArray<Case> = [
  {
    name: "500",
    fault: respond(500, errorList("server_error")),
    error: "IntercomServerError",
    idempotent: backoff,
    post: once,
  },
  {
    name: "502",
    fault: respond(502, "<html>bad gateway</html>"),
    error: "IntercomServerError",
    idempotent: backoff,
    post: once,
  },
  {
    name: "503",
    fault: respond(503, errorList("service_unavailable")),
    error: "IntercomServerError",
    idempotent: backoff,
    post: once,
  },
  { name: "504", fault: respond(504, ""), error: "IntercomServerError", idempotent: backoff, post: once },
  {
    name: "408",
    fault: respond(408, errorList("request_timeout")),
    error: "IntercomStatusError",
    idempotent: backoff,
    post: once,
  },
  {
    name: "429 + Retry-After: 2 (seconds)",
    fault: respond(429, errorList("rate_limit_exceeded"), { "retry-after": "2" }),
    error: "IntercomRateLimitedError",
    idempotent: { attempts: 3, waits: [2000, 2000] },
    post: { attempts: 3, waits: [2000, 2000] },
  },
  {
    // An absolute date: the first wait runs up to it; the second finds it past, which never shortens the backoff.
    name: "429 + Retry-After: <HTTP date T0+3 s>",
    fault: respond(429, errorList("rate_limit_exceeded"), { "retry-after": httpDate(T0 + 3000) }),
    error: "IntercomRateLimitedError",
    idempotent: { attempts: 3, waits: [3000, 875] },
    post: { attempts: 3, waits: [3000, 875] },
  },
  {
    name: "429 + X-RateLimit-Reset: <T0+4 s> (remaining 0)",
    fault: respond(429, errorList("rate_limit_exceeded"), {
      "x-ratelimit-limit": "10000",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(T0 / 1000 + 4),
    }),
    error: "IntercomRateLimitedError",
    idempotent: { attempts: 3, waits: [4000, 875] },
    post: { attempts: 3, waits: [4000, 875] },
  },
  {
    name: "400",
    fault: respond(400, errorList("parameter_invalid")),
    error: "IntercomBadRequestError",
    idempotent: once,
    post: once,
  },
  {
    name: "401",
    fault: respond(401, errorList("unauthorized")),
    error: "IntercomUnauthorizedError",
    idempotent: once,
    post: once,
  },
  {
    name: "404",
    fault: respond(404, errorList("not_found")),
    error: "IntercomNotFoundError",
    idempotent: once,
    post: once,
  },
  {
    name: "422",
    fault: respond(422, errorList("unprocessable")),
    error: "IntercomUnprocessableError",
    idempotent: once,
    post: once,
  },
  {
    name: "connection reset",
    fault: { kind: "reset" },
    error: "IntercomTransportError",
    idempotent: backoff,
    post: once,
  },
  // Nothing listens: the request never left, so even the POST is retried (the server sees no attempt at all).
  { name: "connection refused", fault: "refused", error: "IntercomTransportError", idempotent: backoff, post: backoff },
  // No answer: each attempt times out after 30 s; the last one gets what is left of the 90 s budget.
  { name: "slow response", fault: { kind: "hang" }, error: "IntercomTimeoutError", idempotent: backoff, post: once },
]

type Event =
  | { readonly _tag: "request" }
  | { readonly _tag: "wait"; readonly millis: number; readonly source: "retry" | "rateLimit" }
  | { readonly _tag: "done"; readonly exit: Exit.Exit<unknown, IntercomError> }

/** Turns the retry loop's and the rate limiter's debug logs into driver events. */
const captureWaits = (events: Queue.Queue<Event>) =>
  Logger.make(({ fiber, message }) => {
    const annotations = fiber.getRef(References.CurrentLogAnnotations)
    const retry = String(message).includes("retrying") ? annotations["intercom.wait_ms"] : undefined
    const limit = annotations["intercom.rateLimit.waitMillis"]
    if (typeof retry === "number") Queue.offerUnsafe(events, { _tag: "wait", millis: retry, source: "retry" })
    else if (typeof limit === "number") Queue.offerUnsafe(events, { _tag: "wait", millis: limit, source: "rateLimit" })
  })

interface Observed {
  /** The call's error (`undefined`: it succeeded). */
  readonly error: IntercomError | undefined
  /** Virtual time (ms after T0) at which the server saw each attempt. */
  readonly sentAt: ReadonlyArray<number>
  readonly waits: ReadonlyArray<number>
  readonly end: number
}

/**
 * Runs one call and drives the TestClock: a policy wait is advanced by exactly its length; an attempt the server
 * holds open is advanced by its timeout (30 s, or what is left of the 90 s budget).
 */
const drive = (
  server: FaultServer | undefined,
  baseUrl: string,
  method: Method,
  hang: boolean,
  clientOptions: IntercomOptions = {},
  callOptions?: RequestOptions,
) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(T0)
    const events = yield* Queue.unbounded<Event>()
    if (server) {
      yield* Effect.acquireRelease(
        Effect.sync(() => server.onRequest(() => Queue.offerUnsafe(events, { _tag: "request" }))),
        (unsubscribe) => Effect.sync(unsubscribe),
      )
    }
    const config = resolveConfig({ baseUrl, token: "t", ...clientOptions }, { requireToken: false, logTo: "effect" })
    if (Result.isFailure(config)) return yield* Effect.die(config.failure)
    const call = HttpClient.HttpClient.use((client) =>
      execute(
        { client, config: config.success },
        operations[method],
        method === "GET" ? { id: "42" } : { id: "42", name: "n" },
        callOptions,
      )
    ).pipe(
      Effect.provide(FetchHttpClient.layer),
      Effect.provideService(Logger.CurrentLoggers, new Set([captureWaits(events)])),
      Effect.provideService(References.MinimumLogLevel, "Debug"),
      Effect.provideService(Random.Random, { nextDoubleUnsafe: () => 0.5, nextIntUnsafe: () => 0 }),
    )
    yield* Effect.forkChild(Effect.flatMap(Effect.exit(call), (exit) => Queue.offer(events, { _tag: "done", exit })))
    const sentAt: Array<number> = []
    const waits: Array<number> = []
    while (true) {
      const event = yield* Queue.take(events)
      const now = (yield* Clock.currentTimeMillis) - T0
      if (event._tag === "done") return { error: failure(event.exit), sentAt, waits, end: now } satisfies Observed
      if (event._tag === "wait") {
        waits.push(event.millis)
        yield* TestClock.adjust(event.millis)
      } else {
        sentAt.push(now)
        if (hang) yield* TestClock.adjust(Math.min(30_000, 90_000 - now))
      }
    }
  })

/** Virtual time for the Promise interpreter and its port: timers fire only when the test advances the clock. */
const virtualTimers = (start: number) => {
  let now = start
  let nextId = 0
  const pending = new Map<number, { readonly at: number; readonly run: () => void }>()
  const timers: Timers = {
    now: () => now,
    setTimer: (run, millis) => {
      pending.set(++nextId, { at: now + millis, run })
      return nextId
    },
    clearTimer: (handle) => void pending.delete(handle as number),
  }
  const adjust = (millis: number) => {
    const target = now + millis
    while (true) {
      let due: [number, { readonly at: number; readonly run: () => void }] | undefined
      for (const entry of pending) {
        if (entry[1].at <= target && (due === undefined || entry[1].at < due[1].at)) due = entry
      }
      if (due === undefined) break
      pending.delete(due[0])
      now = due[1].at
      due[1].run()
    }
    now = target
  }
  return { timers, adjust }
}

/**
 * `drive` for the Promise interpreter: the same call over the fetch port, on virtual timers. The interpreter's waits
 * are the timers it sets itself (the port sets its own, for the attempt's timeout).
 */
const drivePromise = async (
  server: FaultServer | undefined,
  baseUrl: string,
  method: Method,
  hang: boolean,
  clientOptions: IntercomOptions = {},
  callOptions?: RequestOptions,
): Promise<Observed> => {
  const clock = virtualTimers(T0)
  const events: Array<
    { readonly _tag: "request" } | { readonly _tag: "wait"; readonly millis: number } | {
      readonly _tag: "done"
      readonly error: unknown
    }
  > = []
  let wake: (() => void) | undefined
  const push = (event: (typeof events)[number]) => {
    events.push(event)
    wake?.()
  }
  const unsubscribe = server?.onRequest(() => push({ _tag: "request" }))
  try {
    const config = resolveConfig({ baseUrl, token: "t", ...clientOptions }, { requireToken: false })
    if (Result.isFailure(config)) throw config.failure
    const waits: Timers = {
      ...clock.timers,
      setTimer: (run, millis) => (push({ _tag: "wait", millis }), clock.timers.setTimer(run, millis)),
    }
    runCall(
      {
        config: config.success,
        transport: fromAbortableSend(fetchSend, clock.timers),
        timers: waits,
        random: () => 0.5,
        checksOf: anyChecksOf,
      },
      operations[method],
      method === "GET" ? { id: "42" } : { id: "42", name: "n" },
      callOptions,
    ).then(
      () => push({ _tag: "done", error: undefined }),
      (error: unknown) => push({ _tag: "done", error }),
    )
    const sentAt: Array<number> = []
    const waitsSeen: Array<number> = []
    while (true) {
      while (events.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      const event = events.shift()!
      const now = clock.timers.now() - T0
      if (event._tag === "done") {
        return { error: event.error as IntercomError | undefined, sentAt, waits: waitsSeen, end: now }
      }
      if (event._tag === "wait") {
        waitsSeen.push(event.millis)
        clock.adjust(event.millis)
      } else {
        sentAt.push(now)
        if (hang) clock.adjust(Math.min(30_000, 90_000 - now))
      }
    }
  } finally {
    unsubscribe?.()
  }
}

const interpreters = {
  Effect: (...args: Parameters<typeof drivePromise>) =>
    Effect.runPromise(drive(...args).pipe(Effect.scoped, Effect.provide(TestClock.layer()))),
  Promise: drivePromise,
} as const

describe("fault matrix (real server, TestClock)", () => {
  let server: FaultServer
  let current: Script = respond(200, { id: "42" })
  let refused: string
  beforeAll(async () => {
    server = await startFaultServer(() => (current === "refused" ? respond(500) : current))
    refused = await refusedUrl()
  })
  afterAll(() => server.close())

  for (const testCase of cases) {
    for (const method of ["GET", "PUT", "POST"] as const) {
      for (const [interpreter, run] of Object.entries(interpreters)) {
        const expected = method === "POST" ? testCase.post : testCase.idempotent
        it(`${interpreter}: ${testCase.name} × ${method}: ${expected.attempts} attempt(s), waits [${expected.waits.join(", ")}], ${testCase.error}`, async () => {
          current = testCase.fault
          server.reset()
          const isRefused = testCase.fault === "refused"
          const hang = testCase.fault !== "refused" && testCase.fault.kind === "hang"
          const observed = await run(isRefused ? undefined : server, isRefused ? refused : server.url, method, hang)

          const { error } = observed
          assert.isDefined(error, "the call fails")
          assert.strictEqual(error?._tag, testCase.error)
          assert.strictEqual((error as { attempts: number }).attempts, expected.attempts, "attempts on the final error")
          assert.deepStrictEqual(observed.waits, expected.waits, "waits announced by the policy")

          if (isRefused) {
            assert.strictEqual(server.requests.length, 0)
            return
          }
          // What the server saw: exactly that many requests, sent after exactly those waits.
          assert.strictEqual(server.requests.length, expected.attempts, "requests the server saw")
          assert.deepStrictEqual(
            server.requests.map((r) => [r.method, r.headers["x-intercom-retry-count"]]),
            server.requests.map((_, i) => [method, i === 0 ? undefined : String(i)]),
          )
          const gaps = observed.sentAt.slice(1).map((at, i) =>
            at - observed.sentAt[i]! - (hang ? Math.min(30_000, 90_000 - observed.sentAt[i]!) : 0)
          )
          assert.deepStrictEqual(gaps, expected.waits, "virtual time between attempts")
          if (hang) {
            // Each timed-out attempt was aborted on the socket, and the call ended with its budget.
            await server.waitForAborted(expected.attempts)
            assert.strictEqual(observed.end, method === "POST" ? 30_000 : 90_000)
          }
        })
      }
    }
  }
})

const failure = (exit: Exit.Exit<unknown, IntercomError>) => {
  const found = Exit.isFailure(exit) ? Cause.findError(exit.cause) : undefined
  return found && Result.isSuccess(found) ? found.success : undefined
}

describe("policy options (client and per call)", () => {
  let server: FaultServer
  beforeAll(async () => {
    server = await startFaultServer(() => respond(503, errorList("service_unavailable")))
  })
  afterAll(() => server.close())

  for (const [interpreter, run] of Object.entries(interpreters)) {
    const attempts = async (clientOptions: IntercomOptions, callOptions?: RequestOptions) => {
      server.reset()
      const observed = await run(server, server.url, "GET", false, clientOptions, callOptions)
      return {
        attempts: (observed.error as { attempts: number }).attempts,
        seen: server.requests.length,
        waits: observed.waits,
      }
    }

    it(`${interpreter}: retry: false on the client, maxRetries per call, and a per-call policy override`, async () => {
      assert.deepStrictEqual(await attempts({ retry: false }), { attempts: 1, seen: 1, waits: [] })
      assert.deepStrictEqual(await attempts({ retry: false }, { maxRetries: 1 }), {
        attempts: 2,
        seen: 2,
        waits: [438],
      })
      assert.deepStrictEqual(
        await attempts({}, { retry: { maxRetries: 4, initialDelay: 100, maxDelay: 300, jitter: 0 } }),
        {
          attempts: 5,
          seen: 5,
          waits: [100, 200, 300, 300],
        },
      )
      assert.deepStrictEqual(await attempts({ retry: { initialDelay: "1 second", jitter: 0 } }), {
        attempts: 3,
        seen: 3,
        waits: [1000, 2000],
      })
    })

    it(`${interpreter}: a budget too small for the next wait ends the call at once with the last error`, async () => {
      const result = await attempts({ retry: { budget: "1200 millis", jitter: 0 } })
      // 0.5 s fits (0 + 500 < 1200), 1 s does not (500 + 1000 >= 1200).
      assert.deepStrictEqual(result, { attempts: 2, seen: 2, waits: [500] })
    })

    it(`${interpreter}: nonsense policy values are typed errors, not throws`, async () => {
      const observed = await run(server, server.url, "GET", false, {}, { retry: { maxRetries: -1 } })
      assert.strictEqual(observed.error?._tag, "IntercomInvalidInputError")
      const config = resolveConfig({ baseUrl: server.url, retry: { jitter: 3 } }, { requireToken: false })
      assert.isTrue(Result.isFailure(config))
    })
  }
})

describe("interruption aborts the socket", () => {
  let server: FaultServer
  beforeAll(async () => {
    server = await startFaultServer(() => ({ kind: "hang" }))
  })
  afterAll(() => server.close())

  it.live("interrupting the Effect closes the request's connection; nothing is retried", () =>
    Effect.gen(function*() {
      server.reset()
      const config = resolveConfig({ baseUrl: server.url, token: "t" }, { requireToken: false })
      if (Result.isFailure(config)) return yield* Effect.die(config.failure)
      const fiber = yield* Effect.forkChild(
        HttpClient.HttpClient.use((client) => execute({ client, config: config.success }, operations.GET, { id: "1" }))
          .pipe(
            Effect.provide(FetchHttpClient.layer),
          ),
      )
      yield* Effect.promise(() => server.waitForRequests(1))
      yield* Fiber.interrupt(fiber)
      yield* Effect.promise(() => server.waitForAborted(1))
      assert.strictEqual(server.requests.length, 1)
      assert.isTrue(server.requests[0]!.aborted)
    }))

  it("aborting a Promise call's signal rejects with IntercomAbortError (the reason as cause) and closes the connection", async () => {
    server.reset()
    class Client {
      readonly runner = makePromiseRunner(
        () => ({
          engine: { ...promiseEngine, operations },
          transport: Transport.fetch,
          options: () => ({ baseUrl: server.url, token: "t" }),
        }),
        false,
      )
    }
    installPromiseMethods(Client.prototype, (self: Client) => self.runner, operations)
    const client = new Client() as unknown as IntercomPromiseClient<typeof operations>
    const controller = new AbortController()
    const call = client.GET({ id: "1" }, { signal: controller.signal }).then(
      () => undefined,
      (error: unknown) => error,
    )
    await server.waitForRequests(1)
    const reason = new Error("user gave up")
    controller.abort(reason)
    const error = (await call) as IntercomAbortError
    assert.instanceOf(error, IntercomAbortError)
    assert.strictEqual(error.cause, reason)
    await server.waitForAborted(1)
    assert.strictEqual(server.requests.length, 1)
  })
})
