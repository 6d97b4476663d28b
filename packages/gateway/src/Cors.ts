/**
 * CORS pinned to configured origins. The gateway never answers `*` and never allows cookies: browsers authenticate
 * with a session key header (or not at all, with a server-held token), so there is nothing ambient to protect.
 *
 * @since 0.1.0
 */
import {
  exposedResponseHeaders,
  forwardedRequestHeaders,
  sessionHeader,
  type HeaderRecord,
  type HeaderSource,
} from "./HeaderPolicy.ts"

/** @category models */
export interface CorsPolicy {
  /** Exact origins (`https://docs.example.com`), compared as serialized by browsers. */
  readonly allowedOrigins: ReadonlyArray<string>
  /** Refuse requests that carry no `Origin` (only browsers then); off by default so server-side callers work. */
  readonly requireOrigin: boolean
  /** Preflight cache lifetime in seconds. */
  readonly maxAgeSeconds: number
}

/** @category errors */
export class CorsConfigError extends Error {
  override readonly name = "CorsConfigError"
}

/**
 * Normalizes configured origins and refuses wildcards, `null`, paths and credentials in them.
 *
 * @category constructors
 */
export const normalizeOrigins = (origins: ReadonlyArray<string>): ReadonlyArray<string> =>
  origins.map((origin) => {
    if (origin === "*" || origin === "null") {
      throw new CorsConfigError(`allowed origin ${origin} is not allowed: list exact origins`)
    }
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      throw new CorsConfigError(`allowed origin is not a URL: ${origin}`)
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new CorsConfigError(`allowed origin must be http(s): ${origin}`)
    }
    if (url.origin !== origin.replace(/\/$/, "")) {
      throw new CorsConfigError(`allowed origin must be a bare origin: ${origin}`)
    }
    return url.origin
  })

/** @category models */
export type OriginDecision =
  | { readonly _tag: "NoOrigin" }
  | { readonly _tag: "Allowed"; readonly origin: string }
  | { readonly _tag: "Denied" }

/** Decides on a request's `Origin`. @category decisions */
export const decideOrigin = (policy: CorsPolicy, headers: HeaderSource): OriginDecision => {
  const origin = headers.get("origin")
  if (origin === null) return policy.requireOrigin ? { _tag: "Denied" } : { _tag: "NoOrigin" }
  return policy.allowedOrigins.includes(origin) ? { _tag: "Allowed", origin } : { _tag: "Denied" }
}

/**
 * Trace-context headers that Effect's HTTP client (and other instrumented clients) add to every request. A browser
 * lists them in the preflight, so they are accepted there; they are never forwarded to Intercom.
 *
 * @category constants
 */
export const acceptedTracingHeaders: ReadonlyArray<string> = ["traceparent", "tracestate", "b3"]

/** Request headers a browser may send (preflight `Access-Control-Allow-Headers`). @category constants */
export const allowedRequestHeaders: ReadonlyArray<string> = [
  ...forwardedRequestHeaders,
  sessionHeader,
  ...acceptedTracingHeaders,
]

/** Headers set on every answer to an allowed origin. @category constructors */
export const applyCorsHeaders = (headers: HeaderRecord, origin: string): HeaderRecord => {
  headers["access-control-allow-origin"] = origin
  headers["vary"] = "Origin"
  headers["access-control-expose-headers"] = exposedHeaderList
  return headers
}

const exposedHeaderList = exposedResponseHeaders.join(", ")
const allowedHeaderList = allowedRequestHeaders.join(", ")

/** @category models */
export type PreflightDecision =
  | { readonly _tag: "Allowed"; readonly headers: HeaderRecord }
  | { readonly _tag: "Denied"; readonly reason: string }

/**
 * Answers a preflight for an allowed origin: the requested method must be one the path accepts, and every requested
 * header must be on the allow-list.
 *
 * @category decisions
 */
export const decidePreflight = (
  policy: CorsPolicy,
  origin: string,
  headers: HeaderSource,
  methodsForPath: ReadonlyArray<string>,
): PreflightDecision => {
  const method = headers.get("access-control-request-method")
  // Stryker disable next-line ConditionalExpression: no path's methods include null either.
  if (method === null || !methodsForPath.includes(method)) return { _tag: "Denied", reason: "method" }
  const requested = (headers.get("access-control-request-headers") ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "")
  if (requested.some((h) => !allowedRequestHeaders.includes(h))) return { _tag: "Denied", reason: "headers" }
  const out: HeaderRecord = {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": method,
    "access-control-allow-headers": allowedHeaderList,
    "access-control-max-age": String(policy.maxAgeSeconds),
    vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
  }
  return { _tag: "Allowed", headers: out }
}
