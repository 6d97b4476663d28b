/**
 * The Node upstream transport: `undici.request` over a dedicated pool. It is several times cheaper per call than
 * `fetch` (no WHATWG streams or Request/Response objects) and never follows redirects. The gateway's signal bounds
 * the whole exchange; the pool never queues: when every connection is busy the transport refuses at once
 * ({@link UpstreamBusyError}), so slow exchanges cannot build an unbounded queue behind them.
 *
 * @since 0.1.0
 */
import { UpstreamBusyError, type UpstreamTransport } from "../Upstream.ts"
import { Agent, request } from "undici"

/** @category models */
export interface UndiciTransportOptions {
  /** Connections to the upstream, which is also the most exchanges in flight (default 256). */
  readonly connections?: number
  /** TCP+TLS connect timeout in milliseconds (default 5000). */
  readonly connectTimeoutMs?: number
}

/**
 * Makes the transport and a `close` for its pool.
 *
 * @category constructors
 */
export const makeUndiciTransport = (options: UndiciTransportOptions = {}): { readonly transport: UpstreamTransport; readonly close: () => Promise<void> } => {
  const connections = options.connections ?? 256
  const agent = new Agent({
    connections,
    connect: { timeout: options.connectTimeoutMs ?? 5000 },
    keepAliveTimeout: 10_000,
  })
  // Exchanges holding (or waiting for) a pooled connection, from the call until the body is consumed or destroyed.
  let inFlight = 0
  const transport: UpstreamTransport = async (req) => {
    if (inFlight >= connections) throw new UpstreamBusyError(`all ${connections} upstream connections are busy`)
    inFlight++
    let released = false
    const release = () => {
      if (!released) {
        released = true
        inFlight--
      }
    }
    let response: Awaited<ReturnType<typeof request>>
    try {
      response = await request(req.url, {
        method: req.method as "GET",
        headers: req.headers,
        body: req.body,
        dispatcher: agent,
        // undici takes any object with addEventListener as its signal (core's makeLightAbort).
        signal: req.signal as unknown as AbortSignal,
        // The signal carries the real deadline; these only stop undici's own (idle) timers from firing first.
        headersTimeout: 0,
        bodyTimeout: 0,
      })
    } catch (error) {
      release()
      throw error
    }
    const body = response.body
    body.once("close", release)
    const headers = response.headers
    let consumed = false
    return {
      status: response.statusCode,
      decoded: false,
      headers: {
        get: (name) => {
          const value = headers[name]
          return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value
        },
      },
      bytes: async (maxBytes) => {
        const length = headers["content-length"]
        if (typeof length !== "string" || Number(length) > maxBytes) return undefined
        consumed = true
        return body.bytes()
      },
      stream: () => {
        consumed = true
        return body
      },
      discard: async () => {
        if (!consumed) await body.dump().catch(() => {})
      },
    }
  }
  return { transport, close: () => agent.close() }
}
