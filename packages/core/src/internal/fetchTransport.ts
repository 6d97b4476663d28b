import { fromAbortableSend } from "./promiseTransport.ts"
import { checkDeclaredLength, chunksOf, readCapped } from "./readBody.ts"
import type { RawResponse, Transport, WireRequest } from "./transport.ts"

/** One request over a `fetch` function, the body read as text up to `maxResponseBytes`. */
const sendWith =
  (fetchOf: () => typeof globalThis.fetch) =>
  async (request: WireRequest, signal: AbortSignal, maxResponseBytes: number): Promise<RawResponse> => {
    const response = await fetchOf()(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal,
    })
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      headers[name] = value
    })
    // Throwing aborts the request (fromAbortableSend), which also cancels the body.
    checkDeclaredLength(response.headers.get("content-length"), maxResponseBytes, response.status)
    const text = response.body === null ? "" : await readCapped(chunksOf(response.body), maxResponseBytes, response.status)
    return { status: response.status, headers, text }
  }

/** One request over the global `fetch` (looked up at each send, so a replaced global is honoured). */
export const fetchSend = sendWith(() => globalThis.fetch)

/**
 * The port over the global `fetch`, without effect/http: what the browser client and its tree-shakable `request`
 * send through (it keeps the one-operation bundle small).
 */
export const fetchTransport: Transport = fromAbortableSend(fetchSend)

/** The port over a given `fetch` (the `fetch` option: an edge runtime's, a test's, one with its own agent). */
export const fetchTransportWith = (fetch: typeof globalThis.fetch): Transport => fromAbortableSend(sendWith(() => fetch))
