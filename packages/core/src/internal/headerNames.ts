// The HTTP header names (public as `Facts.headerNames`), in a module of their own so that the internal modules
// `Facts` re-exports (the version rule) can read them without importing `Facts`.
/**
 * The HTTP header names the SDK and the gateway both speak, lower case (as wire requests and Node carry them).
 * Every package reads them from here.
 *
 * @since 0.2.0
 */
export const headerNames = {
  /** The API version a request names. */
  version: "intercom-version",
  /** The attempt number the SDK sends on retries (1, 2, …). */
  retryCount: "x-intercom-retry-count",
  /** Intercom's request id (the gateway sets one when Intercom did not). */
  requestId: "x-request-id",
  /** An older spelling of the request id some answers carry. */
  intercomRequestId: "x-intercom-request-id",
  retryAfter: "retry-after",
  rateLimitLimit: "x-ratelimit-limit",
  rateLimitRemaining: "x-ratelimit-remaining",
  rateLimitReset: "x-ratelimit-reset",
} as const
