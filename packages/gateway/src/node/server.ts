/**
 * Serves a gateway over `node:http`. The adapter stays thin: it hands the gateway the raw request target, a
 * header view, the body and the peer address, and writes the gateway's `Response` back. Slow or malformed clients
 * are cut off here, by Node's parser and timeouts, before the gateway sees them.
 *
 * @since 0.1.0
 */
import { chunksOf } from "../Body.ts"
import { makeGateway, type Gateway, type GatewayExchange, type GatewayOptions, type GatewayReply } from "../Gateway.ts"
import { silentLogger, type GatewayLogger } from "../Log.ts"
import { gatewayDefaults } from "../Options.ts"
import { once } from "node:events"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { makeUndiciTransport } from "./transport.ts"

/** @category models */
export interface GatewayServerOptions {
  /** A gateway, or the options to make one (with the undici transport unless they name one). */
  readonly gateway: Gateway | GatewayOptions
  readonly host?: string
  /** 0 picks a free port. */
  readonly port?: number
  /** Time allowed to receive all request headers (default 5 s): slow-header clients are cut off early. */
  readonly headersTimeoutMs?: number
  /** Time allowed to receive the whole request (default 30 s). */
  readonly requestTimeoutMs?: number
  /**
   * Inactivity allowed on a connection with a request in progress, e.g. a client that stops reading its response
   * (default 60 s); the socket is then destroyed.
   */
  readonly socketTimeoutMs?: number
  /** Idle time before a keep-alive connection is closed (default 5 s). */
  readonly keepAliveTimeoutMs?: number
  /** Largest header block in bytes (default 16 KiB). */
  readonly maxHeaderSize?: number
  /** Most simultaneous connections (default 1024). */
  readonly maxConnections?: number
  /**
   * Most simultaneous connections from one peer address (default 64; off by default behind trusted proxies, where
   * every connection comes from the proxy). One misbehaving address cannot take every connection slot.
   */
  readonly maxConnectionsPerClient?: number
  /**
   * Requests one connection may queue behind the one in progress (HTTP/1.1 pipelining, default 8); they are served
   * one at a time, and a connection that queues more is closed.
   */
  readonly maxPipelinedRequests?: number
  /** Connections to the upstream when the server makes its own transport (default 256); see `makeUndiciTransport`. */
  readonly upstreamConnections?: number
  /**
   * How many proxies in front of the gateway append to `X-Forwarded-For` (default 0: the header is ignored and the
   * peer address keys the rate limit). With `n`, the n-th address from the right is the client.
   */
  readonly trustedProxies?: number
  readonly logger?: GatewayLogger
}

/** @category models */
export interface RunningGatewayServer {
  readonly url: string
  readonly port: number
  readonly server: Server
  readonly gateway: Gateway
  /** Stops accepting, closes every connection, closes the store. */
  readonly close: () => Promise<void>
}

// Node joins most duplicate headers with ", " already; arrays are only set-cookie-like headers. A class: its `get`
// is shared by every request instead of a closure per request.
class NodeHeaders {
  private readonly headers: IncomingMessage["headers"]
  constructor(headers: IncomingMessage["headers"]) {
    this.headers = headers
  }
  get(name: string): string | null {
    const value = this.headers[name]
    if (value === undefined) return null
    return Array.isArray(value) ? value.join(", ") : value
  }
}

/**
 * The request body as chunks, read from `data`/`end` events once the gateway starts reading: lighter than
 * `req.iterator()` (an async generator over end-of-stream tracking). Stopping early (a body over the cap) pauses the
 * request without destroying it, and the reply then closes the connection; a client that goes away mid-body ends
 * the iteration with an error.
 */
