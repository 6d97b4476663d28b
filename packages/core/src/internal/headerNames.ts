/**
 * The HTTP header names the SDK and the gateway both speak, lower case (as wire requests and Node carry them).
 * Every package reads them from `Facts`, which re-exports them; they live here so that `internal/version.ts`, which
 * `Facts` re-exports too, can read them without an import cycle.
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
