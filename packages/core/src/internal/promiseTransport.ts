/**
 * Making a transport port from a Promise-based HTTP call: the attempt's timer and abort controller around it, as the
 * Promise face (`sendPromise`) and the start-and-abort one the Effect interpreter wraps (`start`). No effect here.
 */
import { defaultMaxResponseBytes } from "./defaults.ts"
import type { AttemptController } from "./lightAbort.ts"
import { ResponseTooLarge } from "./readBody.ts"
import {
  systemTimers,
  type RawResponse,
  type SendOptions,
  type StartedSend,
  type Timers,
  type Transport,
  type TransportFailure,
  type WireRequest,
} from "./transport.ts"

/**
 * A send that the transport can abort: the HTTP library's call, nothing else. It reads at most `maxResponseBytes` of
 * the body and throws `ResponseTooLarge` (from `readBody`) past that.
 */
export type AbortableSend = (
  request: WireRequest,
  signal: AbortSignal,
  maxResponseBytes: number,
) => Promise<RawResponse>

// No headers in the message: they hold the token.
const failureOf = (
  request: WireRequest,
  cause: unknown,
  timedOut: boolean,
  timeoutMillis: number,
): TransportFailure => {
  const path = `${request.method} ${request.url.split("?")[0]}`
  if (cause instanceof ResponseTooLarge) {
    return { message: `${path}: ${cause.message}`, cause, tooLarge: { limit: cause.limit, status: cause.status } }
  }
  return {
    message: timedOut
      ? `${path}: no complete response within ${timeoutMillis} ms`
      : `${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
    cause,
    timedOut,
  }
}

/**
 * The port over a Promise-based HTTP call: one timer and one controller per send enforce the attempt's timeout
 * (failing with `timedOut: true`); the caller's signal, or `start`'s `abort` (interrupting the Effect face), aborts the
 * request through the same controller. `makeController` gives the kind of signal the call takes; `timers` is the real clock unless a
 * test brings virtual ones.
 */
export const fromCancellableSend = <S>(
  send: (request: WireRequest, signal: S, maxResponseBytes: number) => Promise<RawResponse>,
  makeController: () => AttemptController<S>,
  timers: Timers = systemTimers,
): Transport => {
  /** Sends under the attempt's timer; `controller` aborts the request (timeout, caller). */
  const launch = (
    request: WireRequest,
    options: SendOptions,
    controller: AttemptController<S>,
  ): Promise<RawResponse> => {
    const { timeoutMillis } = options
    let timedOut = false
    const timer = timers.setTimer(() => {
      timedOut = true
      controller.abort()
    }, timeoutMillis)
    return send(request, controller.signal, options.maxResponseBytes ?? defaultMaxResponseBytes).then(
      (raw) => {
        timers.clearTimer(timer)
        return raw
      },
      (cause: unknown) => {
        timers.clearTimer(timer)
        // Releases the connection of a response abandoned half-read (too large).
        controller.abort()
        throw failureOf(request, cause, timedOut, timeoutMillis)
      },
    )
  }
  return {
    sendPromise: (request, options, signal) => {
      const controller = makeController()
      if (signal === undefined) return launch(request, options, controller)
      if (signal.aborted) controller.abort(signal.reason)
      const onAbort = () => controller.abort(signal.reason)
      signal.addEventListener("abort", onAbort, { once: true })
      const sent = launch(request, options, controller)
      sent.then(
        () => signal.removeEventListener("abort", onAbort),
        () => signal.removeEventListener("abort", onAbort),
      )
      return sent
    },
    start: (request, options): StartedSend => {
      const controller = makeController()
      return { response: launch(request, options, controller), abort: () => controller.abort() }
    },
  }
}

/** {@link fromCancellableSend} with an `AbortController`: for any call that takes an `AbortSignal` (`fetch`). */
export const fromAbortableSend = (send: AbortableSend, timers: Timers = systemTimers): Transport =>
  fromCancellableSend(send, () => new AbortController(), timers)
