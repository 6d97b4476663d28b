/**
 * The operations of each typed version, for the clients pinned to it: the newest version's registry is imported
 * with the client; any other version's registry module is imported at the first request for it, once per process.
 */
import type { OperationRecord } from "../IntercomClient.ts"
import { defaultApiVersion, type TypedVersion, typedVersions } from "../generated/facts.ts"
import { olderOperations, type OlderVersion } from "./olderRegistry.ts"
import { operationsByName } from "./operationsByName.ts"
import { wireVersion } from "./version.ts"

/**
 * The version whose operations a client pinned to `version` uses: a typed version as is (`Unstable` is `Preview`),
 * the newest for none, and for a version without a description (1.0 … 2.6) the newest too, as before versions were
 * typed.
 *
 * @category engine
 */
export const typedVersionOf = (version: string | undefined): TypedVersion => {
  const wire = version === undefined ? undefined : wireVersion(version)
  return wire !== undefined && (typedVersions as ReadonlyArray<string>).includes(wire)
    ? (wire as TypedVersion)
    : (defaultApiVersion as TypedVersion)
}

/**
 * Every operation of `version` by method name (its older names included), loading that version's registry module
 * at the first request for it: a process pinned to one version loads that version's descriptors and schemas only.
 *
 * @category engine
 */
export const operationsFor = (version: string | undefined): Promise<OperationRecord> => {
  const typed = typedVersionOf(version)
  return typed === defaultApiVersion
    ? Promise.resolve(operationsByName)
    : olderOperations(typed as OlderVersion)
}
