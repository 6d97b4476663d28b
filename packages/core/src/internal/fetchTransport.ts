import { fromAbortableSend } from "./promiseTransport.ts"
import type { RawResponse, Transport, WireRequest } from "./transport.ts"

/** One request over the global `fetch`, the whole body read as text. */
export const fetchSend = async (request: WireRequest, signal: AbortSignal): Promise<RawResponse> => {
  const response = await globalThis.fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body ?? null,
    signal,
  })
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  return { status: response.status, headers, text: await response.text() }
}

/**
 * The port over the global `fetch`, without effect/http: what the browser client and its tree-shakable `request`
 * send through (it keeps the one-operation bundle small).
 */
export const fetchTransport: Transport = fromAbortableSend(fetchSend)
