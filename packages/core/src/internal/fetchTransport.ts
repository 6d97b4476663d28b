/** The transport port over a `fetch` function: the browser client's, the function form's, and the `fetch` option's. */
import { fromAbortableSend } from "./promiseTransport.ts"
import { checkDeclaredLength, chunksOf, fitsDeclaredLength, readCapped } from "./readBody.ts"
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
    const declared = response.headers.get("content-length")
    checkDeclaredLength(declared, maxResponseBytes, response.status)
    // A stated length within the cap is read in one go; any other body is counted as it streams.
    const text = response.body === null
      ? ""
      : fitsDeclaredLength(declared, response.headers.get("content-encoding"), maxResponseBytes)
      ? await response.text()
      : await readCapped(chunksOf(response.body), maxResponseBytes, response.status)
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
export const fetchTransportWith = (fetch: typeof globalThis.fetch): Transport =>
  fromAbortableSend(sendWith(() => fetch))
