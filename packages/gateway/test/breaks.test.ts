// Issue 23's breaks that live in the Node server and the Redis store (stalled Redis, a Redis that never answers at
// start-up, silent sockets, pipelining), and the handler's policy pieces tested on their own (the token scrubber,
// the JSON depth check, rate-limited health checks and preflights, the handler's upstream check). The runtime
// matrix (runtimes.test.ts) runs the cases that reach the handler on every runtime.
import { operationList } from "@utdk/intercom-core/registry"
import fc from "fast-check"
import { once } from "node:events"
import { createServer, type Server } from "node:http"
import { connect, createServer as createTcpServer, type Socket } from "node:net"
import { createClient } from "redis"
import { afterEach, describe, expect, it } from "vitest"
import { exceedsJsonDepth } from "../src/Body.ts"
import { makeGateway } from "../src/Gateway.ts"
import { makeGatewayHandler, UpstreamConfigError } from "../src/index.ts"
import { makeRedisStore, RedisUnreachableError } from "../src/node/RedisStore.ts"
import { parseGatewayConfig } from "../src/node/config.ts"
import { runGateway } from "../src/node/run.ts"
import { startGatewayServer } from "../src/node/server.ts"
import { makeScrubber } from "../src/Scrub.ts"
import { startRedis } from "./fixtures.ts"

const TOKEN = "dG9rOmlzc3VlLTIzLWJyZWFrcw/+token=="
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const waitFor = async (
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** An upstream that answers JSON after `delayMs` and records how many requests it held at once. */
const startSlowUpstream = async (delayMs: number) => {
  let inFlight = 0
  let maxInFlight = 0
  let requests = 0
  const server: Server = createServer((req, res) => {
    requests++
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    req.resume()
    setTimeout(() => {
      inFlight--
      res.writeHead(200, { "content-type": "application/json" })
      res.end(JSON.stringify({ type: "admin", url: req.url }))
    }, delayMs)
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  cleanups.push(() => {
    server.closeAllConnections()
    return new Promise((r) => server.close(r))
  })
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    stats: () => ({ requests, maxInFlight }),
  }
}

const gatewayOptions = (upstream: string) => ({
  operations: operationList,
  upstream,
  credentials: { mode: "server" as const, token: TOKEN },
  rateLimit: false as const,
})

describe("Redis that stalls or never answers (breaks 2 and 3)", () => {
  it("break 2: a paused Redis fails /me, /healthz and /_gateway/info with 503 within the command deadline", async () => {
    const redis = await startRedis()
    cleanups.push(() => redis.stop())
    const upstream = await startSlowUpstream(0)
    const store = await makeRedisStore({ url: redis.url, commandTimeoutMs: 500 })
    const server = await startGatewayServer({
      gateway: { ...gatewayOptions(upstream.url), store, rateLimit: { requests: 100, windowSeconds: 60 } },
    })
    cleanups.push(() => server.close())
    expect((await fetch(`${server.url}/me`)).status).toBe(200)
    // CLIENT PAUSE holds every client's commands, as a SIGSTOPped Redis would.
    const admin = createClient({ url: redis.url })
    await admin.connect()
    cleanups.push(() => admin.destroy())
    await admin.sendCommand(["CLIENT", "PAUSE", "8000", "ALL"])
    for (const path of ["/me", "/healthz", "/_gateway/info"]) {
      const started = Date.now()
      const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(5000) })
      expect(response.status, path).toBe(503)
      expect(Date.now() - started, path).toBeLessThan(4000)
    }
  })

  it(
    "break 3: a Redis that accepts TCP and never answers fails the start within the connect deadline; --redis-optional falls back",
    async () => {
      const sockets = new Set<Socket>()
      const silent = createTcpServer((socket) => void sockets.add(socket))
      silent.listen(0, "127.0.0.1")
      await once(silent, "listening")
      cleanups.push(() => {
        for (const s of sockets) s.destroy()
        return new Promise((r) => silent.close(r))
      })
      const url = `redis://127.0.0.1:${(silent.address() as { port: number }).port}`
      const started = Date.now()
      await expect(makeRedisStore({ url, connectTimeoutMs: 1000 })).rejects.toBeInstanceOf(RedisUnreachableError)
      expect(Date.now() - started).toBeLessThan(5000)

      const upstream = await startSlowUpstream(0)
      const config = parseGatewayConfig(
        [
          "--port",
          "0",
          "--redis-url",
          url,
          "--redis-optional",
          "--upstream",
          upstream.url,
          "--allow-loopback-upstream",
        ],
        { INTERCOM_ACCESS_TOKEN: TOKEN },
      )
      if (config === "help") throw new Error("unexpected help")
      const lines: Array<string> = []
      const running = await Promise.race([
        runGateway(config, { sink: (line) => void lines.push(line) }),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error("runGateway hung on a silent Redis")), 20_000)
        ),
      ])
      cleanups.push(() => running.close())
      expect(lines.some((l) => l.includes("\"event\":\"redis_unreachable_using_memory\""))).toBe(true)
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200)
    },
    60_000,
  )
})

