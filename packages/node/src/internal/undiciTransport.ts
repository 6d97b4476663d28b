/**
 * How the Node Promise client sends: `undici.request` through the process-wide dispatcher, straight to a
 * `RawResponse`. Going through effect/http's client instead costs about as much per request as the SDK's whole
 * pipeline (URL objects, response wrappers, a client span and trace headers per request); the Effect service
 * (`Intercom.layer`) still takes whichever `HttpClient` the application provides.
 */
import type { RawResponse, SendOptions, Transport, TransportFailure, WireRequest } from "@utdk/intercom-core/Transport"
import * as Effect from "effect/Effect"
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
    // Shared pool; it never keeps the process alive. The attempt's whole-response timeout is the timer below, not
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

const failureOf = (wire: WireRequest, cause: unknown, timedOut: boolean, timeoutMillis: number | undefined): TransportFailure => ({
  // No headers in the message: they hold the token.
  message: timedOut
    ? `${wire.method} ${wire.url.split("?")[0]}: no complete response within ${timeoutMillis} ms`
    : `${wire.method} ${wire.url.split("?")[0]}: ${cause instanceof Error ? cause.message : String(cause)}`,
  cause,
  timedOut,
})

/**
 * Sends with `undici.request` and enforces the attempt's timeout itself: one timer and one `AbortController` per
 * send, instead of the retry loop's racing fiber and Effect timer (about half of the SDK's per-call cost here).
 * Running out of time fails with `timedOut: true`, which the loop treats as its own attempt timeout. Interrupting the
 * effect (the caller's `signal`, the call's budget) aborts the request through the same controller.
 */
const sendWithTimeout = (wire: WireRequest, options?: SendOptions): Effect.Effect<RawResponse, TransportFailure> =>
  Effect.callback<RawResponse, TransportFailure>((resume) => {
    const controller = new AbortController()
    const timeoutMillis = options?.timeoutMillis
    let timedOut = false
    const timer =
      timeoutMillis === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true
            controller.abort()
          }, timeoutMillis)
    send(wire, controller.signal).then(
      (raw) => {
        clearTimeout(timer)
        resume(Effect.succeed(raw))
      },
      (cause: unknown) => {
        clearTimeout(timer)
        resume(Effect.fail(failureOf(wire, cause, timedOut, timeoutMillis)))
      },
    )
    return Effect.sync(() => {
      clearTimeout(timer)
      controller.abort()
    })
  })

/** The Node Promise client's transport: `undici.request`, timeouts enforced by the transport itself. */
export const undiciTransport: Transport = Object.assign(sendWithTimeout, { enforcesTimeout: true })
