/**
 * Facts about the Intercom API that every package reads from here, and nowhere else: the `Intercom-Version` values,
 * the regional hosts, the idempotent methods, the environment variable names. Generated from the OpenAPI description
 * by `scripts/generate.ts`.
 *
 * ```ts
 * import { defaultApiVersion, regions } from "@utdk/intercom-core/Facts"
 * regions.eu // "https://api.eu.intercom.io"
 * ```
 *
 * @since 0.1.0
 */
export {
  apiVersion,
  type ApiVersion,
  apiVersions,
  defaultApiVersion,
  defaultRegion,
  envVars,
  idempotentMethods,
  previewVersion,
  type Region,
  regions,
  type TypedVersion,
  typedVersions,
} from "./generated/facts.ts"

export {
  /**
   * The HTTP header names the SDK and the gateway both speak, lower case (as wire requests and Node carry them).
   * Every package reads them from here.
   *
   * @since 0.2.0
   */
  headerNames,
} from "./internal/headerNames.ts"

/**
 * The one rule for an `Intercom-Version` value, for every package that reads one (the clients' `version` option, the
 * gateway's header): `wireVersion` is the value to send (the deprecated `Unstable` alias becomes `Preview`) or
 * `undefined`, `versionProblem` the message naming the accepted versions.
 *
 * @since 0.3.0
 */
export { deprecatedPreviewAlias, versionProblem, wireVersion } from "./internal/version.ts"