describe("the Node server's connections (breaks 4 and 9)", () => {
  it("break 4: silent sockets are closed fully after their 408, and their slots serve others", async () => {
    const upstream = await startSlowUpstream(0)
    const server = await startGatewayServer({
      gateway: gatewayOptions(upstream.url),
      headersTimeoutMs: 500,
      requestTimeoutMs: 1000,
      maxConnectionsPerClient: 8,
    })
    cleanups.push(() => server.close())
    const silent: Array<Socket> = []
    for (let i = 0; i < 8; i++) {
      const socket = connect({ port: server.port, host: "127.0.0.1", localAddress: "127.0.0.2" })
      socket.on("error", () => {})
      // Never reads: whatever the server sends stays in the kernel's buffers.
      socket.pause()
      silent.push(socket)
    }
    cleanups.push(() => silent.forEach((s) => s.destroy()))
    const connections = () => new Promise<number>((resolve) => server.server.getConnections((_e, n) => resolve(n)))
    await waitFor("the silent sockets were accepted", async () => (await connections()) === 8)
    await waitFor("the server closed every silent socket", async () => (await connections()) === 0, 6000)
    const response = await fetch(`${server.url}/me`)
    expect(response.status).toBe(200)
  })

  const pipelined = (port: number, count: number) =>
    new Promise<{ statuses: Array<number>; closedEarly: boolean }>((resolve) => {
      const socket = connect({ port, host: "127.0.0.1" })
      let text = ""
      socket.on("data", (c) => {
        text += c.toString("latin1")
        if ((text.match(/^HTTP\/1\.1 /gm) ?? []).length === count) socket.end()
      })
      socket.on("error", () => {})
      socket.on("close", () => {
        const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]))
        resolve({ statuses, closedEarly: statuses.length < count })
      })
      socket.write(Array.from({ length: count }, (_, i) => `GET /admins/${i} HTTP/1.1\r\nHost: g\r\n\r\n`).join(""))
    })

  it("break 9: pipelined requests are served one at a time, in order; a connection queueing too many is closed", async () => {
    const upstream = await startSlowUpstream(50)
    const server = await startGatewayServer({ gateway: gatewayOptions(upstream.url) })
    cleanups.push(() => server.close())
    const few = await pipelined(server.port, 6)
    expect(few.statuses).toEqual([200, 200, 200, 200, 200, 200])
    expect(upstream.stats()).toEqual({ requests: 6, maxInFlight: 1 })
    const many = await pipelined(server.port, 100)
    expect(many.closedEarly).toBe(true)
    expect(upstream.stats().maxInFlight).toBe(1)
    // The one in progress and at most 8 behind it ever reach the upstream.
    expect(upstream.stats().requests - 6).toBeLessThanOrEqual(9)
  })
})

