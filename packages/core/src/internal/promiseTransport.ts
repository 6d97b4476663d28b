import * as Effect from "effect/Effect"
import type { RawResponse, SendOptions, Transport, TransportFailure, WireRequest } from "./transport.ts"

/** A send that the transport can abort: the HTTP library's call, nothing else. */
export type AbortableSend = (request: WireRequest, signal: AbortSignal) => Promise<RawResponse>

// No headers in the message: they hold the token.
const failureOf = (request: WireRequest, cause: unknown, timedOut: boolean, timeoutMillis: number | undefined): TransportFailure => {
  const path = `${request.method} ${request.url.split("?")[0]}`
  return {
    message: timedOut
      ? `${path}: no complete response within ${timeoutMillis} ms`
      : `${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
    timedOut,
  }
}

/**
 * A transport over a Promise-based HTTP call that enforces the attempt's timeout itself: one timer and one
 * `AbortController` per send, instead of the retry loop's racing fiber and Effect timer (about half of the SDK's
 * per-call cost). Running out of time fails with `timedOut: true`, which the loop treats as its own attempt timeout.
 * Interrupting the effect (the caller's `signal`, the call's budget) aborts the request through the same controller.
 */
export const fromAbortableSend = (send: AbortableSend): Transport => {
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
          resume(Effect.fail(failureOf(request, cause, timedOut, timeoutMillis)))
        },
      )
      return Effect.sync(() => {
        clearTimeout(timer)
        controller.abort()
      })
    })
  return Object.assign(sendWithTimeout, { enforcesTimeout: true })
}
