/**
 * How the Node Promise client sends: `undici.request` through the client's `dispatcher` (the process-wide one by
 * default), straight to a `RawResponse`. Going through effect/http's client instead costs about as much per request
 * as the SDK's whole pipeline (URL objects, response wrappers, a client span and trace headers per request); the
 * Effect service (`Intercom.layer`) still takes whichever `HttpClient` the application provides.
 */
import {
  checkDeclaredLength,
  fitsDeclaredLength,
  fromCancellableSend,
  type LightAbortSignal,
  makeLightAbort,
  readCapped,
  type RawResponse,
  type Transport,
  type WireRequest,
} from "@utdk/intercom-core/Transport"
import { type Dispatcher, FormData as UndiciFormData, getGlobalDispatcher, request } from "undici"

// undici sends its own FormData class; the global one (from Node's bundled undici) is copied into it.
const bodyOf = (body: WireRequest["body"]): string | UndiciFormData | null => {
  if (body === undefined || typeof body === "string") return body ?? null
  const form = new UndiciFormData()
  for (const [name, value] of body) form.append(name, value)
  return form
}

const sendWith =
  (dispatcherOf: () => Dispatcher) =>
  async (wire: WireRequest, signal: LightAbortSignal, maxResponseBytes: number): Promise<RawResponse> => {
    const response = await request(wire.url, {
      method: wire.method,
      headers: wire.headers,
      body: bodyOf(wire.body),
      // undici takes any object with addEventListener as its signal (see makeLightAbort).
      signal: signal as unknown as AbortSignal,
      // The attempt's whole-response timeout is fromCancellableSend's timer, not undici's per-phase ones.
      dispatcher: dispatcherOf(),
      headersTimeout: 0,
      bodyTimeout: 0,
    })
    const headers: Record<string, string> = {}
    for (const name in response.headers) {
      const value = response.headers[name]
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value
    }
    // Throwing aborts the request (fromCancellableSend), which destroys the body stream.
    const declared = headers["content-length"]
    checkDeclaredLength(declared, maxResponseBytes, response.statusCode)
    // A stated length within the cap (undici holds the body to it) is read in one go: no async iterator, no
    // per-chunk decoding. Any other body is counted as it streams.
    const text = fitsDeclaredLength(declared, headers["content-encoding"], maxResponseBytes)
      ? await response.body.text()
      : await readCapped(response.body, maxResponseBytes, response.statusCode)
    return { status: response.statusCode, headers, text }
  }

/** The Node Promise client's transport over a given undici `Dispatcher` (an `Agent`, a `ProxyAgent`, a `MockAgent`...). */
export const undiciTransportWith = (dispatcher: Dispatcher): Transport => fromCancellableSend(sendWith(() => dispatcher), makeLightAbort)

/** The Node Promise client's transport: `undici.request` through the global dispatcher (shared pool; it never keeps the process alive). */
export const undiciTransport: Transport = fromCancellableSend(sendWith(getGlobalDispatcher), makeLightAbort)
