// The Node client's undici port (one dispatch handler per attempt, no undici.request): what it reads of a response
// and how it stops one. Real servers on 127.0.0.1: bodies in many chunks, a byte order mark, a character split
// across chunks, repeated headers, an early-hints 103, bodies past the cap (stated, streamed, compressed), a caller's
// signal (before and during the request, and on a request still queued for a connection), an interrupted Effect.
import { gzipSync } from "node:zlib"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import { Agent } from "undici"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import type { ServerResponse } from "node:http"
import { sendEffect, type TransportFailure, type WireRequest } from "@utdk/intercom-core/Transport"
import { undiciTransport, undiciTransportWith } from "../src/internal/engine.ts"

let server: TestServer
const held = new Map<string, ServerResponse>()
const closed: Array<string> = []

beforeAll(async () => {
  server = await startServer((request, response) => {
    const [, shape, size] = request.url.split("/")
    response.on("close", () => closed.push(request.url))
    switch (shape) {
      case "chunks": {
        // Many writes, no length: the body comes chunked, and "é" (2 bytes) is split across two writes.
        response.writeHead(200, { "content-type": "text/plain" })
        for (let i = 0; i < 20; i++) response.write(`part ${i};`)
        response.write(Buffer.from([0xc3]))
        response.end(Buffer.from([0xa9]))
        return
      }
      case "bom":
        response.writeHead(200, { "content-type": "application/json" })
        response.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("{\"ok\":true}")]))
        return
      case "cookies":
        response.setHeader("set-cookie", ["a=1", "b=2"])
        response.writeHead(200, { "x-request-id": "r-1", "content-length": "2" })
        response.end("{}")
        return
      case "hints":
        response.writeEarlyHints({ link: "</style.css>; rel=preload" })
        response.writeHead(201, { "content-type": "application/json" })
        response.end("{\"created\":true}")
        return
      case "stated": {
        const body = Buffer.alloc(Number(size), "a")
        response.writeHead(200, { "content-length": body.length }).end(body)
        return
      }
      case "stream": {
        // Without a length, as long as the client keeps reading (up to 10 MB): the read must stop at the cap.
        response.writeHead(200, { "content-type": "text/plain" })
        let sent = 0
        const more = () => {
          while (sent < 10_000_000 && !response.destroyed) {
            sent += 65_536
            if (!response.write(Buffer.alloc(65_536, "b"))) return void response.once("drain", more)
          }
          response.end()
        }
        more()
        return
      }
      case "gzip": {
        // 2 000 bytes once decompressed, 30-odd on the wire: undici's dispatcher hands over the wire bytes.
        const zipped = gzipSync(Buffer.alloc(2000, "c"))
        response.writeHead(200, { "content-encoding": "gzip", "content-length": zipped.length }).end(zipped)
        return
      }
      case "release":
        // Answers the held request named by `size`, then itself.
        held.get(size!)?.end("{}")
        response.end("{}")
        return
      default:
        // `/hold/<name>`: never answered until released.
        held.set(size ?? "", response)
    }
  })
})

afterAll(async () => {
  await server.close()
})

const get = (path: string): WireRequest => ({
  method: "GET",
  url: `${server.url}${path}`,
  headers: { accept: "*/*" },
  body: undefined,
})
const options = { timeoutMillis: 5_000, maxResponseBytes: 1_000 }
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (failure: TransportFailure) => failure)

describe("reading a response", () => {
  it("joins a body that came in many chunks, a character split across two of them included", async () => {
    const raw = await undiciTransport.sendPromise(get("/chunks"), options, undefined)
    expect(raw.status).toBe(200)
    expect(raw.text).toBe(`${Array.from({ length: 20 }, (_, i) => `part ${i};`).join("")}é`)
  })

  it("drops a byte order mark, as fetch's text() does", async () => {
    const raw = await undiciTransport.sendPromise(get("/bom"), options, undefined)
    expect(raw.text).toBe("{\"ok\":true}")
  })

  it("gives lower-case header names, a repeated header joined with a comma", async () => {
    const raw = await undiciTransport.sendPromise(get("/cookies"), options, undefined)
    expect(raw.headers["set-cookie"]).toBe("a=1, b=2")
    expect(raw.headers["x-request-id"]).toBe("r-1")
    expect(raw.text).toBe("{}")
  })

  it("skips an informational 103 and reads the response after it", async () => {
    const raw = await undiciTransport.sendPromise(get("/hints"), options, undefined)
    expect(raw.status).toBe(201)
    expect(raw.headers.link).toBeUndefined()
    expect(raw.text).toBe("{\"created\":true}")
  })
})

