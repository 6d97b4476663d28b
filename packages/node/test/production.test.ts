// The Node client against real HTTP servers on 127.0.0.1: response validation modes, logging (lines per attempt,
// no token), transport options (dispatcher, fetch, maxResponseBytes), the Retry-After rule, and input rules
// (extraQuery / extraBody / extraHeaders, version checked before sending, unknown body keys).
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { startFaultServer, respond, sequence, type FaultServer } from "@utdk/intercom-testing/faultServer"
import { Agent, type Dispatcher } from "undici"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import {
  Intercom,
  IntercomConfigError,
  IntercomDecodeError,
  IntercomError,
  IntercomInvalidInputError,
  IntercomRateLimitedError,
  IntercomResponseTooLargeError,
} from "../src/index.ts"

const token = "tok_secret_0123456789"

/** A console-compatible logger that keeps the lines. */
const recorder = () => {
  const lines: Array<{ level: string; line: string }> = []
  const at = (level: string) => (line: string) => void lines.push({ level, line })
  return { lines, logger: { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") } }
}

// Valid for the spec except one field: `source.author.id` is a number where the spec says string.
const deviating = {
  type: "conversation",
  id: "1",
  source: { type: "conversation", id: "s1", author: { type: "admin", id: 42 } },
}

describe("validateResponses", () => {
  let server: FaultServer
  beforeAll(async () => {
    server = await startFaultServer(() => respond(200, deviating))
  })
  afterAll(() => server.close())

  it("warn (the default) returns the body as received and logs the mismatch once per operation and path", async () => {
    const { lines, logger } = recorder()
    const client = new Intercom({ token, baseUrl: server.url, logger })
    const first = await client.withResponse.retrieveConversation({ conversation_id: "1" })
    expect(first.data).toEqual(deviating)
    expect(first.validation).toEqual([
      { operation: "retrieveConversation", path: "$.source.author.id", expected: "string | null", got: "number 42" },
    ])
    const second = await client.withResponse.retrieveConversation({ conversation_id: "2" })
    expect(second.validation).toHaveLength(1)
    const warnings = lines.filter((entry) => entry.level === "warn")
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.line).toContain("operation=retrieveConversation")
    expect(warnings[0]!.line).toContain("path=$.source.author.id expected=\"string | null\" got=\"number 42\"")
  })

  it("strict rejects with IntercomDecodeError; off returns the body without checking or logging", async () => {
    const { lines, logger } = recorder()
    const strict = new Intercom({ token, baseUrl: server.url, logger, validateResponses: "strict" })
    const error = await strict.retrieveConversation({ conversation_id: "1" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomDecodeError)
    expect((error as IntercomDecodeError).path).toBe("$.source.author.id")
    // Per call, over the client's option.
    const off = await strict.withResponse.retrieveConversation({ conversation_id: "1" }, { validateResponses: "off" })
    expect(off.data).toEqual(deviating)
    expect(off.validation).toEqual([])
    expect(lines.filter((entry) => entry.level === "warn")).toEqual([])
  })
})

describe("logging", () => {
  let server: FaultServer
  const saved = process.env.INTERCOM_LOG
  beforeAll(async () => {
    server = await startFaultServer(
      sequence(
        respond(503, { type: "error.list", errors: [{ code: "service_unavailable", message: "try later" }] }),
        respond(200, { type: "conversation", id: "1", request_id: "req-ok" }, { "x-request-id": "req-ok" }),
      ),
    )
  })
  afterAll(() => server.close())
  afterEach(() => {
    if (saved === undefined) delete process.env.INTERCOM_LOG
    else process.env.INTERCOM_LOG = saved
  })

  it("INTERCOM_LOG=debug prints one line per attempt and a retry line, never the token or a body", async () => {
    process.env.INTERCOM_LOG = "debug"
    const { lines, logger } = recorder()
    const client = new Intercom({ token, baseUrl: server.url, logger, retry: { initialDelay: 20, jitter: 0 } })
    await client.retrieveConversation({ conversation_id: "1" }, { extraQuery: { email: "someone@example.com" } })
    const attempts = lines.filter((entry) => entry.level === "debug")
    expect(attempts).toHaveLength(2)
    expect(attempts[0]!.line).toMatch(
      /^\[intercom\] attempt operation=retrieveConversation method=GET path=\/conversations\/1 status=503 attempt=1 wait_ms=0 duration_ms=\d+$/,
    )
    expect(attempts[1]!.line).toMatch(/status=200 attempt=2 wait_ms=\d+ request_id=req-ok duration_ms=\d+$/)
    const retries = lines.filter((entry) => entry.level === "info")
    expect(retries).toHaveLength(1)
    expect(retries[0]!.line).toContain(
      "retrying operation=retrieveConversation attempt=1 failure=503 wait_ms=20 reason=backoff",
    )
    for (const { line } of lines) {
      expect(line).not.toContain(token)
      expect(line).not.toContain("try later") // a body
      expect(line).not.toContain("someone@example.com") // the query
    }
  })

  it("logLevel off says nothing; an unknown INTERCOM_LOG fails the first call with IntercomConfigError", async () => {
    const { lines, logger } = recorder()
    server.reset()
    await new Intercom({ token, baseUrl: server.url, logger, logLevel: "off", retry: { initialDelay: 1 } })
      .retrieveConversation({
        conversation_id: "1",
      })
    expect(lines).toEqual([])
    process.env.INTERCOM_LOG = "loud"
    const error = await new Intercom({ token, baseUrl: server.url, logger }).retrieveConversation({
      conversation_id: "1",
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomConfigError)
    expect((error as Error).message).toContain("off, error, warn, info, debug")
  })
})

/** A server that streams `total` bytes of JSON-ish text in 64 KB chunks, honouring backpressure, and counts what the socket accepted. */
const startStreamingServer = async (total: number, declareLength: boolean) => {
  const state = { written: 0, closed: false }
  const chunk = Buffer.alloc(64 * 1024, "a")
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, {
      "content-type": "application/json",
      ...(declareLength ? { "content-length": String(total) } : {}),
    })
    res.on("close", () => {
      state.closed = true
    })
    const pump = () => {
      while (state.written < total && !state.closed) {
        const ok = res.write(chunk)
        state.written += chunk.length
        if (!ok) return void res.once("drain", pump)
      }
      if (!state.closed) res.end()
    }
    pump()
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

describe("maxResponseBytes", () => {
  const total = 60 * 1024 * 1024

  it("a 60 MB streamed body with maxResponseBytes 10 MB fails typed, and the read stops early", async () => {
    const server = await startStreamingServer(total, false)
    try {
      const heapBefore = process.memoryUsage().heapUsed
      const client = new Intercom({ token, baseUrl: server.url, maxResponseBytes: 10_000_000, maxRetries: 0 })
      const error = await client.retrieveConversation({ conversation_id: "1" }).catch((e: unknown) => e)
      const heapAfter = process.memoryUsage().heapUsed
      expect(error).toBeInstanceOf(IntercomResponseTooLargeError)
      expect(error).toMatchObject({ limit: 10_000_000, status: 200, operation: "retrieveConversation" })
      // The server could hand the socket at most the cap plus what socket buffers hold: far from 60 MB.
      // Polled, not slept on: on a busy machine the server may see the close after any fixed delay.
      await expect.poll(() => server.state.closed).toBe(true)
      expect(server.state.written).toBeLessThan(30 * 1024 * 1024)
      // The text held is bounded by the cap (10 MB as UTF-16 is 20 MB), never the 60 MB (120 MB as a string).
      expect(heapAfter - heapBefore).toBeLessThan(60 * 1024 * 1024)
      console.info(
        `maxResponseBytes: server wrote ${server.state.written} of ${total} bytes; heap delta ${
          heapAfter - heapBefore
        }`,
      )
    } finally {
      await server.close()
    }
  })

  it("a declared Content-Length over the cap fails before the body is read (fetch transport too)", async () => {
    const server = await startStreamingServer(total, true)
    try {
      const client = new Intercom({
        token,
        baseUrl: server.url,
        maxResponseBytes: 1_000_000,
        maxRetries: 0,
        fetch: globalThis.fetch,
      })
      const error = await client.retrieveConversation({ conversation_id: "1" }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IntercomResponseTooLargeError)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(server.state.written).toBeLessThan(30 * 1024 * 1024)
    } finally {
      await server.close()
    }
  })
})

describe("Retry-After", () => {
  let server: FaultServer
  afterEach(() => server.close())

  it("Retry-After: 0 still waits the policy's backoff", async () => {
    server = await startFaultServer(
      sequence(
        respond(429, { type: "error.list", errors: [] }, { "retry-after": "0" }),
        respond(200, { type: "conversation", id: "1" }),
      ),
    )
    const { lines, logger } = recorder()
    const seenAt: Array<number> = []
    server.onRequest(() => seenAt.push(performance.now()))
    const client = new Intercom({
      token,
      baseUrl: server.url,
      logger,
      logLevel: "info",
      retry: { initialDelay: 300, jitter: 0 },
    })
    await client.retrieveConversation({ conversation_id: "1" })
    expect(server.requests).toHaveLength(2)
    expect(lines.map((entry) => entry.line)).toEqual([
      "[intercom] retrying operation=retrieveConversation attempt=1 failure=429 wait_ms=300 reason=backoff",
    ])
    // A lower bound only: the second request cannot have come before the backoff.
    expect(seenAt[1]! - seenAt[0]!).toBeGreaterThanOrEqual(295)
  })

  it("Retry-After: 100000 fails at once with IntercomRateLimitedError carrying retryAfter (ms)", async () => {
    server = await startFaultServer(() =>
      respond(429, { type: "error.list", errors: [{ code: "rate_limit_exceeded", message: "slow down" }] }, {
        "retry-after": "100000",
      })
    )
    const client = new Intercom({ token, baseUrl: server.url, maxRetries: 5 })
    const error = await client.updateConversation({ conversation_id: "1", read: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomRateLimitedError)
    expect((error as IntercomRateLimitedError).retryAfter).toBe(100_000_000)
    expect((error as IntercomRateLimitedError).attempts).toBe(1)
    expect(server.requests).toHaveLength(1)
  })
})

describe("transport options", () => {
  let server: FaultServer
  beforeAll(async () => {
    server = await startFaultServer(() => respond(200, { type: "conversation", id: "1" }))
  })
  afterAll(() => server.close())

  it("sends through the given undici dispatcher", async () => {
    const dispatched: Array<string> = []
    class CountingAgent extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        dispatched.push(`${options.method} ${options.path}`)
        return super.dispatch(options, handler)
      }
    }
    const agent = new CountingAgent()
    try {
      await new Intercom({ token, baseUrl: server.url, dispatcher: agent }).retrieveConversation({
        conversation_id: "7",
      })
      expect(dispatched).toEqual(["GET /conversations/7"])
    } finally {
      await agent.close()
    }
  })

  it("sends with the given fetch", async () => {
    const fetched: Array<string> = []
    const fetch: typeof globalThis.fetch = (input, init) => {
      fetched.push(`${init?.method} ${String(input)}`)
      return globalThis.fetch(input, init)
    }
    server.reset()
    await new Intercom({ token, baseUrl: server.url, fetch }).retrieveConversation({ conversation_id: "8" })
    expect(fetched).toEqual([`GET ${server.url}/conversations/8`])
    expect(server.requests.map((request) => request.path)).toEqual(["/conversations/8"])
  })
})

describe("input rules", () => {
  let server: FaultServer
  beforeAll(async () => {
    server = await startFaultServer(() => respond(200, { type: "conversation", id: "1" }))
  })
  afterAll(() => server.close())

  it("extraQuery, extraBody and extraHeaders reach the server as given", async () => {
    server.reset()
    const client = new Intercom({ token, baseUrl: server.url })
    await client.updateConversation(
      { conversation_id: "1", read: true },
      {
        extraQuery: { display_as: "plaintext", tag: ["a", "b"] },
        extraBody: { beta_flag: 1 },
        extraHeaders: { "X-Beta": "on" },
      },
    )
    const [request] = server.requests
    expect(request!.url).toBe("/conversations/1?display_as=plaintext&tag=a&tag=b")
    expect(JSON.parse(request!.body)).toEqual({ read: true, beta_flag: 1 })
    expect(request!.headers["x-beta"]).toBe("on")
  })

  it("version \"banana\" fails before sending: a config error for the client, an input error for the call", async () => {
    server.reset()
    const bad = await new Intercom({ token, baseUrl: server.url, version: "banana" as never })
      .retrieveConversation({ conversation_id: "1" })
      .catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(IntercomConfigError)
    expect((bad as Error).message).toContain("\"banana\"")
    const perCall = await new Intercom({ token, baseUrl: server.url })
      .retrieveConversation({ conversation_id: "1" }, { version: "banana" as never })
      .catch((e: unknown) => e)
    expect(perCall).toBeInstanceOf(IntercomInvalidInputError)
    expect((perCall as IntercomInvalidInputError).field).toBe("options.version")
    expect(server.requests).toHaveLength(0)
    // "Preview" is Intercom's preview version, sent exactly so; "Unstable", its former name, is a deprecated alias.
    // Both are typed and run by Preview's description, whose path parameter is `id` (2.16's is `conversation_id`).
    await new Intercom({ token, baseUrl: server.url, version: "Preview" }).retrieveConversation({ id: "1" })
    await new Intercom({ token, baseUrl: server.url, version: "Unstable" }).retrieveConversation({ id: "1" })
    expect(server.requests.map((r) => r.headers["intercom-version"])).toEqual(["Preview", "Preview"])
  })

  it("an unknown body key is rejected like an unknown query key, naming the escape hatches", async () => {
    server.reset()
    const client = new Intercom({ token, baseUrl: server.url })
    const body = await client.updateConversation({ conversation_id: "1", read: true, reed: true } as never).catch((
      e: unknown,
    ) => e)
    const query = await client.retrieveConversation({ conversation_id: "1", display: "x" } as never).catch((
      e: unknown,
    ) => e)
    for (const error of [body, query]) {
      expect(error).toBeInstanceOf(IntercomInvalidInputError)
      expect(error).toBeInstanceOf(IntercomError)
      expect((error as Error).message).toContain("`extraQuery`, `extraBody` or `extraHeaders`")
    }
    expect((body as IntercomInvalidInputError).field).toBe("reed")
    expect(server.requests).toHaveLength(0)
  })
})

describe("errors", () => {
  let server: FaultServer
  beforeAll(async () => {
    server = await startFaultServer((request) =>
      request.path.endsWith("/401")
        ? respond(401, { type: "error.list", errors: [{ code: "unauthorized", message: "Access Token Invalid" }] })
        : respond(403, { type: "error.list", errors: [{ code: "forbidden", message: "Forbidden" }] })
    )
  })
  afterAll(() => server.close())

  it("every error is an IntercomError; 401 and 403 say what to check", async () => {
    const client = new Intercom({ token, baseUrl: server.url })
    const unauthorized = await client.retrieveConversation({ conversation_id: "401" }).catch((e: unknown) => e)
    const forbidden = await client.retrieveConversation({ conversation_id: "403" }).catch((e: unknown) => e)
    const config = await new Intercom({ token, baseUrl: server.url, maxRetries: -1 }).retrieveConversation({
      conversation_id: "1",
    }).catch((e: unknown) => e)
    for (const error of [unauthorized, forbidden, config]) expect(error).toBeInstanceOf(IntercomError)
    expect((unauthorized as Error & { _tag: string })._tag).toBe("IntercomUnauthorizedError")
    expect((unauthorized as Error).message).toMatch(/access token.*region/)
    expect((forbidden as Error).message).toMatch(/OAuth scopes/)
    expect((config as Error & { _tag: string })._tag).toBe("IntercomConfigError")
  })
})
