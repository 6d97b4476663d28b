/**
 * Which API version a request is for, and whether its operation exists there. Intercom answers in the version the
 * `Intercom-Version` header names, or, without it, in the app's default version set in its Developer Hub: the gateway
 * therefore always names one (its configured default when the caller named none), and forwards an operation only in
 * the versions whose description has it (`routes` of `@utdk/intercom-core/Versions`, generated from every
 * description). Values are read by core's one version rule (`wireVersion`: `Unstable` is sent as `Preview`).
 *
 * @since 0.3.0
 */
import { versionProblem, wireVersion } from "@utdk/intercom-core/Facts"
import { newestVersion, type Route, type TypedVersion, typedVersions } from "@utdk/intercom-core/Versions"
import type { RoutedOperation } from "./Router.ts"

/** @category models */
export type VersionDecision =
  | { readonly _tag: "Ok"; readonly version: TypedVersion }
  /** The header is not a version this gateway knows the operations of. */
  | { readonly _tag: "UnknownVersion"; readonly message: string }
  /** The operation does not exist in the version named. */
  | { readonly _tag: "NotInVersion"; readonly version: TypedVersion; readonly message: string }

/** @category models */
export interface VersionPolicy {
  /** The version sent when a request names none. */
  readonly defaultVersion: TypedVersion
  /** Every version the gateway routes, oldest first. */
  readonly versions: ReadonlyArray<TypedVersion>
  /** Decides on a request's `Intercom-Version` value (`null`: absent) for the operation it matched. */
  readonly decide: (header: string | null, operation: RoutedOperation) => VersionDecision
}

/** @category errors */
export class VersionConfigError extends Error {
  override readonly name = "VersionConfigError"
}

const plausibleVersion = /^[A-Za-z0-9.]{1,16}$/

// Parameter names change between versions (`{id}`, `{contact_id}`): an operation is its method and its template's
// literal segments.
const shapeKey = (method: string, path: string): string => `${method} ${path.replace(/\{[^{}]+\}/g, "{}")}`

/**
 * One routable entry per operation and path template of every version: the templates the gateway routes by.
 *
 * @category constructors
 */
export const routedOperations = (routes: ReadonlyArray<Route>): ReadonlyArray<RoutedOperation> =>
  routes.flatMap((route) => Object.keys(route.paths).map((path) => ({ name: route.name, method: route.method, path })))

/**
 * Makes the policy over a route table. An operation the table does not know (a caller's own descriptor) is not
 * limited to any version.
 *
 * @category constructors
 */
export const makeVersionPolicy = (
  routes: ReadonlyArray<Route>,
  defaultVersion: string = newestVersion,
): VersionPolicy => {
  const byShape = new Map<string, Route>()
  const known = new Set<string>()
  for (const route of routes) {
    for (const path of Object.keys(route.paths)) byShape.set(shapeKey(route.method, path), route)
    for (const version of route.versions) known.add(version)
  }
  const ordered = typedVersions.filter((version) => known.has(version))
  const fallback = wireVersion(defaultVersion)
  if (fallback === undefined || !known.has(fallback)) {
    throw new VersionConfigError(
      `the default Intercom-Version ${JSON.stringify(defaultVersion)} is not one the gateway routes: ${
        ordered.join(", ")
      }`,
    )
  }
  const knownList = (): string => ordered.join(", ")

  const decide = (header: string | null, operation: RoutedOperation): VersionDecision => {
    let version = fallback as TypedVersion
    if (header !== null && header !== "") {
      // A value that cannot be a version is not echoed back (it may be long or hostile).
      if (!plausibleVersion.test(header)) {
        return {
          _tag: "UnknownVersion",
          message: `The Intercom-Version header is not a version: expected one of ${knownList()}.`,
        }
      }
      const wire = wireVersion(header)
      if (wire === undefined) return { _tag: "UnknownVersion", message: `${versionProblem(header)}.` }
      if (!known.has(wire)) {
        return {
          _tag: "UnknownVersion",
          message: `This gateway does not know the operations of Intercom-Version ${
            JSON.stringify(header)
          }: it routes ${knownList()}.`,
        }
      }
      version = wire as TypedVersion
    }
    const route = byShape.get(shapeKey(operation.method, operation.path))
    if (route === undefined || route.versions.includes(version)) return { _tag: "Ok", version }
    return {
      _tag: "NotInVersion",
      version,
      message:
        `${route.name} (${route.method} ${operation.path}) does not exist in Intercom-Version ${version}; it exists in ${
          route.versions.join(", ")
        }.`,
    }
  }

  return { defaultVersion: fallback as TypedVersion, versions: ordered, decide }
}