describe("the size cap", () => {
  it("reads a stated length at the cap, and refuses one past it before reading", async () => {
    expect((await undiciTransport.sendPromise(get("/stated/1000"), options, undefined)).text).toHaveLength(1000)
    const failure = await failureOf(undiciTransport.sendPromise(get("/stated/1001"), options, undefined))
    expect(failure?.tooLarge).toEqual({ limit: 1000, status: 200 })
  })

  it("stops reading a body without a length at the cap, and closes the connection", async () => {
    const failure = await failureOf(undiciTransport.sendPromise(get("/stream"), options, undefined))
    expect(failure?.tooLarge).toEqual({ limit: 1000, status: 200 })
    await expect.poll(() => closed.includes("/stream")).toBe(true)
  })

  it("counts the bytes as sent: a compressed body is not inflated", async () => {
    const raw = await undiciTransport.sendPromise(get("/gzip"), options, undefined)
    expect(raw.headers["content-encoding"]).toBe("gzip")
    expect(Buffer.byteLength(raw.text, "latin1")).toBeLessThan(1000)
  })
})

describe("stopping a request", () => {
  it("a signal that already fired: rejects and sends nothing", async () => {
    const before = server.requests.length
    const failure = await failureOf(
      undiciTransport.sendPromise(get("/hold/never"), options, AbortSignal.abort(new Error("stop"))),
    )
    expect(failure?.cause).toEqual(new Error("stop"))
    // A request sent after it arrives first: nothing was queued before it.
    await undiciTransport.sendPromise(get("/stated/1"), options, undefined)
    expect(server.requests.slice(before).map((r) => r.url)).toEqual(["/stated/1"])
  })

  it("a signal during the request: rejects with its reason at once and closes the connection", async () => {
    const controller = new AbortController()
    const pending = failureOf(undiciTransport.sendPromise(get("/hold/aborted"), options, controller.signal))
    await expect.poll(() => held.has("aborted")).toBe(true)
    controller.abort(new Error("caller"))
    const failure = await pending
    expect(failure?.cause).toEqual(new Error("caller"))
    expect(failure?.timedOut).toBe(false)
    await expect.poll(() => closed.includes("/hold/aborted")).toBe(true)
  })

  it("a request queued behind a busy connection times out on time and is never written", async () => {
    // One connection: the second request waits in undici's queue until the first is answered.
    const agent = new Agent({ connections: 1 })
    const transport = undiciTransportWith(agent)
    try {
      const first = transport.sendPromise(get("/hold/first"), options, undefined)
      await expect.poll(() => held.has("first")).toBe(true)
      const queued = await failureOf(
        transport.sendPromise(get("/hold/queued"), { ...options, timeoutMillis: 100 }, undefined),
      )
      expect(queued?.timedOut).toBe(true)
      // Frees the connection (over a second one: the first is busy), then sends a third request on it: had the
      // queued one been written, the server would have seen it before the third.
      await undiciTransport.sendPromise(get("/release/first"), options, undefined)
      expect((await first).text).toBe("{}")
      await transport.sendPromise(get("/stated/2"), options, undefined)
      expect(server.requests.some((r) => r.url === "/hold/queued")).toBe(false)
    } finally {
      await agent.close()
    }
  })

  it("interrupting the Effect face aborts the request", async () => {
    const fiber = Effect.runFork(sendEffect(undiciTransport, get("/hold/interrupted"), options))
    await expect.poll(() => held.has("interrupted")).toBe(true)
    const exit = await Effect.runPromise(Fiber.interrupt(fiber).pipe(Effect.andThen(Fiber.await(fiber))))
    expect(Exit.hasInterrupts(exit)).toBe(true)
    await expect.poll(() => closed.includes("/hold/interrupted")).toBe(true)
  })
})
