// The response size cap through the ports that read a body in two ways: a stated `Content-Length` within the cap is
// read in one go, any other body is counted as it streams. A real server on 127.0.0.1 answers each shape: stated
// length, chunked (no length), gzip (a small stated length that decompresses past the cap), no body at all.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { gzipSync } from "node:zlib"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import { fetchTransportWith } from "../src/internal/fetchTransport.ts"
import { sendEffect } from "../src/internal/effectTransport.ts"
import { fromHttpClient } from "../src/internal/httpClientTransport.ts"
import { fitsDeclaredLength } from "../src/internal/readBody.ts"
import type { RawResponse, Transport, TransportFailure } from "../src/internal/transport.ts"

const LIMIT = 1000

/** `/stated/N`, `/chunked/N`, `/gzip/N`: N bytes of `a` in that shape; `/empty`: a 204. */
const serve = (): Promise<{ server: Server; url: string }> => {
  const server = createServer((req, res) => {
    const [, shape, size] = req.url!.split("/")
    const body = Buffer.alloc(Number(size ?? 0), "a")
    switch (shape) {
      case "stated":
        res.writeHead(200, { "content-type": "text/plain", "content-length": body.length }).end(body)
        return
      case "chunked":
        // Two writes without a length: the body goes out chunked.
        res.writeHead(200, { "content-type": "text/plain" })
        res.write(body.subarray(0, body.length >> 1))
        res.end(body.subarray(body.length >> 1))
        return
      case "gzip": {
        const zipped = gzipSync(body)
        res.writeHead(200, {
          "content-type": "text/plain",
          "content-encoding": "gzip",
          "content-length": zipped.length,
        }).end(zipped)
        return
      }
      default:
        res.writeHead(204).end()
    }
  })
  return new Promise((resolve) =>
    server.listen(
      0,
      "127.0.0.1",
      () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    )
  )
}

const effectHttpClient = Effect.runSync(
  HttpClient.HttpClient.use((client) => Effect.succeed(client)).pipe(Effect.provide(FetchHttpClient.layer)),
)

const ports: ReadonlyArray<readonly [string, Transport]> = [
  ["effect HttpClient port (FetchHttpClient)", fromHttpClient(effectHttpClient)],
  ["fetch port", fetchTransportWith(globalThis.fetch)],
]

describe("fitsDeclaredLength", () => {
  it("trusts only a stated, uncompressed length within the cap", () => {
    assert.isTrue(fitsDeclaredLength("1000", undefined, LIMIT))
    assert.isTrue(fitsDeclaredLength("10", "identity", LIMIT))
    assert.isFalse(fitsDeclaredLength("1001", undefined, LIMIT))
    assert.isFalse(fitsDeclaredLength(undefined, undefined, LIMIT))
    assert.isFalse(fitsDeclaredLength(null, null, LIMIT))
    assert.isFalse(fitsDeclaredLength("", undefined, LIMIT))
    assert.isFalse(fitsDeclaredLength("10", "gzip", LIMIT))
  })
})

describe("response size cap, both body readers", () => {
  let server: Server
  let url: string
  beforeAll(async () => {
    ;({ server, url } = await serve())
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  for (const [name, port] of ports) {
    for (
      const [via, send] of [
        [
          "sendPromise",
          (path: string) =>
            port.sendPromise({ method: "GET", url: url + path, headers: {}, body: undefined }, {
              timeoutMillis: 10_000,
              maxResponseBytes: LIMIT,
            }, undefined),
        ],
        ["send", (path: string) =>
          Effect.runPromise(
            sendEffect(port, { method: "GET", url: url + path, headers: {}, body: undefined }, {
              timeoutMillis: 10_000,
              maxResponseBytes: LIMIT,
            }),
          )],
      ] as const
    ) {
      const outcome = (path: string): Promise<RawResponse | TransportFailure> =>
        send(path).catch((failure: TransportFailure) => failure)
      const tooLarge = (result: RawResponse | TransportFailure) => {
        assert.isFalse("text" in result, "the read is refused")
        assert.deepStrictEqual((result as TransportFailure).tooLarge, { limit: LIMIT, status: 200 })
      }

      it(`${name}, ${via}: bodies up to the cap arrive whole, stated or chunked`, async () => {
        for (const path of [`/stated/${LIMIT}`, `/chunked/${LIMIT}`, "/stated/1", `/gzip/${LIMIT}`]) {
          const result = await outcome(path)
          assert.isTrue("text" in result, path)
          assert.strictEqual((result as RawResponse).text, "a".repeat(Number(path.split("/")[2])), path)
        }
      })

      it(`${name}, ${via}: a body of no stated length past the cap fails with tooLarge`, async () => {
        tooLarge(await outcome(`/chunked/${LIMIT + 1}`))
      })

      it(`${name}, ${via}: a stated length past the cap fails with tooLarge`, async () => {
        tooLarge(await outcome(`/stated/${LIMIT + 1}`))
      })

      it(`${name}, ${via}: a small compressed body that decompresses past the cap is counted, and fails with tooLarge`, async () => {
        tooLarge(await outcome(`/gzip/${LIMIT * 50}`))
      })

      it(`${name}, ${via}: no body (204) is the empty text`, async () => {
        const result = await outcome("/empty")
        assert.deepStrictEqual(["text" in result, (result as RawResponse).text, (result as RawResponse).status], [
          true,
          "",
          204,
        ])
      })
    }
  }
})

// Browsers show a request whose signal is aborted after its body arrived as "canceled" (net::ERR_ABORTED): a call that
// read its whole body must leave its signal alone, whatever the body's shape.
describe("a finished call is not aborted afterwards", () => {
  let server: Server
  let url: string
  beforeAll(async () => {
    ;({ server, url } = await serve())
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const recordingFetch = (signals: Array<AbortSignal>): typeof globalThis.fetch => (input, init) => {
    if (init?.signal) signals.push(init.signal)
    return globalThis.fetch(input, init)
  }
  // FetchHttpClient reads its `fetch` from the context of each request.
  const viaEffectHttpClient = (signals: Array<AbortSignal>): Transport =>
    fromHttpClient(
      HttpClient.transform(effectHttpClient, (response) =>
        Effect.provideService(response, FetchHttpClient.Fetch, recordingFetch(signals))),
    )

  for (
    const [name, portOf] of [
      ["effect HttpClient port (FetchHttpClient)", viaEffectHttpClient],
      ["fetch port", (signals: Array<AbortSignal>) => fetchTransportWith(recordingFetch(signals))],
    ] as const
  ) {
    it(`${name}: stated, chunked and compressed bodies, read whole, leave the request's signal unaborted`, async () => {
      const signals: Array<AbortSignal> = []
      const port = portOf(signals)
      for (const path of [`/stated/${LIMIT}`, `/chunked/${LIMIT}`, `/gzip/${LIMIT}`]) {
        const raw = await Effect.runPromise(
          sendEffect(port, { method: "GET", url: url + path, headers: {}, body: undefined }, {
            timeoutMillis: 10_000,
            maxResponseBytes: LIMIT,
          }),
        )
        assert.strictEqual(raw.text.length, LIMIT, path)
        const sent = await port.sendPromise({ method: "GET", url: url + path, headers: {}, body: undefined }, {
          timeoutMillis: 10_000,
          maxResponseBytes: LIMIT,
        }, undefined)
        assert.strictEqual(sent.text.length, LIMIT, path)
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
      assert.strictEqual(signals.length, 6)
      assert.deepStrictEqual(signals.map((signal) => signal.aborted), [false, false, false, false, false, false])
    })
  }
})
