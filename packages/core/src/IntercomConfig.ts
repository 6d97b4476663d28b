/**
 * How a client is configured: token, region or base URL, API version, timeout and retries. The same options serve
 * `new Intercom(options)` (Promise clients) and `Intercom.layer(options)` (Effect); `config` reads them from the
 * environment (`INTERCOM_ACCESS_TOKEN`, `INTERCOM_REGION`, `INTERCOM_BASE_URL`, `INTERCOM_VERSION`).
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type { RateLimiterOptions } from "./RateLimiter.ts"
import type { RetryPolicyOptions } from "./RetryPolicy.ts"
import { envVars } from "./generated/facts.ts"
import type { Logger, LogLevel } from "./internal/log.ts"
import type { ValidationMode } from "./internal/validation.ts"
import type { IntercomVersion } from "./internal/version.ts"

export type { Logger, LogLevel } from "./internal/log.ts"
export type { ValidationIssue, ValidationMode } from "./internal/validation.ts"
export type { IntercomVersion } from "./internal/version.ts"

export {
  /** @category constants */
  defaultMaxRetries,
  /** @category constants */
  defaultMaxResponseBytes,
  /** @category constants */
  defaultTimeout,
  /** @category constants */
  defaultVersion,
  type IntercomRegion,
  /** @category constants */
  regionBaseUrls,
} from "./internal/defaults.ts"
import type { IntercomRegion } from "./internal/defaults.ts"

/**
 * Options of a client. Every field is optional: the Node client falls back to the environment, the browser client
 * to a gateway that adds the credentials.
 *
 * @category models
 */
export interface IntercomOptions {
  /** Access token, sent as `Authorization: Bearer …`. Keep it `Redacted` end to end if you can. */
  readonly token?: string | Redacted.Redacted<string> | undefined
  /** Picks the API host (`us` default). Ignored when `baseUrl` is given. */
  readonly region?: IntercomRegion | undefined
  /** API root, e.g. a gateway (`https://example.com/intercom`) or a mock server. */
  readonly baseUrl?: string | undefined
  /**
   * `Intercom-Version` header (default: `defaultApiVersion` of `@utdk/intercom-core/Facts`): one of `apiVersions`, or
   * `"Unstable"`. Checked before anything is sent.
   */
  readonly version?: IntercomVersion | undefined
  /** Per-attempt timeout in milliseconds (default 30 000). */
  readonly timeout?: number | undefined
  /** Retries after the first attempt (default 2). `0` disables retrying. */
  readonly maxRetries?: number | undefined
  /**
   * The rest of the retry policy (backoff, jitter, the call's total budget, how far `Retry-After` is believed);
   * `false` disables retrying. `timeout` and `maxRetries` win over the same fields here. See `RetryPolicy.defaults`.
   */
  readonly retry?: RetryPolicyOptions | false | undefined
  /**
   * The client-side rate limiter that waits for Intercom's window to reset instead of running into 429s
   * (`X-RateLimit-Remaining` / `X-RateLimit-Reset`). On by default; `false` turns it off.
   */
  readonly rateLimit?: boolean | RateLimiterOptions | undefined
  /** Extra headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /**
   * What to do with a 2xx body that does not match the spec (default `"warn"`): `"warn"` returns it as received and
   * reports each mismatch once per operation and JSON path (logger, and `withResponse(...).validation`); `"strict"`
   * fails with `IntercomDecodeError`; `"off"` does not check.
   */
  readonly validateResponses?: ValidationMode | undefined
  /** How much the client logs (default `"warn"`; `INTERCOM_LOG` in Node). Never a token or a body. */
  readonly logLevel?: LogLevel | undefined
  /** Where log lines go (default `console`); any object with `error`, `warn`, `info`, `debug` methods. */
  readonly logger?: Logger | undefined
  /** The `fetch` to send with (browser client, `request` function, edge runtimes); default the global one. */
  readonly fetch?: typeof globalThis.fetch | undefined
  /**
   * Largest response body read, in bytes (default 50 MB). A longer body is abandoned as it streams in (the
   * connection is closed) and the call fails with `IntercomResponseTooLargeError`.
   */
  readonly maxResponseBytes?: number | undefined
}

