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
  /** Set by a transport that {@link Transport.enforcesTimeout enforces the timeout} when `timeoutMillis` ran out. */
  readonly timedOut?: boolean | undefined
}

/** What one send may be given besides the request. */
export interface SendOptions {
  /**
   * How long this attempt may take (the whole response, body included). Only a transport that declares
   * `enforcesTimeout` is asked to honour it; the others run under the retry loop's own (Effect clock) timeout.
   */
  readonly timeoutMillis?: number | undefined
}

/**
 * Sends one request and reads the whole body. Interrupting the effect must abort the request (timeouts and
 * `AbortSignal`s rely on it). Implementations: `fromHttpClient` (effect/http, every client) and `fetchTransport`
 * (plain `fetch`, for the browser's tree-shakable `request`).
 */
export interface Transport {
  (request: WireRequest, options?: SendOptions): Effect.Effect<RawResponse, TransportFailure>
  /**
   * `true` when the transport aborts a send after `options.timeoutMillis` itself (a timer and an `AbortSignal`) and
   * then fails with `timedOut: true`. The retry loop then skips its per-attempt Effect timeout (a racing fiber and a
   * timer per attempt); without it the loop's timeout runs on the Effect `Clock`, which is what TestClock tests need.
   */
  readonly enforcesTimeout?: boolean | undefined
}
