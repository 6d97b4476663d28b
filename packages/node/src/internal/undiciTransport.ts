/**
 * How the Node Promise client sends: `undici.request` through the process-wide dispatcher, straight to a
 * `RawResponse`. Going through effect/http's client instead costs about as much per request as the SDK's whole
 * pipeline (URL objects, response wrappers, a client span and trace headers per request); the Effect service
 * (`Intercom.layer`) still takes whichever `HttpClient` the application provides.
 */
import { fromAbortableSend, type RawResponse, type Transport, type WireRequest } from "@utdk/intercom-core/Transport"
import { FormData as UndiciFormData, getGlobalDispatcher, request } from "undici"

// undici sends its own FormData class; the global one (from Node's bundled undici) is copied into it.
const bodyOf = (body: WireRequest["body"]): string | UndiciFormData | null => {
  if (body === undefined || typeof body === "string") return body ?? null
  const form = new UndiciFormData()
  for (const [name, value] of body) form.append(name, value)
  return form
}

const send = async (wire: WireRequest, signal: AbortSignal): Promise<RawResponse> => {
  const response = await request(wire.url, {
    method: wire.method,
    headers: wire.headers,
    body: bodyOf(wire.body),
    signal,
    // Shared pool; it never keeps the process alive. The attempt's whole-response timeout is fromAbortableSend's timer, not
    // undici's per-phase ones.
    dispatcher: getGlobalDispatcher(),
    headersTimeout: 0,
    bodyTimeout: 0,
  })
  const text = await response.body.text()
  const headers: Record<string, string> = {}
  for (const name in response.headers) {
    const value = response.headers[name]
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value
  }
  return { status: response.statusCode, headers, text }
}

/** The Node Promise client's transport: `undici.request`, timeouts enforced by the transport itself. */
export const undiciTransport: Transport = fromAbortableSend(send)
