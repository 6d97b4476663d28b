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
import { defaultApiVersion, type TypedVersion } from "./generated/facts.ts"
import type { OperationRecord } from "./IntercomClient.ts"
import type { OlderVersion } from "./internal/olderRegistry.ts"
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

/**
 * Every operation of `version` by method name (its older names included), with their Schemas: the version's own
 * descriptors, for what sends or checks a call in one chosen version (a docs page of 2.14, a tool). The version's
 * registry module is imported at the first call for it, once: a bundle makes it a chunk of its own, and a page of
 * one version loads no other version's.
 *
 * @category operations
 */
export const loadOperations = (version: TypedVersion): Promise<OperationRecord> =>
  version === defaultApiVersion
    ? import("./internal/operationsByName.ts").then((module) => module.operationsByName)
    : import("./internal/olderRegistry.ts").then((module) => module.olderOperations(version as OlderVersion))
