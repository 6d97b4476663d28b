// The default options, apart from IntercomConfig.ts so that request code can read them without pulling `Config`
// (the environment reader) into browser bundles.

export {
  /** The `Intercom-Version` sent when none is configured. */
  defaultApiVersion as defaultVersion,
  /** The region used when none is configured. */
  defaultRegion,
  /** The API host of each region. */
  regions as regionBaseUrls,
  /** Intercom hosts a workspace in one region; its API answers on that region's host. */
  type Region as IntercomRegion,
} from "../generated/facts.ts"

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

/**
 * Largest response body read when none is configured, in bytes (50 MB): far above any Intercom answer, low enough
 * that a broken proxy streaming forever cannot exhaust memory.
 *
 * @category constants
 */
export const defaultMaxResponseBytes = 50_000_000
