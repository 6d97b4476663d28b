/**
 * How a client is configured: token, region or base URL, API version, timeout and retries. The same options serve
 * `new Intercom(options)` (Promise clients) and `Intercom.layer(options)` (Effect); `config` reads them from the
 * environment (`INTERCOM_ACCESS_TOKEN`, `INTERCOM_REGION`, `INTERCOM_BASE_URL`, `INTERCOM_VERSION`).
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Option from "effect/Option"
import { type IntercomOptions, withEnvironment } from "./ClientOptions.ts"
import { envVars } from "./generated/facts.ts"

export {
  type DurationInput,
  type Environment,
  type IntercomOptions,
  type IntercomVersion,
  type Logger,
  type LogLevel,
  type PromiseRequestOptions,
  type RedactedToken,
  type RequestOptions,
  type ValidationIssue,
  type ValidationMode,
  withEnvironment,
} from "./ClientOptions.ts"

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
