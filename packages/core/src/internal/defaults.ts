// The default options, apart from IntercomConfig.ts so that request code can read them without pulling `Config`
// (the environment reader) into browser bundles.

/**
 * Intercom hosts a workspace in one region; its API answers on that region's host.
 *
 * @category models
 */
export type IntercomRegion = "us" | "eu" | "au"

/**
 * API base URL per region (from the spec's `servers`).
 *
 * @category constants
 */
export const regionBaseUrls: Readonly<Record<IntercomRegion, string>> = {
  us: "https://api.intercom.io",
  eu: "https://api.eu.intercom.io",
  au: "https://api.au.intercom.io",
}

/**
 * The `Intercom-Version` sent when none is configured: the version this SDK is generated from.
 *
 * @category constants
 */
export const defaultVersion = "2.16"

/**
 * Per-attempt timeout when none is configured, in milliseconds (`RetryPolicy.defaults.attemptTimeout`; the whole
 * call, retries included, is bounded by `RetryPolicy.defaults.budget`, 90 s).
 *
 * @category constants
 */
export const defaultTimeout = 30_000

/**
 * Retries after the first attempt when none are configured (retry-safe operations; 429 for all).
 *
 * @category constants
 */
export const defaultMaxRetries = 2

