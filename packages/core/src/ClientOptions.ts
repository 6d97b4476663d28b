/**
 * The options of a client and of one call, as plain types: `new Intercom(options)` (Promise clients) and
 * `Intercom.layer(options)` (Effect) take the same ones. Nothing here mentions effect, so a Promise user's type-check
 * never loads effect's declarations; `IntercomConfig` adds the Effect `Config` reader.
 *
 * @since 0.1.0
 */
import type { RedactedToken, Secret } from "./Secret.ts"

export type { RedactedToken } from "./Secret.ts"
import { envVars } from "./generated/facts.ts"
import type { IntercomRegion } from "./internal/defaults.ts"
import type { IntercomVersion } from "./internal/version.ts"

export type { IntercomRegion } from "./internal/defaults.ts"
export type { IntercomVersion } from "./internal/version.ts"

/**
 * The log levels, quietest first: one list for the option's type, the environment variable's check and the filter.
 *
 * @category models
 */
export const logLevels = ["off", "error", "warn", "info", "debug"] as const

/**
 * How much the client says. `"debug"`: one line per attempt; `"info"`: retries and rate-limit waits; `"warn"`:
 * mismatches between responses and the spec; `"error"`: calls that failed after their retries.
 *
 * @category models
 */
export type LogLevel = (typeof logLevels)[number]

/**
 * Anything with console's four level methods (`console`, pino, winston, a test's recorder).
 *
 * @category models
 */
export interface Logger {
  readonly error: (message: string) => void
  readonly warn: (message: string) => void
  readonly info: (message: string) => void
  readonly debug: (message: string) => void
}

/**
 * The validation modes: `"strict"`: a mismatch fails the call; `"warn"`: sent or returned as written, reported;
 * `"off"`: not checked.
 *
 * @category constants
 */
export const validationModes = ["strict", "warn", "off"] as const

/**
 * One of {@link validationModes}.
 *
 * @category models
 */
export type ValidationMode = (typeof validationModes)[number]

/**
 * One place where a response, or a call's arguments, differ from the spec.
 *
 * @category models
 */
export interface ValidationIssue {
  /** The camelCase operation name (`getConversation`). */
  readonly operation: string
  /** `"request"` for an argument the description does not allow (sent as written); absent for the response body. */
  readonly in?: "request" | undefined
  /**
   * JSON path in the response body: `$.source.author.id`, `$.data[0].id`; for a request, the argument: `metadata.order_count`.
   */
  readonly path: string
  /** What the spec describes there: `string`, `"open" | "closed"`, `a value`. */
  readonly expected: string
  /** What came: `number 5`, `string`, `null`, `missing`, `object`, `array`, `boolean true`. */
  readonly got: string
}

/**
 * A duration: milliseconds as a number, `"5 seconds"`, `[seconds, nanos]`, `{ seconds: 5 }`, or an effect
 * `Duration` (effect's `Duration.Input`, restated by shape for the same reason as {@link RedactedToken}).
 *
 * @category models
 */
export type DurationInput =
  | number
  | bigint
  | readonly [seconds: number, nanos: number]
  | `${number} ${
    | "nano"
    | "nanos"
    | "micro"
    | "micros"
    | "milli"
    | "millis"
    | "second"
    | "seconds"
    | "minute"
    | "minutes"
    | "hour"
    | "hours"
    | "day"
    | "days"
    | "week"
    | "weeks"}`
  | "Infinity"
  | "-Infinity"
  | {
    readonly weeks?: number | undefined
    readonly days?: number | undefined
    readonly hours?: number | undefined
    readonly minutes?: number | undefined
    readonly seconds?: number | undefined
    readonly milliseconds?: number | undefined
    readonly microseconds?: number | undefined
    readonly nanoseconds?: number | undefined
  }
  | { readonly "~effect/Duration": "~effect/Duration" }

/**
 * What `RetryPolicy.make` accepts: every field optional, durations as `DurationInput` (a number is milliseconds).
 *
 * @category models
 */
export interface RetryPolicyOptions {
  readonly maxRetries?: number | undefined
  readonly initialDelay?: DurationInput | undefined
  readonly maxDelay?: DurationInput | undefined
  readonly jitter?: number | undefined
  readonly attemptTimeout?: DurationInput | undefined
  readonly budget?: DurationInput | undefined
  readonly maxServerDelay?: DurationInput | undefined
}

/** @category models */
export interface RateLimiterOptions {
  /** `false` turns the limiter off: every request is admitted at once. */
  readonly enabled?: boolean | undefined
  /** Intercom's counting window; a reported reset further away than this is clamped to it. Default 10 s. */
  readonly window?: DurationInput | undefined
}

/**
 * Options of a client. Every field is optional: the Node client falls back to the environment, the browser client
 * to a gateway that adds the credentials.
 *
 * @category models
 */
export interface IntercomOptions {
  /** Access token, sent as `Authorization: Bearer …`. Keep it `Redacted` end to end if you can. */
  readonly token?: string | RedactedToken | Secret | undefined
  /** Picks the API host (`us` default). Ignored when `baseUrl` is given. */
  readonly region?: IntercomRegion | undefined
  /** API root, e.g. a gateway (`https://example.com/intercom`) or a mock server. */
  readonly baseUrl?: string | undefined
  /**
   * `Intercom-Version` header (default: `defaultApiVersion` of `@utdk/intercom-core/Facts`): one of `apiVersions`
   * (`"Preview"` included, sent exactly so); `"Unstable"` is a deprecated alias of `"Preview"`. `INTERCOM_VERSION` and
   * each operation's `"Intercom-Version"` field take the same values; a field that disagrees with this is refused.
   * Checked before anything is sent.
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
  /**
   * What to do with an argument the description does not allow (default `"warn"`): `"warn"` sends it as written and
   * reports it (logger, and `withResponse(...).validation` with `in: "request"`); `"strict"` refuses the call with
   * `IntercomInvalidInputError` listing every problem; `"off"` sends without looking. Refused in every mode, as no
   * request can mean them: a missing or unencodable path parameter, an unknown argument (send it with `extraBody`,
   * `extraQuery` or `extraHeaders`), an `"Intercom-Version"` field other than the client's.
   */
  readonly validateRequests?: ValidationMode | undefined
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
  /** Argument validation for this call: `"strict"`, `"warn"` or `"off"` (see `IntercomOptions.validateRequests`). */
  readonly validateRequests?: ValidationMode | undefined
  /** Query parameters the spec does not list, sent as given (not validated). */
  readonly extraQuery?:
    | Readonly<Record<string, string | number | boolean | ReadonlyArray<string | number | boolean>>>
    | undefined
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

const blank = (
  value: string | undefined,
): string | undefined => (value === undefined || value.trim() === "" ? undefined : value)

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
