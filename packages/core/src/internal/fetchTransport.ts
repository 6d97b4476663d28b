import * as Effect from "effect/Effect"
import type { RawResponse, SendOptions, Transport, TransportFailure, WireRequest } from "./transport.ts"

const send = async (request: WireRequest, signal: AbortSignal): Promise<RawResponse> => {
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
 * Sends with the global `fetch`, without effect/http: what keeps the browser's one-operation bundle small. It enforces
 * the attempt's timeout itself (one timer aborting the fetch, failing with `timedOut: true`) rather than the retry
 * loop racing a fiber against it; interruption aborts the fetch through the same controller.
 */
const sendWithTimeout = (request: WireRequest, options?: SendOptions): Effect.Effect<RawResponse, TransportFailure> =>
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
    send(request, controller.signal).then(
      (raw) => {
        clearTimeout(timer)
        resume(Effect.succeed(raw))
      },
      (cause: unknown) => {
        clearTimeout(timer)
        const path = `${request.method} ${request.url.split("?")[0]}`
        resume(
          Effect.fail({
            message: timedOut
              ? `${path}: no complete response within ${timeoutMillis} ms`
              : `${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
            cause,
            timedOut,
          }),
        )
      },
    )
    return Effect.sync(() => {
      clearTimeout(timer)
      controller.abort()
    })
  })

/** The transport over the global `fetch`; it enforces the per-attempt timeout itself. */
export const fetchTransport: Transport = Object.assign(sendWithTimeout, { enforcesTimeout: true })
