/**
 * What a client does with a method its pinned version lacks (called from JavaScript or through a cast): both clients
 * have every version's method names, and those of other versions fail with `IntercomNotInVersionError`, naming the
 * versions that have the method from the route table of every version (`Versions`), imported only then.
 */
import { IntercomNotInVersionError } from "../IntercomError.ts"
import { deprecatedAliasNames, operationNames } from "../generated/names.ts"

/** Every method name of any version, the spec's misspelt aliases included. */
export const methodNames: ReadonlyArray<string> = [...operationNames, ...Object.keys(deprecatedAliasNames)]

/** The error for calling `name` on a client pinned to `pinned` (the newest numbered version when absent). */
export const notInVersion = async (name: string, pinned: string | undefined): Promise<IntercomNotInVersionError> => {
  let version = pinned ?? "the newest"
  let versions: ReadonlyArray<string> = []
  try {
    const { newestVersion, routes } = await import("../Versions.ts")
    version = pinned ?? newestVersion
    const route = routes.find((route) => route.name === name || Object.hasOwn(route.aliases, name))
    versions = route === undefined ? [] : route.name === name ? route.versions : route.aliases[name]!
  } catch {
    // Without the table the error still names the method and the version.
  }
  return new IntercomNotInVersionError({
    message: `intercom: ${name} does not exist in Intercom-Version ${version}, the version this client is pinned to${
      versions.length === 0 ? "" : `; it exists in ${versions.join(", ")}`
    }`,
    operation: name,
    version,
    versions,
  })
}
