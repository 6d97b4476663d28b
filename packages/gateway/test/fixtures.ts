// Shared pieces of the gateway tests: a recording fake upstream, a canary that must never be reached, raw-socket
// HTTP, a throwaway redis-server, and log capture.
import type { HttpMethod, OperationDescriptor } from "@utdk/intercom-core"
import { spawn } from "node:child_process"
import { once } from "node:events"
import { createServer, type IncomingMessage, type Server } from "node:http"
import { connect } from "node:net"
import { freePort } from "@utdk/intercom-testing/prism"

/** A descriptor with only what the gateway reads (method, path, name). */
export const descriptor = (method: HttpMethod, path: string, name: string): OperationDescriptor =>
  ({
    name,
    operationId: name,
    method,
    path,
    summary: name,
    tags: [],
    deprecated: false,
    parameters: [],
    body: undefined,
    success: { status: 200, schema: undefined },
    errorStatuses: [],
    pagination: "none",
    searchQuery: false,
    accept: "application/json",
    retrySafe: method === "GET",
  }) as OperationDescriptor

export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly rawHeaders: ReadonlyArray<string>
  readonly body: string
}

const closeServer = async (server: Server): Promise<void> => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

/**
 * The intended upstream: records every request and answers JSON. Special paths: `.../hang` never answers,
 * `.../redirect` answers 302 to `redirectTo`, `.../no-content` answers 204, `.../large` streams 400 KiB.
 * Every answer also carries headers the gateway must drop (Set-Cookie, Server, and one echoing the Authorization it received).
 */
export const startRecordingUpstream = async (options: { redirectTo?: string } = {}) => {
  const requests: Array<Recorded> = []
  let connections = 0
  const server = createServer(async (req, res) => {
    const chunks: Array<Buffer> = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = req.url ?? ""
    requests.push({
      method: req.method ?? "",
      url,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      body: Buffer.concat(chunks).toString(),
    })
    if (url.endsWith("/hang")) return
    const common = {
      "x-request-id": "upstream-request-id",
      "x-ratelimit-limit": "1000",
      "x-ratelimit-remaining": "999",
      "x-ratelimit-reset": "1700000000",
      "set-cookie": "upstream_session=abc; HttpOnly",
      server: "fake-intercom",
      "x-upstream-echo-authorization": String(req.headers.authorization),
    }
    if (url.endsWith("/redirect")) {
      res.writeHead(302, { ...common, location: options.redirectTo ?? "http://127.0.0.1:9/" })
      return res.end()
    }
    if (url.endsWith("/large")) {
      // Chunked, without Content-Length, larger than the gateway buffers: exercises the streaming path.
      res.writeHead(200, { ...common, "content-type": "text/plain" })
      for (let i = 0; i < 400; i++) res.write("x".repeat(1024))
      return res.end()
    }
    if (url.endsWith("/no-content")) {
      res.writeHead(204, common)
      return res.end()
    }
    res.writeHead(200, { ...common, "content-type": "application/json" })
    res.end(JSON.stringify({ type: "fake", method: req.method, url }))
  })
  server.on("connection", () => connections++)
  server.keepAliveTimeout = 1000
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    reset: () => {
      requests.length = 0
    },
    close: () => closeServer(server),
  }
}

/** A server nothing may ever reach: counts TCP connections and requests. */
export const startCanary = async () => {
  let connections = 0
  let requests = 0
  const server = createServer((_req, res) => {
    requests++
    res.end("canary")
  })
  server.on("connection", () => connections++)
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    seen: () => ({ connections, requests }),
    close: () => closeServer(server),
  }
}

export interface RawResponse {
  /** Everything the server sent, as latin1. */
  readonly raw: string
  /** Status of every response on the connection, in order (pipelining). */
  readonly statuses: ReadonlyArray<number>
  /** First response's status, or 0 when the server closed without answering. */
  readonly status: number
  /** First response's headers, lower-cased names. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** Sends raw bytes to 127.0.0.1:port and collects everything until the server closes (or `timeoutMs`). */
export const rawRequest = (
  port: number,
  data: string | Buffer | ReadonlyArray<string | Buffer>,
  options: { timeoutMs?: number; gapMs?: number; endOnResponse?: boolean } = {},
): Promise<RawResponse> =>
  new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1")
    const chunks: Array<Buffer> = []
    let done = false
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      resolve(parseRaw(Buffer.concat(chunks).toString("latin1")))
    }
    const timer = setTimeout(finish, options.timeoutMs ?? 5000)
    socket.on("data", (chunk) => {
      chunks.push(chunk)
      // For servers that keep the connection open despite `Connection: close` (miniflare): stop at one whole answer.
      if (options.endOnResponse === true && isComplete(Buffer.concat(chunks).toString("latin1"))) finish()
    })
    socket.on("end", finish)
    socket.on("close", finish)
    socket.on("error", finish)
    socket.on("connect", async () => {
      const parts = Array.isArray(data) ? data : [data]
      for (const part of parts) {
        if (socket.destroyed) return
        socket.write(part)
        if (options.gapMs !== undefined) await new Promise((r) => setTimeout(r, options.gapMs))
      }
    })
  })

const isComplete = (raw: string): boolean => {
  const headerEnd = raw.indexOf("\r\n\r\n")
  if (headerEnd === -1) return false
  const head = raw.slice(0, headerEnd).toLowerCase()
  const body = raw.slice(headerEnd + 4)
  if (/^http\/1\.1 (204|304)/.test(head)) return true
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head)
  if (length !== null) return body.length >= Number(length[1])
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) return body.endsWith("0\r\n\r\n")
  return false
}

const parseRaw = (raw: string): RawResponse => {
  const statuses = [...raw.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]))
  const headerEnd = raw.indexOf("\r\n\r\n")
  const head = headerEnd === -1 ? raw : raw.slice(0, headerEnd)
  const headers: Record<string, string> = {}
  for (const line of head.split("\r\n").slice(1)) {
    const colon = line.indexOf(":")
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  let body = headerEnd === -1 ? "" : raw.slice(headerEnd + 4)
  if (headers["transfer-encoding"] === "chunked") body = dechunk(body)
  else if (headers["content-length"] !== undefined) body = body.slice(0, Number(headers["content-length"]))
  return { raw, statuses, status: statuses[0] ?? 0, headers, body }
}

const dechunk = (text: string): string => {
  let out = ""
  let rest = text
  for (;;) {
    const lineEnd = rest.indexOf("\r\n")
    if (lineEnd === -1) return out
    const size = parseInt(rest.slice(0, lineEnd), 16)
    if (!(size > 0)) return out
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size)
    rest = rest.slice(lineEnd + 2 + size + 2)
  }
}

/** Collects log lines. */
export const logCapture = () => {
  const lines: Array<string> = []
  return { lines, sink: (line: string) => void lines.push(line) }
}

/** Starts a private redis-server on a free port, or `port` (to restart one in its place), no persistence; stops it. */
export const startRedis = async (port?: number) => {
  port ??= await freePort()
  const child = spawn("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
  ], {
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()))
  const deadline = Date.now() + 10_000
  while (!output.includes("Ready to accept connections")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(`redis-server did not start:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** Stalls the server (SIGSTOP: connections stay open, nothing answers) or lets it go on (SIGCONT). */
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once("exit", () => resolve())
        child.kill("SIGTERM")
        child.kill("SIGCONT")
      }),
  }
}