/**
 * Options of one call; they override the client's for that call only.
 *
 * @category models
 */
export interface RequestOptions {
  /** Per-attempt timeout in milliseconds. */
  readonly timeout?: number | undefined
  /** Retries after the first attempt. */
  readonly maxRetries?: number | undefined
  /** Retry policy fields for this call, over the client's; `false` disables retrying for this call. */
  readonly retry?: RetryPolicyOptions | false | undefined
  /** Extra headers for this call (they win over every other header but `Authorization`'s default). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** `Intercom-Version` for this call. */
  readonly version?: IntercomVersion | undefined
  /** Response validation for this call: `"strict"`, `"warn"` or `"off"`. */
  readonly validateResponses?: ValidationMode | undefined
  /** Query parameters the spec does not list, sent as given (not validated). */
  readonly extraQuery?: Readonly<Record<string, string | number | boolean | ReadonlyArray<string | number | boolean>>> | undefined
  /** Body fields the spec does not list, merged into a JSON body under their wire names (not validated). */
  readonly extraBody?: Readonly<Record<string, unknown>> | undefined
  /** Headers for this call only, e.g. ones the spec does not list (same as `headers`, applied after it). */
  readonly extraHeaders?: Readonly<Record<string, string>> | undefined
}

/**
 * Options of one Promise call: `RequestOptions` plus an `AbortSignal` that cancels the call (and its socket).
 *
 * @category models
 */
export interface PromiseRequestOptions extends RequestOptions {
  readonly signal?: AbortSignal | undefined
}

/**
 * Environment variables by name (`process.env`, or any record).
 *
 * @category config
 */
export type Environment = Readonly<Record<string, string | undefined>>

const blank = (value: string | undefined): string | undefined => (value === undefined || value.trim() === "" ? undefined : value)

/**
 * Fills the options left out from the environment ({@link envVars}: `INTERCOM_ACCESS_TOKEN`, `INTERCOM_REGION`,
 * `INTERCOM_BASE_URL`, `INTERCOM_VERSION`, `INTERCOM_LOG`); explicit options win. A host given explicitly (`region` or `baseUrl`) is
 * never mixed with one from the environment. The one reader of these variables, for the Promise and Effect clients.
 *
 * @category config
 */
export const withEnvironment = (options: IntercomOptions, env: Environment): IntercomOptions => {
  const explicitHost = options.baseUrl !== undefined || options.region !== undefined
  return {
    ...options,
    token: options.token ?? blank(env[envVars.token]),
    region: explicitHost ? options.region : (blank(env[envVars.region]) as IntercomRegion | undefined),
    baseUrl: explicitHost ? options.baseUrl : blank(env[envVars.baseUrl]),
    // Checked when the client is made: an unknown version or level fails there, naming the known ones.
    version: options.version ?? (blank(env[envVars.version]) as IntercomVersion | undefined),
    logLevel: options.logLevel ?? (blank(env[envVars.logLevel]) as LogLevel | undefined),
  }
}

const optionalString = (name: string) => Config.option(Config.String(name))

/**
 * Reads the options from `Config` (by default the environment) through {@link withEnvironment}:
 * `INTERCOM_ACCESS_TOKEN` (redacted, required), `INTERCOM_REGION` (a key of `regions`), `INTERCOM_BASE_URL`,
 * `INTERCOM_VERSION`.
 *
 * @category config
 */
export const config: Config.Config<IntercomOptions> = Config.all({
  token: Config.Redacted(envVars.token),
  region: optionalString(envVars.region),
  baseUrl: optionalString(envVars.baseUrl),
  version: optionalString(envVars.version),
  logLevel: optionalString(envVars.logLevel),
}).pipe(
  Config.map(({ token, region, baseUrl, version, logLevel }): IntercomOptions => ({
    ...withEnvironment({}, {
      [envVars.region]: Option.getOrUndefined(region),
      [envVars.baseUrl]: Option.getOrUndefined(baseUrl),
      [envVars.version]: Option.getOrUndefined(version),
      [envVars.logLevel]: Option.getOrUndefined(logLevel),
    }),
    token,
  })),
)
