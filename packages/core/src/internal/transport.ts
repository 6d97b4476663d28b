/** The transport port's types: the wire request, the raw response, a failure, and the clock the port times with. */
import type * as Effect from "effect/Effect"
import type { HttpMethod } from "../Operation.ts"

/** A request as built from a descriptor and the caller's arguments, independent of the HTTP library sending it. */
export interface WireRequest {
  readonly method: HttpMethod
  /** Absolute URL, query string included. */
  readonly url: string
  /** Lower-case names. `content-type` is set for JSON and URL-encoded bodies; FormData sets its own boundary. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | FormData | undefined
}

/** What one attempt brings back: the status, headers (lower-case names) and the whole body as text. */
export interface RawResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
}

/** No (complete) response: the message is safe to show (no headers), the cause is the socket or fetch error. */
export interface TransportFailure {
  readonly message: string
  readonly cause: unknown
  /** `true` when the attempt's `timeoutMillis` ran out (the transport aborted the request). */
  readonly timedOut?: boolean | undefined
  /** Set when the body was longer than `maxResponseBytes`: its reading was abandoned (not retried). */
  readonly tooLarge?: { readonly limit: number; readonly status: number } | undefined
}

/** What one send is given besides the request. */
export interface SendOptions {
  /** How long this attempt may take (the whole response, body included). Every transport enforces it. */
  readonly timeoutMillis: number
  /** The most body bytes to read (every transport honours it); past it the send fails with `tooLarge`. */
  readonly maxResponseBytes?: number | undefined
}

/** One send under way, started without a caller's signal: its response, and how to abort it. */
export interface StartedSend {
  /** Rejects with a {@link TransportFailure} (also once `abort` was called). */
  readonly response: Promise<RawResponse>
  readonly abort: () => void
}

/**
 * THE port through which requests leave. `sendPromise` is the Promise interpreter's face (aborting `signal` aborts
 * the request); the Effect interpreter takes the port's own `send` when it has one (an effect/http `HttpClient` runs in
 * the caller's fiber), else wraps `start` (interrupting the effect calls its `abort`), else `sendPromise` (see
 * `effectTransport.ts`): a port over a Promise HTTP call needs no effect. Every face enforces `timeoutMillis` itself
 * and then fails with `timedOut: true`, so no caller races a timer against it.
 * Implementations: `fromAbortableSend` (a Promise HTTP call taking an `AbortSignal`: `fetch`), `fromCancellableSend`
 * (one aborted through an object of its own: undici's dispatch handler on Node) and `fromHttpClient` (an effect/http
 * `HttpClient`, e.g. one an Effect application provides).
 */
export interface Transport {
  /** Rejects with a {@link TransportFailure} (also when `signal` aborted the request). */
  readonly sendPromise: (
    request: WireRequest,
    options: SendOptions,
    signal: AbortSignal | undefined,
  ) => Promise<RawResponse>
  /** Starts one send that `abort` stops: what the Effect interpreter wraps when the port has no `send`. */
  readonly start?: ((request: WireRequest, options: SendOptions) => StartedSend) | undefined
  /** The Effect face, for a port that is Effect's own (interrupting the effect aborts the request). */
  readonly send?:
    | ((request: WireRequest, options: SendOptions) => Effect.Effect<RawResponse, TransportFailure>)
    | undefined
}

/** Timers a transport's timeout and the Promise interpreter's waits run on (a test passes virtual ones). */
export interface Timers {
  readonly now: () => number
  readonly setTimer: (run: () => void, millis: number) => unknown
  readonly clearTimer: (handle: unknown) => void
}

/** The real clock. */
export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimer: (run, millis) => setTimeout(run, millis),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