describe("the handler's own policy", () => {
  it("break 8: the scrubber removes every spelling of a secret, however the body is cut into chunks (property)", async () => {
    const scrubber = makeScrubber([TOKEN])!
    const spellings = [
      TOKEN,
      TOKEN.replaceAll("/", "\\/"),
      encodeURIComponent(TOKEN),
      encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    ]
    const body = fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...spellings)), { maxLength: 12 }).map(
      (parts) => parts.join(""),
    )
    await fc.assert(
      fc.asyncProperty(body, fc.array(fc.nat(), { maxLength: 6 }), async (text, cuts) => {
        const bytes = new TextEncoder().encode(text)
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
        const chunks = [0, ...points].map((p, i, all) => bytes.subarray(p, all[i + 1] ?? bytes.length)).filter((c) =>
          c.length > 0
        )
        const whole = new TextDecoder().decode(scrubber.bytes(bytes))
        let streamed = ""
        for await (
          const chunk of scrubber.stream((async function*() {
            yield* chunks
          })())
        ) streamed += new TextDecoder().decode(chunk)
        expect(streamed).toBe(whole)
        for (const s of spellings) expect(whole).not.toContain(s)
        expect(scrubber.text(text)).toBe(whole)
      }),
      { numRuns: 2000 },
    )
  })

  it("break 5: nesting is measured outside strings, before any parsing", () => {
    expect(exceedsJsonDepth(new TextEncoder().encode(`${"[".repeat(65)}${"]".repeat(65)}`))).toBe(true)
    expect(exceedsJsonDepth(new TextEncoder().encode(`${"[".repeat(64)}${"]".repeat(64)}`))).toBe(false)
    expect(exceedsJsonDepth(new TextEncoder().encode(JSON.stringify({ q: "[".repeat(1000), e: "\\\"[[[" })))).toBe(
      false,
    )
  })

  it("/healthz and preflights count against the rate limit", async () => {
    const gateway = makeGateway({
      ...gatewayOptions("https://api.intercom.io"),
      cors: { allowedOrigins: ["https://docs.example.com"] },
      rateLimit: { requests: 2, windowSeconds: 60 },
    })
    cleanups.push(() => gateway.close())
    const health = () => gateway.fetch(new Request("https://g.test/healthz"), { clientAddress: "198.51.100.1" })
    expect((await health()).status).toBe(200)
    expect((await health()).status).toBe(200)
    expect((await health()).status).toBe(429)
    const preflight = () =>
      gateway.fetch(
        new Request("https://g.test/me", {
          method: "OPTIONS",
          headers: { origin: "https://docs.example.com", "access-control-request-method": "GET" },
        }),
        { clientAddress: "198.51.100.2" },
      )
    expect((await preflight()).status).toBe(204)
    expect((await preflight()).status).toBe(204)
    const limited = await preflight()
    expect(limited.status).toBe(429)
    expect(limited.headers.get("access-control-allow-origin")).toBe("https://docs.example.com")
  })

  it("makeGatewayHandler checks the upstream as the bin does", () => {
    const options = { credentials: { mode: "server" as const, token: TOKEN } }
    expect(() => makeGatewayHandler({ ...options, upstream: "http://127.0.0.1:4010" })).toThrow(UpstreamConfigError)
    expect(() => makeGatewayHandler({ ...options, upstream: "https://evil.test" })).toThrow(UpstreamConfigError)
    expect(() => makeGatewayHandler({ ...options, upstream: "http://127.0.0.1:4010", allowLoopbackUpstream: true })).not
      .toThrow()
    expect(() => makeGatewayHandler({ ...options, upstream: "https://api.eu.intercom.io" })).not.toThrow()
  })

  it("a compressed answer the transport did not decode is refused, never passed on unscanned", async () => {
    const gateway = makeGateway({
      ...gatewayOptions("https://api.intercom.io"),
      transport: async () => ({
        status: 200,
        headers: new Headers({ "content-type": "application/json", "content-encoding": "zstd" }),
        decoded: false,
        bytes: async () => new Uint8Array([1, 2, 3]),
        stream: () => new ReadableStream(),
        discard: async () => {},
      }),
    })
    cleanups.push(() => gateway.close())
    const response = await gateway.fetch(new Request("https://g.test/me"))
    expect(response.status).toBe(502)
  })
})
