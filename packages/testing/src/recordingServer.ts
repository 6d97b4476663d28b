// A real HTTP server on 127.0.0.1 that records every request and answers with the test's handler.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { portOf } from "./listen.ts"

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

export interface TestServer {
  readonly url: string
  readonly requests: Array<Recorded>
  readonly close: () => Promise<void>
}

/** A real HTTP server on 127.0.0.1 that records every request and answers with `handler`. */
export const startServer = (
  handler: (request: Recorded, response: ServerResponse, index: number) => void,
): Promise<TestServer> =>
  new Promise((resolve) => {
    const requests: Array<Recorded> = []
    const server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const recorded = {
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        }
        requests.push(recorded)
        handler(recorded, res, requests.length - 1)
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const port = portOf(server)
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(typeof body === "string" ? body : JSON.stringify(body))
}
