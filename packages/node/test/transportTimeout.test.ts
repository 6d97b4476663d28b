// The Node Promise client enforces each attempt's timeout in its undici transport (a timer aborting the request),
// not with an Effect timeout fiber: real slow servers on 127.0.0.1, real clock. The outcome must be what the retry
// loop's own timeout gives: IntercomTimeoutError per attempt, GETs retried, a POST never retried after a timeout.
import type { ServerResponse } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Intercom, IntercomTimeoutError } from "../src/index.ts"
import { sendEffect } from "@utdk/intercom-core/Transport"
import { undiciTransport } from "../src/internal/engine.ts"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"

let server: TestServer
const pending = new Set<ServerResponse>()

beforeAll(async () => {
  server = await startServer((request, response) => {
    if (request.url.startsWith("/conversations/slow-body")) {
      // Headers at once, then the body never ends: the timeout covers the whole response, not only the headers.
      response.writeHead(200, { "content-type": "application/json" })
      response.write("{\"type\":\"conversation\",")
    }
    // Everything else: never answer (the test server closes these connections at the end).
    pending.add(response)
  })
})

afterAll(async () => {
  await server.close()
})

const retryFast = { initialDelay: 1, maxDelay: 1, jitter: 0 }
const count = (prefix: string) => server.requests.filter((r) => r.url.startsWith(prefix)).length

describe("the undici transport enforces the attempt timeout", () => {
  it("fails a send that outlives timeoutMillis with timedOut: true", async () => {
    const started = performance.now()
    const exit = await Effect.runPromiseExit(
      sendEffect(
        undiciTransport,
        {
          method: "GET",
          url: `${server.url}/conversations/raw-slow`,
          headers: { accept: "application/json" },
          body: undefined,
        },
        { timeoutMillis: 150 },
      ),
    )
    const elapsed = performance.now() - started
    expect(Exit.isFailure(exit)).toBe(true)
    const failure = Exit.isFailure(exit) ? exit.cause.reasons[0] : undefined
    expect(failure?._tag).toBe("Fail")
    expect(failure?._tag === "Fail" ? failure.error.timedOut : undefined).toBe(true)
    expect(elapsed).toBeGreaterThanOrEqual(140)
    // Only a hang fails here: a busy machine delays timers, it never fires them early.
    expect(elapsed).toBeLessThan(30_000)
  })

  it("a GET times out each attempt after 200 ms and is retried: IntercomTimeoutError after 3 attempts", async () => {
    const client = new Intercom({ token: "t", baseUrl: server.url, timeout: 200, retry: retryFast, maxRetries: 2 })
    const started = performance.now()
    const error = await client.retrieveConversation({ conversation_id: "slow-get" }).catch((e: unknown) => e)
    const elapsed = performance.now() - started
    expect(error).toBeInstanceOf(IntercomTimeoutError)
    expect((error as IntercomTimeoutError).attempts).toBe(3)
    expect((error as IntercomTimeoutError).timeout).toBe(200)
    expect((error as IntercomTimeoutError).message).toContain("within 200 ms (attempt 3)")
    // An attempt can time out before a busy machine wrote it: the server saw at most the three.
    expect(count("/conversations/slow-get")).toBeGreaterThanOrEqual(1)
    expect(count("/conversations/slow-get")).toBeLessThanOrEqual(3)
    expect(elapsed).toBeGreaterThanOrEqual(3 * 190)
    expect(elapsed).toBeLessThan(30_000)
  })

  it("a body that stalls after the headers times out too", async () => {
    const client = new Intercom({ token: "t", baseUrl: server.url, timeout: 200, maxRetries: 0 })
    const error = await client.retrieveConversation({ conversation_id: "slow-body" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomTimeoutError)
    expect((error as IntercomTimeoutError).attempts).toBe(1)
    expect(count("/conversations/slow-body")).toBeLessThanOrEqual(1)
  })

  it("a POST that times out is not retried, whatever maxRetries says", async () => {
    const client = new Intercom({ token: "t", baseUrl: server.url, timeout: 200, retry: retryFast, maxRetries: 2 })
    const error = await client.createContact({ email: "timeout@example.com" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomTimeoutError)
    expect((error as IntercomTimeoutError).attempts).toBe(1)
    // On a busy machine the 200 ms can run out before the request is written (the server then never sees it): what
    // must hold is that no second one follows. A retry would be sent 1 ms later; give it far longer than that.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.requests.filter((r) => r.method === "POST" && r.url === "/contacts").length).toBeLessThanOrEqual(1)
  })
})
