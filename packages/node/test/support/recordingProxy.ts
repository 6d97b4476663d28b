import { createServer } from "node:http"

export interface RecordedExchange {
  readonly method: string
  readonly url: string
  readonly requestHeaders: Readonly<Record<string, string | Array<string> | undefined>>
  readonly requestBody: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface RecordingProxy {
  readonly url: string
  /** Exchanges by the value of the `x-contract-id` request header. */
  readonly exchanges: Map<string, RecordedExchange>
  readonly close: () => Promise<void>
}

const hopByHop = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "host",
])

/**
 * A real HTTP proxy on 127.0.0.1 in front of `target` (Prism): forwards every request as is and records the raw
 * response (status, headers, body text), so a test can compare what the SDK decoded with what the server sent.
 */
export const startRecordingProxy = (target: string): Promise<RecordingProxy> =>
  new Promise((resolve) => {
    const exchanges = new Map<string, RecordedExchange>()
    const server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", async () => {
        const requestBody = Buffer.concat(chunks).toString()
        const headers = new Headers()
        for (const [name, value] of Object.entries(req.headers)) {
          if (value === undefined || hopByHop.has(name)) continue
          for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
        }
        try {
          const upstream = await fetch(target + req.url, {
            method: req.method ?? "GET",
            headers,
            redirect: "manual",
            ...(requestBody === "" ? {} : { body: requestBody }),
          })
          const body = await upstream.text()
          const responseHeaders: Record<string, string> = {}
          upstream.headers.forEach((value, name) => {
            if (!hopByHop.has(name)) responseHeaders[name] = value
          })
          const id = req.headers["x-contract-id"]
          if (typeof id === "string") {
            exchanges.set(id, {
              method: req.method ?? "",
              url: req.url ?? "",
              requestHeaders: req.headers,
              requestBody,
              status: upstream.status,
              headers: responseHeaders,
              body,
            })
          }
          res.writeHead(upstream.status, responseHeaders)
          res.end(body)
        } catch (error) {
          res.writeHead(502, { "content-type": "text/plain" })
          res.end(`proxy: ${String(error)}`)
        }
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      resolve({
        url: `http://127.0.0.1:${port}`,
        exchanges,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
