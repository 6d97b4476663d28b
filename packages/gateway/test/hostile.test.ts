// Failures reproduced against a public deployment (issue 12), each replayed for real against the Node server with
// small limits so it runs in seconds: connection floods from one address, stalled readers, vanished clients,
// trickling upstreams, allow-list bypass through a sibling literal, encoded dot segments in the web handler, Redis
// down at start, compressed answers, and session keys replayed from another origin.
import { spawn } from "node:child_process"
import { once } from "node:events"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { connect, type Socket } from "node:net"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import { freePort } from "@utdk/intercom-testing/prism"
import { operationList } from "@utdk/intercom-core/registry"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { makeGateway } from "../src/Gateway.ts"
import { startGatewayServer, type RunningGatewayServer } from "../src/node/server.ts"
import { makeUndiciTransport } from "../src/node/transport.ts"
import { rawRequest } from "./fixtures.ts"

const TOKEN = "dG9rOmhvc3RpbGUtbG9hZC10ZXN0LXRva2Vu"
const ORIGIN = "https://docs.example.com"
const OTHER_ORIGIN = "https://other.example.com"
const bin = fileURLToPath(new URL("../dist/bin/intercom-gateway.js", import.meta.url))

const waitFor = async (what: string, condition: () => boolean, timeoutMs = 8000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

interface Exchange {
  readonly url: string
  /** The upstream saw the gateway close (or finish) this exchange. */
  closed: boolean
  finished: boolean
}

/**
 * An upstream with hostile behaviours: `/contacts/endless` streams until the reader stops, `/contacts/trickle`
 * sends one byte every 100 ms for 8 s, `/contacts/hang` never answers, `/contacts/gzip` answers compressed JSON.
 */
const startHostileUpstream = async () => {
  const exchanges: Array<Exchange> = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const exchange: Exchange = { url: req.url ?? "", closed: false, finished: false }
    exchanges.push(exchange)
    res.on("close", () => {
      exchange.closed = true
      exchange.finished = res.writableFinished
    })
    const url = exchange.url
    if (url.startsWith("/contacts/endless")) {
      res.writeHead(200, { "content-type": "application/octet-stream" })
      const chunk = Buffer.alloc(64 * 1024, 120)
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      }
      res.on("drain", pump)
      pump()
      return
    }
    if (url.startsWith("/contacts/trickle")) {
      res.writeHead(200, { "content-type": "application/json" })
      let sent = 0
      const timer = setInterval(() => {
        if (res.destroyed || sent === 80) {
          clearInterval(timer)
          if (!res.destroyed) res.end()
          return
        }
        res.write(sent === 0 ? "[" : " ")
        sent++
      }, 100)
      res.on("close", () => clearInterval(timer))
      return
    }
    if (url.startsWith("/contacts/hang")) return
    if (url.startsWith("/contacts/violations")) {
      res.writeHead(422, {
        "content-type": "application/json",
        "sl-violations":
          "[{\"location\":[\"request\",\"body\"],\"severity\":\"Error\",\"message\":\"read must be boolean\"}]",
      })
      res.end("{}")
      return
    }
    if (url.startsWith("/contacts/gzip")) {
      const body = gzipSync(JSON.stringify({ type: "contact", id: "gzip", name: "x".repeat(2000) }))
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": String(body.byteLength),
      })
      res.end(body)
      return
    }
    res.writeHead(200, { "content-type": "application/json" })
    res.end(JSON.stringify({ type: "fake", method: req.method, url }))
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    matching: (prefix: string) => exchanges.filter((e) => e.url.startsWith(prefix)),
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A socket that sends a request line and then one header line every `gapMs`, never finishing its headers. */
const slowHeaders = (port: number, localAddress: string, gapMs: number) => {
  const socket = connect({ port, host: "127.0.0.1", localAddress })
  socket.on("error", () => {})
  let closed = false
  socket.on("close", () => (closed = true))
  socket.on("connect", () => socket.write("GET /me HTTP/1.1\r\nHost: g\r\n"))
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(`X-Slow-${Math.random().toString(36).slice(2, 6)}: 1\r\n`)
  }, gapMs)
  return {
    closed: () => closed,
    stop: () => {
      clearInterval(timer)
      socket.destroy()
    },
  }
}

