/**
 * How a request leaves: the one port of the call that depends on an HTTP library, with a Promise face (the Promise
 * clients) and an Effect face (the Effect client; `sendEffect` derives it for ports made from a Promise call), both
 * enforcing the attempt's timeout themselves.
 * `fromAbortableSend` wraps any Promise-based HTTP call that takes an `AbortSignal` (`fetch`), `fromCancellableSend`
 * one that is aborted through an object of its own (the Node client's undici dispatch handler); `makeLightAbort` is a
 * signal `undici.request` accepts without an `AbortController` (the gateway's); `fetch` is the port over the global
 * `fetch` (browsers); `fromHttpClient` adapts an effect/http `HttpClient`.
 *
 * @since 0.1.0
 */
export { fetchTransport as fetch, fetchTransportWith as fetchWith } from "./internal/fetchTransport.ts"
// The size checks and the light abort signal, which the effect-free `Wire` module owns.
export * from "./Wire.ts"
export { sendEffect } from "./internal/effectTransport.ts"
export { fromHttpClient } from "./internal/httpClientTransport.ts"
export { type AbortableSend, fromAbortableSend, fromCancellableSend } from "./internal/promiseTransport.ts"
export {
  type RawResponse,
  type SendOptions,
  type StartedSend,
  systemTimers,
  type Timers,
  type Transport,
  type TransportFailure,
  type WireRequest,
} from "./internal/transport.ts"
