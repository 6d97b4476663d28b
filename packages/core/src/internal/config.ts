import * as Redacted from "effect/Redacted"
import * as Result from "effect/Result"
import type { IntercomOptions } from "../IntercomConfig.ts"
import { envVars } from "../generated/facts.ts"
import { defaultMaxRetries, defaultRegion, defaultTimeout, defaultVersion, type IntercomRegion, regionBaseUrls } from "./defaults.ts"
import { IntercomConfigError } from "../IntercomError.ts"
import * as RateLimiter from "../RateLimiter.ts"
import * as RetryPolicy from "../RetryPolicy.ts"
import { policyOf, type Resilience } from "./resilientSend.ts"

/**
 * Options after defaults and validation: what `execute` reads. Resolved once per client, so its `rateLimiter` is
 * shared by all calls of that client.
 */
export interface ResolvedConfig extends Resilience {
  readonly baseUrl: string
  readonly token: Redacted.Redacted<string> | undefined
  readonly version: string
  readonly timeout: number
  readonly maxRetries: number
  readonly headers: Readonly<Record<string, string>>
}

const blankToUndefined = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === "" ? undefined : value.trim()

const isRegion = (value: string): value is IntercomRegion => Object.hasOwn(regionBaseUrls, value)

/**
 * Applies defaults and checks the options. `requireToken` is true for server clients (Node), false for browser
 * clients that talk to a gateway holding the credentials.
 */
export const resolveConfig = (
  options: IntercomOptions,
  { requireToken }: { readonly requireToken: boolean },
): Result.Result<ResolvedConfig, IntercomConfigError> => {
  const rawToken = options.token
  const tokenText = Redacted.isRedacted(rawToken) ? Redacted.value(rawToken) : rawToken
  const token = blankToUndefined(tokenText)
  if (token === undefined && requireToken) {
    return Result.fail(
      new IntercomConfigError({
        message:
          `No Intercom access token: pass \`new Intercom({ token })\` or set ${envVars.token} ` +
          "(Developer Hub → your app → Authentication).",
      }),
    )
  }
  const region = blankToUndefined(options.region)
  if (region !== undefined && !isRegion(region)) {
    return Result.fail(
      new IntercomConfigError({ message: `Unknown Intercom region "${region}": expected one of ${Object.keys(regionBaseUrls).join(", ")}.` }),
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
    return Result.fail(new IntercomConfigError({ message: `Invalid maxRetries ${maxRetries}: expected an integer >= 0.` }))
  }
  let retry: RetryPolicy.RetryPolicy
  try {
    retry = policyOf({ retry: options.retry, timeout: options.timeout, maxRetries: options.maxRetries }, RetryPolicy.defaults)
  } catch (error) {
    return Result.fail(new IntercomConfigError({ message: `Invalid retry options: ${(error as Error).message}` }))
  }
  const rateLimit = options.rateLimit ?? true
  return Result.succeed({
    retry,
    rateLimiter: RateLimiter.makeUnsafe(typeof rateLimit === "boolean" ? { enabled: rateLimit } : rateLimit),
    baseUrl: baseUrl.href.replace(/\/+$/, ""),
    token: token === undefined ? undefined : Redacted.make(token, { label: envVars.token }),
    version: blankToUndefined(options.version) ?? defaultVersion,
    timeout,
    maxRetries,
    headers: options.headers ?? {},
  })
}
