/**
 * Every Intercom API version this package has types for, and every operation of each: the route table the gateway
 * checks a request against and the docs build their version menu from. Generated from the descriptions (2.7 …
 * 2.16 and Preview), as data without prose.
 *
 * ```ts
 * import { routes, typedVersions, newestVersion } from "@utdk/intercom-core/Versions"
 * routes.find((r) => r.name === "listCustomObjectInstances")?.versions // ["2.16", "Preview"]
 * ```
 *
 * @since 0.3.0
 */
import type { Route } from "./internal/route.ts"

export { defaultApiVersion as newestVersion, type TypedVersion, typedVersions } from "./generated/facts.ts"
export { routes } from "./generated/routes.ts"
export type { Route } from "./internal/route.ts"

/**
 * The path template of `route` in `version`, or `undefined` when the version lacks the operation.
 *
 * @category routes
 */
export const pathIn = (route: Route, version: string): string | undefined => {
  for (const [path, versions] of Object.entries(route.paths)) {
    if ((versions as ReadonlyArray<string>).includes(version)) return path
  }
  return undefined
}