const bodyOf = (req: IncomingMessage): AsyncIterable<Uint8Array> => ({
  [Symbol.asyncIterator]: (): AsyncIterator<Uint8Array> => {
    const chunks: Array<Uint8Array> = []
    let ended = false
    let failure: Error | undefined
    let waiting: { resolve: (result: IteratorResult<Uint8Array>) => void; reject: (error: Error) => void } | undefined
    const stop = () => {
      req.off("data", onData)
      req.off("end", onEnd)
      req.off("error", onError)
      req.off("close", onClose)
    }
    const settle = () => {
      const w = waiting
      if (w === undefined) return
      waiting = undefined
      if (chunks.length > 0) w.resolve({ value: chunks.shift()!, done: false })
      else if (failure !== undefined) w.reject(failure)
      else w.resolve({ value: undefined, done: true })
    }
    const onData = (chunk: Uint8Array) => {
      chunks.push(chunk)
      settle()
    }
    const onEnd = () => {
      ended = true
      stop()
      settle()
    }
    const onError = (error: Error) => {
      failure = error
      stop()
      settle()
    }
    const onClose = () => {
      if (!ended) onError(new Error("the request body ended early"))
    }
    req.on("data", onData)
    req.on("end", onEnd)
    req.on("error", onError)
    req.on("close", onClose)
    return {
      next: () => {
        if (chunks.length > 0) return Promise.resolve({ value: chunks.shift()!, done: false })
        if (failure !== undefined) return Promise.reject(failure)
        if (ended) return Promise.resolve({ value: undefined, done: true })
        return new Promise((resolve, reject) => {
          waiting = { resolve, reject }
        })
      },
      return: () => {
        stop()
        req.pause()
        return Promise.resolve({ value: undefined, done: true })
      },
    }
  },
})

/** The client's address: the peer, or the entry a trusted proxy appended to `X-Forwarded-For`. @category internals */
export const clientAddressOf = (req: IncomingMessage, trustedProxies: number): string => {
  const peer = req.socket.remoteAddress ?? "unknown"
  if (trustedProxies <= 0) return peer
  const forwarded = req.headers["x-forwarded-for"]
  const list = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",").map((s) => s.trim())
    .filter((s) => s !== "")
  return list[list.length - trustedProxies] ?? peer
}

