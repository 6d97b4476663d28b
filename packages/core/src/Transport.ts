/**
 * How a request leaves: the one step of `execute` that depends on an HTTP library. Every client sends through an
 * effect/http `HttpClient` (`fromHttpClient`); the browser's tree-shakable `request` can send with the bare global
 * `fetch` (`fetch`) to stay small; `fromAbortableSend` wraps any Promise-based HTTP call (the Node client's undici).
 *
 * @since 0.1.0
 */
export { fetchTransport as fetch } from "./internal/fetchTransport.ts"
export { fromHttpClient } from "./internal/httpClientTransport.ts"
export { fromAbortableSend, type AbortableSend } from "./internal/promiseTransport.ts"
export type { RawResponse, SendOptions, Transport, TransportFailure, WireRequest } from "./internal/transport.ts"
