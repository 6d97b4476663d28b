/**
 * The registry of a version other than the newest, built from its own module at the first request for it, once per
 * process. Apart from `versionRegistry.ts` (which also holds the newest registry) so that a bundle loading one older
 * version (a docs page of that version) carries neither the newest version's operations nor the other versions'.
 */
import type { OperationRecord } from "../IntercomClient.ts"
import { registryLoaders, schemaKit } from "../generated/loaders.ts"

/** A typed version other than the newest: one that has a registry module of its own. */
export type OlderVersion = keyof typeof registryLoaders

const loaded = new Map<OlderVersion, Promise<OperationRecord>>()

/** Every operation of `version` by method name, its older names included. */
export const olderOperations = (version: OlderVersion): Promise<OperationRecord> => {
  let found = loaded.get(version)
  if (found === undefined) {
    found = registryLoaders[version]().then((module) => {
      const built = module.default(schemaKit)
      return { ...built.operations, ...built.deprecatedAliases }
    })
    found.catch(() => loaded.delete(version))
    loaded.set(version, found)
  }
  return found
}
