/**
 * Header allow-lists in both directions. Only named headers cross the gateway; everything else (cookies, hop-by-hop
 * headers, `Host`, `X-Forwarded-*`, the caller's `Authorization`, upstream `Set-Cookie`, mock diagnostics) stays
 * behind.
 *
 * @since 0.1.0
 */
import { headerNames } from "@utdk/intercom-core/Facts"
import { gatewayHeaderNames } from "@utdk/intercom-core/GatewayProtocol"

/** Minimal read access to request headers, met by `Headers` and by Node adapters. @category models */
export interface HeaderSource {
  readonly get: (name: string) => string | null
}

/**
 * Request headers copied from the caller to Intercom (lower case). `x-intercom-retry-count` is what the SDK sends on
 * retries: without it here, a browser's preflight would refuse every retry. @category constants
 */
export const forwardedRequestHeaders: ReadonlyArray<string> = [
  "accept",
  "content-type",
  headerNames.version,
  headerNames.requestId,
  headerNames.retryCount,
]

/** Header carrying a per-visitor session key (session credentials mode). @category constants */
export const sessionHeader = gatewayHeaderNames.session

/** Response headers copied from Intercom to the caller (lower case). @category constants */
export const forwardedResponseHeaders: ReadonlyArray<string> = [
  "content-type",
  "content-encoding",
  "content-disposition",
  headerNames.requestId,
  headerNames.rateLimitLimit,
  headerNames.rateLimitRemaining,
  headerNames.rateLimitReset,
  headerNames.retryAfter,
  "link",
  "location",
]

/**
 * Header naming the gateway's own refusal (`GatewayErrorCode`), so a client tells a gateway answer from Intercom's.
 * @category constants
 */
export const gatewayErrorHeader = gatewayHeaderNames.error

/**
 * Diagnostics a local stand-in (Prism) adds: what in the request broke the spec. Forwarded only when the upstream is
 * a stand-in, so the docs' playground can show them. @category constants
 */
export const standInViolationsHeader = gatewayHeaderNames.standInViolations

/** Stand-in diagnostics that may cross the gateway (see `standInViolationsHeader`). @category constants */
export const standInResponseHeaders: ReadonlyArray<string> = [standInViolationsHeader]

// Readable by any page without being listed (the CORS-safelisted response headers the forwarded list contains).
const safelisted = new Set(["content-type"])

/**
 * Response headers a browser script may read (CORS `Access-Control-Expose-Headers`): what is forwarded, the
 * gateway's own and the stand-in's. @category constants
 */
export const exposedResponseHeaders: ReadonlyArray<string> = [
  ...forwardedResponseHeaders.filter((name) => !safelisted.has(name)),
  gatewayErrorHeader,
  ...standInResponseHeaders,
]

// Field values are visible ASCII and spaces/tabs; anything else (CR, LF, NUL, other controls) is refused rather
// than cleaned, so a value either crosses unchanged or not at all.
const safeValue = /^[\t\x20-\x7e]*$/
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/
const versionPattern = /^[A-Za-z0-9.]{1,16}$/
const retryCountPattern = /^\d{1,3}$/
const maxValueLength = 1024

/** Whether a caller's header value may be forwarded. @category predicates */
export const isSafeHeaderValue = (value: string): boolean => value.length <= maxValueLength && safeValue.test(value)

/** Header names (lower case) to values: what the gateway sends and answers with. @category models */
export type HeaderRecord = Record<string, string>

/**
 * Builds the upstream request headers: the allow-list from the caller (validated), then the gateway's own
 * `Authorization` and `User-Agent`. The caller's `Authorization` is never read.
 *
 * @category constructors
 */
export const upstreamRequestHeaders = (
  incoming: HeaderSource,
  options: {
    readonly token: string
    readonly requestId: string
    readonly userAgent: string
    /** The version to name upstream (the caller's, checked, or the gateway's default); else the caller's is copied. */
    readonly version?: string
  },
): HeaderRecord => {
  const out: HeaderRecord = {}
  for (const name of forwardedRequestHeaders) {
    // Stryker disable next-line ConditionalExpression,StringLiteral: the caller's id would be overwritten just below.
    if (name === headerNames.requestId) continue
    const value = incoming.get(name)
    if (value === null || !isSafeHeaderValue(value)) continue
    if (name === headerNames.version && !versionPattern.test(value)) continue
    if (name === headerNames.retryCount && !retryCountPattern.test(value)) continue
    out[name] = value
  }
  if (options.version !== undefined) out[headerNames.version] = options.version
  out[headerNames.requestId] = options.requestId
  // Uncompressed answers, so the gateway can scan them for its secrets (and no compression bomb reaches it).
  out["accept-encoding"] = "identity"
  out["authorization"] = `Bearer ${options.token}`
  out["user-agent"] = options.userAgent
  return out
}

/** The caller's request id when well-formed, else `undefined` (the gateway then makes one). @category parsing */
export const callerRequestId = (incoming: HeaderSource): string | undefined => {
  const value = incoming.get(headerNames.requestId)
  return value !== null && requestIdPattern.test(value) ? value : undefined
}

/**
 * Copies the allow-listed upstream response headers onto `out`. Values are re-checked so an upstream cannot inject
 * header lines either.
 *
 * @category constructors
 */
export const copyResponseHeaders = (
  upstream: HeaderSource,
  out: HeaderRecord,
  options: {
    readonly decoded: boolean
    readonly standIn: boolean
    readonly scrub?: ((value: string) => string) | undefined
  },
): HeaderRecord => {
  const scrub = options.scrub
  for (const name of forwardedResponseHeaders) {
    if (name === "content-encoding" && options.decoded) continue
    const value = upstream.get(name)
    if (value !== null && isSafeHeaderValue(value)) out[name] = scrub === undefined ? value : scrub(value)
  }
  if (options.standIn) {
    for (const name of standInResponseHeaders) {
      const value = upstream.get(name)
      if (value !== null && isSafeHeaderValue(value)) out[name] = scrub === undefined ? value : scrub(value)
    }
  }
  return out
}