const hasBody = (req: IncomingMessage): boolean =>
  req.headers["transfer-encoding"] !== undefined ||
  (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0")

const writeReply = (req: IncomingMessage, res: ServerResponse, reply: GatewayReply): void => {
  const headers: Record<string, string> = reply.headers
  // A request whose body was not read (refused early) cannot leave the connection reusable.
  if (!req.complete) headers["connection"] = "close"
  const body = reply.body
  res.writeHead(reply.status, headers)
  // One write: headers and body leave together, and Node adds the Content-Length.
  if (body === null || typeof body === "string" || body instanceof Uint8Array) res.end(body ?? undefined)
  else void writeStream(res, body)
}

const writeStream = async (
  res: ServerResponse,
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<void> => {
  const chunks = chunksOf(body)
  const iterator = chunks[Symbol.asyncIterator]()
  res.once("close", () => {
    if (!res.writableFinished) void iterator.return?.()
  })
  try {
    for (;;) {
      const next = await iterator.next()
      if (next.done === true) break
      if (!res.write(next.value)) await once(res, "drain")
    }
    res.end()
  } catch {
    res.destroy()
  }
}

const pipelineQueue = Symbol("pipelineQueue")
// Requests waiting behind the one in progress on a connection: `undefined` when none is in progress, `null` when one
// is and none waits (no array per request on the usual, unpipelined connection).
type PipelinedSocket = Socket & { [pipelineQueue]?: Array<() => void> | null | undefined }

const clientErrorResponse = (code: string | undefined): string => {
  const status = code === "ERR_HTTP_REQUEST_TIMEOUT"
    ? "408 Request Timeout"
    : code === "HPE_HEADER_OVERFLOW"
    ? "431 Request Header Fields Too Large"
    : "400 Bad Request"
  return `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
}

/**
 * Starts the Node server for a gateway and resolves once it listens.
 *
 * @category constructors
 */
export const startGatewayServer = async (options: GatewayServerOptions): Promise<RunningGatewayServer> => {
  let ownTransport: ReturnType<typeof makeUndiciTransport> | undefined
  let gateway: Gateway
  if ("handle" in options.gateway) gateway = options.gateway
  else {
    if (options.gateway.transport === undefined) {
      ownTransport = makeUndiciTransport(
        options.upstreamConnections === undefined ? {} : { connections: options.upstreamConnections },
      )
    }
    gateway = makeGateway({ ...options.gateway, ...(ownTransport ? { transport: ownTransport.transport } : {}) })
  }
  const logger = options.logger ?? silentLogger
  const trustedProxies = options.trustedProxies ?? gatewayDefaults.trustedProxies
  const server = createServer({
    headersTimeout: options.headersTimeoutMs ?? gatewayDefaults.headersTimeoutMs,
    requestTimeout: options.requestTimeoutMs ?? gatewayDefaults.requestTimeoutMs,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? gatewayDefaults.keepAliveTimeoutMs,
    maxHeaderSize: options.maxHeaderSize ?? 16 * 1024,
    requireHostHeader: true,
    insecureHTTPParser: false,
    joinDuplicateHeaders: false,
    // Node checks timeouts on this interval; keep it below the smallest timeout.
    connectionsCheckingInterval: 500,
  })
  server.maxConnections = options.maxConnections ?? gatewayDefaults.maxConnections
  const perClient = options.maxConnectionsPerClient ??
    (trustedProxies > 0 ? Infinity : gatewayDefaults.maxConnectionsPerClient)
  const connectionsByAddress = new Map<string, number>()
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "unknown"
    const count = (connectionsByAddress.get(address) ?? 0) + 1
    if (count > perClient) {
      logger.log({ level: "warn", event: "client_connection_cap", client: address })
      socket.destroy()
      return
    }
    connectionsByAddress.set(address, count)
    socket.once("close", () => {
      const left = connectionsByAddress.get(address)! - 1
      if (left === 0) connectionsByAddress.delete(address)
      else connectionsByAddress.set(address, left)
    })
  })
  // Without a 'timeout' listener Node destroys the socket when this fires.
  server.setTimeout(options.socketTimeoutMs ?? 60_000)

  const failed = (res: ServerResponse) => (error: unknown) => {
    logger.log({ level: "error", event: "write_failed", error: String(error) })
    res.destroy()
  }
  const maxPipelined = options.maxPipelinedRequests ?? 8
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    // One request at a time per connection: Node parses pipelined requests as they arrive, and each would otherwise
    // start its upstream exchange at once (100 pipelined requests, 100 pooled connections). The next starts when
    // the previous answer is done; a connection that queues more than `maxPipelined` is closed.
    const connection = req.socket as PipelinedSocket
    const queue = connection[pipelineQueue]
    if (queue === undefined) {
      connection[pipelineQueue] = null
      return serve(req, res)
    }
    if (queue !== null && queue.length >= maxPipelined) {
      logger.log({ level: "warn", event: "client_pipeline_cap", client: req.socket.remoteAddress ?? "unknown" })
      req.socket.destroy()
      return
    }
    if (queue === null) connection[pipelineQueue] = [() => serve(req, res)]
    else queue.push(() => serve(req, res))
  })
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const connection = req.socket as PipelinedSocket
    // The client going away before its answer is complete cancels the upstream exchange.
    let gone = false
    let cancelUpstream: (() => void) | undefined
    res.on("close", () => {
      const next = connection[pipelineQueue]?.shift()
      if (next !== undefined) next()
      else connection[pipelineQueue] = undefined
      if (res.writableFinished) return
      gone = true
      cancelUpstream?.()
    })
    const exchange: GatewayExchange = {
      method: req.method ?? "",
      target: req.url ?? "",
      headers: new NodeHeaders(req.headers),
      body: hasBody(req) ? bodyOf(req) : null,
      clientAddress: clientAddressOf(req, trustedProxies),
      onClientGone: (cancel) => {
        if (gone) cancel()
        else cancelUpstream = cancel
      },
    }
    gateway.handle(exchange).then((reply) => {
      try {
        writeReply(req, res, reply)
      } catch (error) {
        failed(res)(error)
      }
    }, failed(res))
  }
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    logger.log({ level: "warn", event: "client_error", code: error.code ?? "unknown" })
    if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy()
    // Closed fully once the answer is handed to the kernel: a half-closed socket whose client never reads (a silent
    // socket after its 408) would otherwise keep its connection slot for a minute.
    socket.end(clientErrorResponse(error.code), () => socket.destroy())
    setTimeout(() => socket.destroy(), 1000).unref()
  })

  server.listen(options.port ?? 0, options.host ?? gatewayDefaults.host)
  await once(server, "listening")
  const address = server.address() as AddressInfo
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address
  logger.log({ level: "info", event: "listening", url: `http://${host}:${address.port}` })

  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeAllConnections()
    await closed
    await gateway.close()
    await ownTransport?.close()
  }
  return { url: `http://${host}:${address.port}`, port: address.port, server, gateway, close }
}