/** A client that sends a request and then never reads: the kernel buffers fill and the server's writes stall. */
const stalledReader = (port: number, target: string) => {
  const socket = connect({ port, host: "127.0.0.1" })
  socket.on("error", () => {})
  socket.on("connect", () => {
    socket.write(`GET ${target} HTTP/1.1\r\nHost: g\r\n\r\n`)
    socket.pause()
  })
  return { stop: () => socket.destroy() }
}

const http = (method: string, target: string, headers: ReadonlyArray<string> = []) =>
  [`${method} ${target} HTTP/1.1`, "Host: gateway.test", ...headers, "Connection: close", "", ""].join("\r\n")

describe("hostile load and input (issue 12)", () => {
  let upstream: Awaited<ReturnType<typeof startHostileUpstream>>
  const cleanups: Array<() => Promise<void> | void> = []

  const serve = async (
    gateway: Partial<Parameters<typeof makeGateway>[0]>,
    server: Partial<Parameters<typeof startGatewayServer>[0]> = {},
  ): Promise<RunningGatewayServer> => {
    const running = await startGatewayServer({
      gateway: {
        operations: operationList,
        upstream: upstream.url,
        credentials: { mode: "server", token: TOKEN },
        cors: { allowedOrigins: [ORIGIN, OTHER_ORIGIN] },
        rateLimit: false,
        upstreamTimeoutMs: 60_000,
        ...gateway,
      },
      ...server,
    })
    cleanups.push(() => running.close())
    return running
  }

  beforeAll(async () => {
    upstream = await startHostileUpstream()
  })
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  afterAll(async () => {
    await upstream?.close()
  })

  it("1. one address holding connections open with slow headers does not starve other addresses", async () => {
    const gateway = await serve({}, {
      maxConnections: 12,
      maxConnectionsPerClient: 4,
      headersTimeoutMs: 1500,
      requestTimeoutMs: 3000,
    })
    // 40 slow sockets from 127.0.0.2, far more than the whole server's connection budget.
    const attackers = Array.from({ length: 40 }, () => slowHeaders(gateway.port, "127.0.0.2", 200))
    cleanups.push(() => attackers.forEach((a) => a.stop()))
    await new Promise((r) => setTimeout(r, 300))
    // The attacker's surplus sockets are closed while its first ones still trickle headers.
    await waitFor("surplus attacker sockets closed", () => attackers.filter((a) => a.closed()).length >= 20)
    const legit = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        new Promise<number>((resolve) => {
          const socket = connect({ port: gateway.port, host: "127.0.0.1", localAddress: `127.0.0.${3 + (i % 4)}` })
          let data = ""
          socket.on("data", (c) => (data += c.toString("latin1")))
          socket.on("error", () => resolve(0))
          socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)))
          socket.on("connect", () => socket.write(http("GET", "/me")))
        })),
    )
    expect(legit).toEqual(Array(8).fill(200))
  })

  it("2. stalled readers cannot pin the upstream pool: the pool answers 503 with Retry-After when full, and the deadline frees it", async () => {
    const pool = makeUndiciTransport({ connections: 4 })
    cleanups.push(() => pool.close())
    const gateway = await serve({ transport: pool.transport, upstreamTimeoutMs: 1500 }, { socketTimeoutMs: 60_000 })
    const readers = Array.from({ length: 6 }, () => stalledReader(gateway.port, "/contacts/endless"))
    cleanups.push(() => readers.forEach((r) => r.stop()))
    await waitFor("the pool is full of stalled exchanges", () => upstream.matching("/contacts/endless").length >= 4)
    // A plain request gets an answer right away instead of queueing behind them.
    const plain = await rawRequest(gateway.port, http("GET", "/me"), { timeoutMs: 5000 })
    expect([200, 503]).toContain(plain.status)
    if (plain.status === 503) {
      expect(plain.headers["retry-after"]).toMatch(/^\d+$/)
      expect(plain.headers["x-gateway-error"]).toBe("upstream_busy")
    }
    // The whole-exchange deadline closes the stalled upstream exchanges, and the pool serves again.
    await waitFor(
      "stalled upstream exchanges closed",
      () => upstream.matching("/contacts/endless").every((e) => e.closed),
    )
    const after = await rawRequest(gateway.port, http("GET", "/me"), { timeoutMs: 5000 })
    expect(after.status).toBe(200)
  })

  it("2b. requests queued behind a hung upstream get their 504 from one deadline that includes the wait", async () => {
    const pool = makeUndiciTransport({ connections: 2 })
    cleanups.push(() => pool.close())
    const gateway = await serve({ transport: pool.transport, upstreamTimeoutMs: 1000 })
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => rawRequest(gateway.port, http("GET", "/contacts/hang"), { timeoutMs: 4000 })),
    )
    // Nobody waits for someone else's timeout: every request is answered (504, or 503 when the pool was full).
    for (const answer of answers) expect([503, 504]).toContain(answer.status)
  })

  it("3. a client that disconnects cancels its upstream request", async () => {
    const gateway = await serve({})
    const before = upstream.exchanges.length
    const socket = connect({ port: gateway.port, host: "127.0.0.1" })
    socket.on("error", () => {})
    socket.write(http("GET", "/contacts/hang"))
    await waitFor("the upstream received the request", () => upstream.exchanges.length === before + 1)
    const exchange = upstream.exchanges[before]!
    expect(exchange.url).toBe("/contacts/hang")
    socket.destroy()
    await waitFor("the upstream request was cancelled", () => exchange.closed, 5000)
  })

  it("4. --upstream-timeout bounds the whole exchange, not the idle time (a 1 byte per 100 ms trickle)", async () => {
    const gateway = await serve({ upstreamTimeoutMs: 1000 })
    const outcome = await fetch(`${gateway.url}/contacts/trickle`).then(
      async (
        response,
      ) => (response.status === 504 ? "504" : await response.text().then(() => "completed", () => "cut off")),
      () => "cut off",
    )
    expect(outcome).not.toBe("completed")
    const [exchange] = upstream.matching("/contacts/trickle")
    await waitFor("the trickling upstream was closed", () => exchange!.closed)
    expect(exchange!.finished).toBe(false)
  })

  it("5. a narrowed operations list is not bypassed through a sibling literal segment", async () => {
    const getAdmin = operationList.find((o) => o.method === "GET" && o.path === "/admins/{admin_id}")!
    expect(operationList.some((o) => o.method === "GET" && o.path === "/admins/activity_logs")).toBe(true)
    const gateway = await serve({ operations: [getAdmin] })
    const before = upstream.exchanges.length
    const bypass = await rawRequest(gateway.port, http("GET", "/admins/activity_logs"))
    expect(bypass.status).toBe(403)
    expect(bypass.headers["x-gateway-error"]).toBe("operation_not_allowed")
    expect(upstream.exchanges.length).toBe(before)
    // The allowed operation still works.
    expect((await rawRequest(gateway.port, http("GET", "/admins/123"))).status).toBe(200)
    expect(upstream.exchanges.at(-1)?.url).toBe("/admins/123")
  })

  it("6. encoded dot segments reaching the web handler are refused before any normalisation", async () => {
    const gateway = makeGateway({
      operations: operationList,
      upstream: upstream.url,
      credentials: { mode: "server", token: TOKEN },
      rateLimit: false,
    })
    cleanups.push(() => gateway.close())
    const before = upstream.exchanges.length
    // What runtimes that keep the raw target (Deno, Bun) hand over: a request whose url was not normalised.
    for (
      const target of [
        "/conversations/%2e%2e/%2e%2e/admins/x",
        "/conversations/%2E%2e/%2e%2E/admins/x",
        "/contacts/.%2e/admins/x",
        "/contacts/%2e/me",
      ]
    ) {
      const request = {
        url: `http://gateway.test${target}`,
        method: "GET",
        headers: new Headers(),
        body: null,
        signal: new AbortController().signal,
      } as unknown as Request
      const response = await gateway.fetch(request)
      expect(response.status, target).toBe(404)
    }
    expect(upstream.exchanges.length).toBe(before)
  })

  it(
    "7. Redis unreachable at start: the bin exits non-zero with a clear message, or starts with --redis-optional",
    async () => {
      const deadPort = await freePort()
      const env = { PATH: process.env.PATH ?? "", INTERCOM_ACCESS_TOKEN: TOKEN }
      const port = await freePort()
      const child = spawn(process.execPath, [
        bin,
        "--port",
        String(port),
        "--redis-url",
        `redis://127.0.0.1:${deadPort}`,
      ], { env, stdio: ["ignore", "pipe", "pipe"] })
      let stderr = ""
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()))
      const exited = once(child, "exit")
      // Generous: on a loaded CI machine loading the registry alone can take seconds.
      const timer = setTimeout(() => child.kill("SIGKILL"), 90_000)
      const [code, signal] = (await exited) as [number | null, string | null]
      clearTimeout(timer)
      expect(signal).toBeNull()
      expect(code).not.toBe(0)
      expect(stderr).toMatch(/redis/i)
      expect(stderr).toContain("--redis-optional")

      const optionalPort = await freePort()
      const optional = spawn(process.execPath, [
        bin,
        "--port",
        String(optionalPort),
        "--redis-url",
        `redis://127.0.0.1:${deadPort}`,
        "--redis-optional",
      ], { env, stdio: ["ignore", "pipe", "pipe"] })
      cleanups.push(() => {
        optional.kill("SIGKILL")
      })
      let output = ""
      optional.stdout.on("data", (c: Buffer) => (output += c.toString()))
      await waitFor("the gateway started without Redis", () => output.includes("\"event\":\"started\""), 90_000)
      expect(output).toContain("\"store\":\"memory\"")
      expect((await fetch(`http://127.0.0.1:${optionalPort}/healthz`)).status).toBe(200)
    },
    240_000,
  )

  it("8. a compressed upstream answer is decoded (to be scanned for the token) and labelled as such", async () => {
    const gateway = await serve({})
    const response = await fetch(`${gateway.url}/contacts/gzip`)
    expect(response.status).toBe(200)
    expect(response.headers.get("content-encoding")).toBeNull()
    expect(((await response.json()) as { id: string }).id).toBe("gzip")
  })

  it("a stand-in upstream's sl-violations header reaches the page (for the docs' playground)", async () => {
    const gateway = await serve({})
    const response = await fetch(`${gateway.url}/contacts/violations`, { headers: { origin: ORIGIN } })
    expect(response.status).toBe(422)
    expect(response.headers.get("sl-violations")).toContain("read must be boolean")
    expect(response.headers.get("access-control-expose-headers")).toContain("sl-violations")
  })

  it("9. a session key only works from the origin that created it", async () => {
    const gateway = await serve({
      credentials: { mode: "session", secret: "a-gateway-secret-of-at-least-32-bytes-for-sessions" },
    })
    const created = await fetch(`${gateway.url}/_gateway/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ token: "dG9rOnZpc2l0b3ItdG9rZW4tb3JpZ2luLWJvdW5k" }),
    })
    expect(created.status).toBe(201)
    const { session } = (await created.json()) as { session: string }
    const use = (origin?: string) =>
      fetch(`${gateway.url}/me`, {
        headers: { "x-gateway-session": session, ...(origin === undefined ? {} : { origin }) },
      }).then((r) => r.status)
    expect(await use(ORIGIN)).toBe(200)
    expect(await use(OTHER_ORIGIN)).toBe(401)
    expect(await use()).toBe(401)
    // Revoking also needs the creating origin.
    const revoke = (origin: string) =>
      fetch(`${gateway.url}/_gateway/sessions`, { method: "DELETE", headers: { "x-gateway-session": session, origin } })
        .then((r) => r.status)
    expect(await revoke(OTHER_ORIGIN)).toBe(401)
    expect(await revoke(ORIGIN)).toBe(204)
  })
})
