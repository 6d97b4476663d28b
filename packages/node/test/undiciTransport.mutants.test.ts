// The undici port's size cap counts the whole body, not each chunk: a body without a length that reaches the cap in
// small chunks (smaller than the cap each, unlike undiciTransport.test.ts's 64 KB writes) is read at the cap and
// refused one byte past it.
import { startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import type { TransportFailure, WireRequest } from "@utdk/intercom-core/Transport"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { undiciTransport } from "../src/internal/engine.ts"

let server: TestServer
beforeAll(async () => {
  server = await startServer((request, response) => {
    // `/trickle/<chunks>/<size>`: that many writes of `size` bytes, apart in time so each is its own read.
    const [, , count, size] = request.url.split("/")
    response.writeHead(200, { "content-type": "text/plain" })
    let sent = 0
    const next = () => {
      if (response.destroyed) return
      if (sent === Number(count)) return void response.end()
      sent++
      response.write(Buffer.alloc(Number(size), "t"))
      setTimeout(next, 5)
    }
    next()
  })
})
afterAll(() => server.close())

const get = (path: string): WireRequest => ({
  method: "GET",
  url: `${server.url}${path}`,
  headers: { accept: "*/*" },
  body: undefined,
})
const options = { timeoutMillis: 10_000, maxResponseBytes: 1_000 }

describe("the size cap over small chunks", () => {
  it("reads a body of exactly the cap in ten 100-byte chunks", async () => {
    const raw = await undiciTransport.sendPromise(get("/trickle/10/100"), options, undefined)
    expect(raw.text).toBe("t".repeat(1000))
  })

  it("refuses a body one chunk past the cap, though no chunk is near it", async () => {
    const failure = await undiciTransport.sendPromise(get("/trickle/11/100"), options, undefined).then(
      () => undefined,
      (f: TransportFailure) => f,
    )
    expect(failure?.tooLarge).toEqual({ limit: 1000, status: 200 })
  })
})
