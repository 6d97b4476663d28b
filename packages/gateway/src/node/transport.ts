/**
 * The Node upstream transport: `undici.request` over a dedicated pool. It is several times cheaper per call than
 * `fetch` (no WHATWG streams or Request/Response objects), never follows redirects, and bounds connect, header and
 * body time so a dead or stalled upstream fails fast.
 *
 * @since 0.1.0
 */
import type { UpstreamTransport } from "../Upstream.ts"
import { Agent, request } from "undici"

/** @category models */
export interface UndiciTransportOptions {
  /** Connections per upstream origin (default 256). */
  readonly connections?: number
  /** TCP+TLS connect timeout in milliseconds (default 5000). */
  readonly connectTimeoutMs?: number
}

const timeoutCodes = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"])

// The gateway core recognizes timeouts by name, whichever transport raised them.
const normalizeError = (error: unknown): unknown => {
  if (typeof error === "object" && error !== null && "code" in error && timeoutCodes.has(String(error.code))) {
    const timeout = new Error(String((error as { message?: unknown }).message ?? "upstream timeout"))
    timeout.name = "TimeoutError"
    return timeout
  }
  return error
}

/**
 * Makes the transport and a `close` for its pool.
 *
 * @category constructors
 */
export const makeUndiciTransport = (options: UndiciTransportOptions = {}): { readonly transport: UpstreamTransport; readonly close: () => Promise<void> } => {
  const agent = new Agent({
    connections: options.connections ?? 256,
    connect: { timeout: options.connectTimeoutMs ?? 5000 },
    keepAliveTimeout: 10_000,
  })
  const transport: UpstreamTransport = async (req) => {
    const response = await request(req.url, {
      method: req.method as "GET",
      headers: req.headers,
      body: req.body,
      dispatcher: agent,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    }).catch((error: unknown) => {
      throw normalizeError(error)
    })
    const headers = response.headers
    let consumed = false
    return {
      status: response.statusCode,
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
        try {
          return new Uint8Array(await response.body.arrayBuffer())
        } catch (error) {
          throw normalizeError(error)
        }
      },
      stream: () => {
        consumed = true
        return response.body
      },
      discard: async () => {
        if (!consumed) await response.body.dump().catch(() => {})
      },
    }
  }
  return { transport, close: () => agent.close() }
}
