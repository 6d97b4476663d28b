/**
 * What a Promise client loads at its first call (with `import()`, see `LazyPromiseClient`): the registry and the
 * Promise interpreter over a `Transport`, without the Effect service, its layers or effect/http.
 *
 * @since 0.1.0
 */
import type { IntercomOptions } from "./IntercomConfig.ts"
import type { OperationRecord } from "./IntercomClient.ts"
import { defaultApiVersion, type TypedVersion, typedVersions } from "./generated/facts.ts"
import { registryLoaders, schemaKit } from "./generated/loaders.ts"
import { deprecatedAliases, operations as registry } from "./generated/registry.ts"
import { wireVersion } from "./internal/version.ts"
import { makeRunner, type PromiseRunner } from "./internal/promiseRunner.ts"
import { makeRunOperationWith } from "./internal/runOperation.ts"
import type { Transport } from "./internal/transport.ts"

export { iterateItems } from "./internal/pagination.ts"
export type { PromiseRunner } from "./internal/promiseRunner.ts"

/**
 * Every operation by method name, the spec's misspelt names included (the registry's `deprecatedAliases`).
 *
 * @category engine
 */
export const operations: OperationRecord = { ...registry, ...deprecatedAliases }

/**
 * The version whose operations a client pinned to `version` uses: a typed version as is (`Unstable` is `Preview`),
 * the newest for none, and for a version without a description (1.0 … 2.6) the newest too, as before versions were
 * typed.
 *
 * @category engine
 */
export const typedVersionOf = (version: string | undefined): TypedVersion => {
  const wire = version === undefined ? undefined : wireVersion(version)
  return wire !== undefined && (typedVersions as ReadonlyArray<string>).includes(wire) ? (wire as TypedVersion) : (defaultApiVersion as TypedVersion)
}

const loaded = new Map<TypedVersion, Promise<OperationRecord>>()

/**
 * Every operation of `version` by method name (its older names included), loading that version's registry module
 * at the first request for it: a process pinned to one version loads that version's descriptors and schemas only.
 *
 * @category engine
 */
export const operationsFor = (version: string | undefined): Promise<OperationRecord> => {
  const typed = typedVersionOf(version)
  if (typed === defaultApiVersion) return Promise.resolve(operations)
  let found = loaded.get(typed)
  if (found === undefined) {
    const load = registryLoaders[typed as keyof typeof registryLoaders]
    found = load().then((module) => {
      const built = module.default(schemaKit)
      return { ...built.operations, ...built.deprecatedAliases }
    })
    found.catch(() => loaded.delete(typed))
    loaded.set(typed, found)
  }
  return found
}

/**
 * The runner of one client instance over a `Transport`: options are read (and checked) at its first call.
 *
 * @category engine
 */
export const makeTransportRunner = (runnerOptions: {
  readonly options: () => IntercomOptions
  readonly requireToken: boolean
  readonly transport: Transport
}): PromiseRunner => {
  const { transport } = runnerOptions
  return makeRunner(
    makeRunOperationWith(() => transport),
    runnerOptions,
  )
}
