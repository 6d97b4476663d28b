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
} from "./generated/facts.ts"
