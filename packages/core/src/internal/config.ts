/**
 * A client's options resolved once: defaults applied, every value checked, the token read, the policy, rate limiter
 * and log sink made. What both interpreters run with.
 */
import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import type { IntercomOptions } from "../ClientOptions.ts"
import { envVars } from "../generated/facts.ts"
import {
  defaultMaxResponseBytes,
  defaultMaxRetries,
  defaultRegion,
  defaultTimeout,
  defaultVersion,
  type IntercomRegion,
  regionBaseUrls,
} from "./defaults.ts"
import { effectSink, isLogLevel, type LogLevel, type LogSink, loggerSink, logLevels } from "./log.ts"
import { type ValidationMode, validationModes } from "./validation.ts"
import { versionProblem, wireVersion } from "./version.ts"
import { IntercomConfigError } from "../IntercomError.ts"
import * as RateLimiter from "../RateLimiter.ts"
import { isSecret } from "../Secret.ts"
import { defaults as defaultPolicy, policyOf, type RetryPolicy } from "./retryPolicy.ts"

/**
 * Options after defaults and validation: what `execute` reads. Resolved once per client, so its `rateLimiter` is
 * shared by all calls of that client.
 */
export interface ResolvedConfig {
  /** The client's policy, which a call's options may override. */
  readonly retry: RetryPolicy
  /** Shared by all calls of the client. */
  readonly rateLimiter: RateLimiter.RateLimiter
  readonly baseUrl: string
  readonly token: Redacted.Redacted<string> | undefined
  readonly version: string
  readonly timeout: number
  readonly maxRetries: number
  readonly headers: Readonly<Record<string, string>>
  readonly validateResponses: ValidationMode
  readonly validateRequests: ValidationMode
  readonly maxResponseBytes: number
  /** The client's `fetch` option, for transports that send with fetch. */
  readonly fetch: typeof globalThis.fetch | undefined
  readonly log: LogSink
  /** Validation issues already logged by this client (`operation path`): each is reported once. */
  readonly reported: Set<string>
}

/**
 * Where a client's events go: Promise clients print on their `logger` (console by default) from `warn` up; the
 * Effect API logs through Effect's logger (its minimum level decides) unless given a `logger`.
 */
export type LogTarget = "logger" | "effect"

const blankToUndefined = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === "" ? undefined : value.trim()

const isRegion = (value: string): value is IntercomRegion => Object.hasOwn(regionBaseUrls, value)

/**
 * Applies defaults and checks the options. `requireToken` is true for server clients (Node), false for browser
 * clients that talk to a gateway holding the credentials.
 */
export const resolveConfig = (
  options: IntercomOptions,
  { requireToken, logTo = "logger" }: { readonly requireToken: boolean; readonly logTo?: LogTarget | undefined },
): Result.Result<ResolvedConfig, IntercomConfigError> => {
  const rawToken = options.token
  // A `RedactedToken` is an effect `Redacted` (its type is restated by shape in ClientOptions).
  // A `Secret` (an OAuth token) is read as such; a Promise engine that inlines its own effect is given text only.
  const tokenText = isSecret(rawToken)
    ? rawToken.reveal()
    : Redacted.isRedacted(rawToken)
    ? (Redacted.value(rawToken) as string)
    : (rawToken as string | undefined)
  const token = blankToUndefined(tokenText)
  if (token === undefined && requireToken) {
    return Result.fail(
      new IntercomConfigError({
        message: `No Intercom access token: pass \`new Intercom({ token })\` or set ${envVars.token} ` +
          "(Developer Hub → your app → Authentication).",
      }),
    )
  }
  const region = blankToUndefined(options.region)
  if (region !== undefined && !isRegion(region)) {
    return Result.fail(
      new IntercomConfigError({
        message: `Unknown Intercom region "${region}": expected one of ${Object.keys(regionBaseUrls).join(", ")}.`,
      }),
    )
  }
  const baseUrlText = blankToUndefined(options.baseUrl) ?? regionBaseUrls[region ?? defaultRegion]
  let baseUrl: URL
  try {
    // Relative base URLs (a gateway on the page's own origin) resolve against the page.
    baseUrl = new URL(baseUrlText, globalThis.location?.href)
  } catch {
    return Result.fail(new IntercomConfigError({ message: `Invalid Intercom base URL "${baseUrlText}".` }))
  }
  const timeout = options.timeout ?? defaultTimeout
  if (!(timeout > 0)) {
    return Result.fail(new IntercomConfigError({ message: `Invalid timeout ${timeout}: expected milliseconds > 0.` }))
  }
  const maxRetries = options.maxRetries ?? defaultMaxRetries
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    return Result.fail(
      new IntercomConfigError({ message: `Invalid maxRetries ${maxRetries}: expected an integer >= 0.` }),
    )
  }
  let retry: RetryPolicy
  try {
    retry = policyOf({ retry: options.retry, timeout: options.timeout, maxRetries: options.maxRetries }, defaultPolicy)
  } catch (error) {
    return Result.fail(new IntercomConfigError({ message: `Invalid retry options: ${(error as Error).message}` }))
  }
  const givenVersion = blankToUndefined(options.version) ?? defaultVersion
  const version = wireVersion(givenVersion)
  if (version === undefined) {
    return Result.fail(new IntercomConfigError({ message: `${versionProblem(givenVersion)}.` }))
  }
  const validateResponses = options.validateResponses ?? "warn"
  const validateRequests = options.validateRequests ?? "warn"
  for (
    const [name, mode] of [["validateResponses", validateResponses], ["validateRequests", validateRequests]] as const
  ) {
    if (!validationModes.includes(mode)) {
      return Result.fail(
        new IntercomConfigError({
          message: `Invalid ${name} ${JSON.stringify(mode)}: expected one of ${validationModes.join(", ")}.`,
        }),
      )
    }
  }
  const logLevel: LogLevel | undefined = options.logLevel
  if (logLevel !== undefined && !isLogLevel(logLevel)) {
    return Result.fail(
      new IntercomConfigError({
        message: `Invalid logLevel ${JSON.stringify(logLevel)}: expected one of ${logLevels.join(", ")}.`,
      }),
    )
  }
  const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes
  if (!(Number.isInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    return Result.fail(
      new IntercomConfigError({ message: `Invalid maxResponseBytes ${maxResponseBytes}: expected an integer > 0.` }),
    )
  }
  const log = logTo === "effect" && options.logger === undefined
    ? effectSink(logLevel ?? "debug")
    : loggerSink(options.logger ?? console, logLevel ?? "warn")
  const rateLimit = options.rateLimit ?? true
  return Result.succeed({
    retry,
    rateLimiter: RateLimiter.makeUnsafe(typeof rateLimit === "boolean" ? { enabled: rateLimit } : rateLimit),
    baseUrl: baseUrl.href.replace(/\/+$/, ""),
    token: token === undefined ? undefined : Redacted.make(token, { label: envVars.token }),
    version,
    timeout,
    maxRetries,
    headers: options.headers ?? {},
    validateResponses,
    validateRequests,
    maxResponseBytes,
    fetch: options.fetch,
    log,
    reported: new Set(),
  })
}

/** {@link resolveConfig} for the Promise clients: the config, or throws the `IntercomConfigError`. */
export const resolveOrThrow = (options: IntercomOptions, requireToken: boolean): ResolvedConfig => {
  const resolved = resolveConfig(options, { requireToken })
  if (Result.isFailure(resolved)) throw resolved.failure
  return resolved.success
}
