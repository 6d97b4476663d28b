/**
 * The Effect face of a transport port, for the Effect interpreter: the port's own `send` when it has one, else its
 * `start` (or `sendPromise` under an `AbortController`) wrapped so that interrupting the effect aborts the request.
 * Kept apart so that a port over a Promise HTTP call, and the Promise path that uses it, load no effect.
 */
import * as Effect from "effect/Effect"
import type { RawResponse, SendOptions, StartedSend, Transport, TransportFailure, WireRequest } from "./transport.ts"

const startWithSignal = (transport: Transport, request: WireRequest, options: SendOptions): StartedSend => {
  const controller = new AbortController()
  return { response: transport.sendPromise(request, options, controller.signal), abort: () => controller.abort() }
}

/** Sends `request` through `transport` as an Effect; fails with the port's `TransportFailure`. */
export const sendEffect = (
  transport: Transport,
  request: WireRequest,
  options: SendOptions,
): Effect.Effect<RawResponse, TransportFailure> => {
  if (transport.send !== undefined) return transport.send(request, options)
  return Effect.callback<RawResponse, TransportFailure>((resume) => {
    const started = transport.start === undefined
      ? startWithSignal(transport, request, options)
      : transport.start(request, options)
    started.response.then(
      (raw) => resume(Effect.succeed(raw)),
      (failure: TransportFailure) => resume(Effect.fail(failure)),
    )
    return Effect.sync(started.abort)
  })
}
