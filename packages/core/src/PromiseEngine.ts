/**
 * What a Promise client runs its calls with, loaded eagerly (browser) or at its first call (Node, with `import()`):
 * every operation by method name, the options' resolution, the Promise interpreter and pagination. No Effect
 * service, layer or effect/http; a bundle of it carries the few effect modules the steps use.
 *
 * @since 0.1.0
 */
import type { OperationRecord } from "./IntercomClient.ts"
import { resolveOrThrow } from "./internal/config.ts"
import { operationsByName } from "./internal/operationsByName.ts"
import { iterateItems } from "./internal/pagination.ts"
import { runCall } from "./internal/promiseInterpreter.ts"
import { schemaChecksOf } from "./internal/schemaChecks.ts"

export { operationsFor, typedVersionOf } from "./internal/versionRegistry.ts"

/**
 * The engine.
 *
 * @category engine
 */
export const promiseEngine = {
  operations: operationsByName as OperationRecord,
  /** The options resolved into what calls run with; throws the `IntercomConfigError`. */
  resolve: resolveOrThrow,
  run: runCall,
  /** How calls check and decode: the registry's descriptors carry Schemas, so Effect's parser does it. */
  checksOf: schemaChecksOf,
  iterateItems,
}
