/**
 * Which Intercom the gateway talks to. The upstream is an origin fixed at start-up, never derived from a request:
 * one of Intercom's three regional hosts, or a loopback mock (Prism) when explicitly allowed.
 *
 * @since 0.1.0
 */

import { defaultRegion, type Region, regions } from "@utdk/intercom-core/Facts"
import { fitsDeclaredLength, type LightAbortSignal } from "@utdk/intercom-core/Wire"

export type { Region } from "@utdk/intercom-core/Facts"

/** @category constants */
export const regionOrigins: Readonly<Record<Region, string>> = regions

/** @category errors */
export class UpstreamConfigError extends Error {
  override readonly name = "UpstreamConfigError"
}

const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname)

/**
 * Resolves the configured upstream to a bare origin (`scheme://host[:port]`). An explicit `upstream` must be one of
 * the regional origins, or a loopback http(s) origin when `allowLoopback` is set; everything else is refused so a
 * mistyped flag cannot turn the gateway into an open proxy.
 *
 * @category constructors
 */
export const resolveUpstream = (options: {
  readonly region?: Region | undefined
  readonly upstream?: string | undefined
  readonly allowLoopback?: boolean | undefined
}): string => {
  if (options.upstream === undefined || options.upstream === "") return regionOrigins[options.region ?? defaultRegion]
  let url: URL
  try {
    url = new URL(options.upstream)
  } catch {
    throw new UpstreamConfigError(`upstream is not a URL: ${options.upstream}`)
  }
  if (url.username !== "" || url.password !== "") throw new UpstreamConfigError("upstream must not carry credentials")
  if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "") {
    throw new UpstreamConfigError("upstream must be an origin without path, query or fragment")
  }
  if (Object.values(regionOrigins).includes(url.origin)) return url.origin
  if (isLoopbackHost(url.hostname) && (url.protocol === "http:" || url.protocol === "https:")) {
    if (options.allowLoopback === true) return url.origin
    throw new UpstreamConfigError(`loopback upstream ${url.origin} needs the allow-loopback-upstream option`)
  }
  throw new UpstreamConfigError(
    `upstream must be one of ${
      Object.values(regionOrigins).join(", ")
    } (or a loopback mock with allow-loopback-upstream)`,
  )
}

/**
 * How a transport learns that an exchange is over: core's light abort signal (`reason`, `addEventListener`,
 * `removeEventListener`), which undici's `request` takes as it is, without an `AbortController` and Node's
 * `EventTarget` per request. It holds one listener and runs a listener added after the abort at once; a real
 * `AbortSignal` fits this shape too. A transport over `fetch` links it to an `AbortController` of its own.
 *
 * @category models
 */
export type UpstreamSignal = LightAbortSignal

/** One request to the upstream, fully decided by the gateway. @category models */
export interface UpstreamRequest {
  /** The upstream origin (`scheme://host[:port]`), fixed at start-up. */
  readonly origin: string
  /** The request target to send (`/path?query`), rebuilt by the router from checked parts. */
  readonly path: string
  readonly method: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array<ArrayBuffer> | null
  /**
   * Aborts at the exchange's deadline or when the client goes away. The transport must then stop waiting (for a
   * connection too), cancel the request and destroy the response body, so nothing upstream stays pinned.
   */
  readonly signal: UpstreamSignal
}

/**
 * Raised by a transport whose connection pool is saturated: the gateway answers 503 with `Retry-After` at once
 * instead of queueing without bound behind slow exchanges.
 *
 * @category errors
 */
export class UpstreamBusyError extends Error {
  override readonly name = "UpstreamBusyError"
}

/** @category models */
export interface UpstreamResponse {
  readonly status: number
  readonly headers: { readonly get: (name: string) => string | null }
  /** Reads the whole body, refusing (with `undefined`) one above `maxBytes`, which is then left to {@link stream}. */
  readonly bytes: (maxBytes: number) => Promise<Uint8Array | undefined>
  /** The body as a stream of chunks (after a refused `bytes`, or instead of it). */
  readonly stream: () => ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>
  /** Discards the body. */
  readonly discard: () => Promise<void>
  /**
   * `true` when the transport already decoded the body's `Content-Encoding` (fetch does): the header is then
   * dropped and the decoded size capped. A compressed answer the transport did not decode is refused (502): the
   * gateway asks for `identity` so that it can scan every answer for its secrets.
   */
  readonly decoded: boolean
}

/**
 * Sends upstream requests. Must not follow redirects, and must honour `signal` (reject, and end the body stream
 * with an error). The Node package passes one built on `undici.request`; edge platforms use {@link makeFetchTransport}.
 *
 * @category models
 */
export type UpstreamTransport = (request: UpstreamRequest) => Promise<UpstreamResponse>

/**
 * A transport over a WHATWG `fetch` (the default; works on every runtime).
 *
 * @category constructors
 */
export const makeFetchTransport =
  (fetch: typeof globalThis.fetch = globalThis.fetch.bind(globalThis)): UpstreamTransport => async (request) => {
    const controller = new AbortController()
    request.signal.addEventListener("abort", () => controller.abort(request.signal.reason))
    // fetch negotiates the encoding and decodes the answer itself (which the gateway then scans and caps); an
    // explicit `identity` would make Deno hand over the bytes undecoded when an upstream compresses anyway.
    const { "accept-encoding": _, ...headers } = request.headers
    const response = await fetch(request.origin + request.path, {
      method: request.method,
      headers,
      body: request.body ?? (request.method === "GET" || request.method === "DELETE" ? null : ""),
      // A redirect is answered to the caller, never followed: the gateway talks to one origin only.
      redirect: "manual",
      signal: controller.signal,
    })
    let streamed = false
    return {
      status: response.status,
      headers: response.headers,
      // fetch decodes gzip/br/deflate itself: the bytes it hands over are no longer what Content-Encoding names.
      decoded: true,
      bytes: async (maxBytes) => {
        if (
          !fitsDeclaredLength(
            response.headers.get("content-length"),
            response.headers.get("content-encoding"),
            maxBytes,
          )
        ) return undefined
        return new Uint8Array(await response.arrayBuffer())
      },
      stream: () => {
        streamed = true
        return response.body ?? new ReadableStream({ start: (c) => c.close() })
      },
      discard: async () => {
        if (!streamed) await response.body?.cancel()
      },
    }
  }
