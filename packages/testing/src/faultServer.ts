// A real HTTP server on 127.0.0.1 that answers each request with a planned fault (status, reset, stall, slow body).
import { EventEmitter } from "node:events"
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http"
import type { Socket } from "node:net"
import { freePort } from "./prism.ts"
import { portOf } from "./listen.ts"

/**
 * What the server does with one request.
 * - `respond`: a status, headers and a body (objects are sent as JSON).
 * - `reset`: reads the request, then destroys the socket without answering (ECONNRESET / "socket hang up").
 * - `hang`: never answers; the client has to give up (its timeout) or abort. The socket closes with the server.
 * - `truncate`: sends the status line, headers and the first `bytes` of the body, then destroys the socket.
 */
export type Fault =
  | {
    readonly kind: "respond"
    readonly status: number
    readonly headers?: Readonly<Record<string, string>>
    readonly body?: unknown
  }
  | { readonly kind: "reset" }
  | { readonly kind: "hang" }
  | { readonly kind: "truncate"; readonly status: number; readonly body: string; readonly bytes: number }

/** One request as the server saw it. */
export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** Set when the client closed the connection before the response was complete (abort, timeout). */
  aborted: boolean
}

export interface FaultServer {
  readonly url: string
  readonly requests: ReadonlyArray<SeenRequest>
  /** Resolves once `count` requests arrived (event-driven; rejects after `timeoutMs` of real time as a safety net). */
  readonly waitForRequests: (count: number, timeoutMs?: number) => Promise<void>
  /** Resolves once `count` requests were aborted by the client. */
  readonly waitForAborted: (count: number, timeoutMs?: number) => Promise<void>
  /** Calls `listener` on every request as it arrives (before it is answered); returns the unsubscribe function. */
  readonly onRequest: (listener: (request: SeenRequest) => void) => () => void
  /** Forgets the requests seen so far (between test cases sharing one server). */
  readonly reset: () => void
  readonly close: () => Promise<void>
}

/** `respond` with a JSON body. */
export const respond = (status: number, body?: unknown, headers?: Readonly<Record<string, string>>): Fault => ({
  kind: "respond",
  status,
  ...(headers ? { headers } : {}),
  ...(body === undefined ? {} : { body }),
})

/** Answers the n-th request (0-based) with `faults[n]`, and every later one with the last fault. */
export const sequence = (...faults: ReadonlyArray<Fault>) => (_request: SeenRequest, index: number): Fault =>
  faults[Math.min(index, faults.length - 1)]!

const answer = (fault: Fault, res: ServerResponse) => {
  switch (fault.kind) {
    case "respond": {
      const text = fault.body === undefined
        ? ""
        : typeof fault.body === "string"
        ? fault.body
        : JSON.stringify(fault.body)
      res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers })
      res.end(text)
      return
    }
    case "reset":
      res.socket?.destroy()
      return
    case "hang":
      return
    case "truncate": {
      const bytes = Buffer.from(fault.body)
      res.writeHead(fault.status, { "content-type": "application/json", "content-length": String(bytes.length) })
      res.write(bytes.subarray(0, fault.bytes), () => res.socket?.destroy())
      return
    }
  }
}

/**
 * A real HTTP server on 127.0.0.1 that answers each request with the fault `script` picks, and records what it saw.
 */
export const startFaultServer = (script: (request: SeenRequest, index: number) => Fault): Promise<FaultServer> =>
  new Promise((resolve, reject) => {
    const requests: Array<SeenRequest> = []
    const events = new EventEmitter()
    const sockets = new Set<Socket>()
    let aborted = 0
    const server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const url = req.url ?? ""
        const seen: SeenRequest = {
          method: req.method ?? "",
          url,
          path: url.split("?")[0] ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
          aborted: false,
        }
        requests.push(seen)
        res.on("close", () => {
          if (!res.writableFinished) {
            seen.aborted = true
            aborted++
            events.emit("change")
          }
        })
        const fault = script(seen, requests.length - 1)
        events.emit("request", seen)
        events.emit("change")
        answer(fault, res)
      })
    })
    server.on("connection", (socket) => {
      sockets.add(socket)
      socket.on("close", () => sockets.delete(socket))
    })
    const waitFor = (current: () => number, what: string) => (count: number, timeoutMs = 10_000) =>
      new Promise<void>((done, fail) => {
        if (current() >= count) return done()
        const timer = setTimeout(() => {
          events.off("change", check)
          fail(new Error(`fault server: expected ${count} ${what}, saw ${current()}`))
        }, timeoutMs)
        const check = () => {
          if (current() < count) return
          clearTimeout(timer)
          events.off("change", check)
          done()
        }
        events.on("change", check)
      })
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const port = portOf(server)
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        waitForRequests: waitFor(() => requests.length, "requests"),
        waitForAborted: waitFor(() => aborted, "aborted requests"),
        onRequest: (listener) => {
          events.on("request", listener)
          return () => void events.off("request", listener)
        },
        reset: () => {
          requests.length = 0
          aborted = 0
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })

/** A URL on 127.0.0.1 where nothing listens: connecting is refused. */
export const refusedUrl = async (): Promise<string> => `http://127.0.0.1:${await freePort()}`
