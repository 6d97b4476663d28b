/**
 * What a Promise client loads at its first call (with `import()`, see `LazyPromiseClient`): the registry and the
 * Promise interpreter over a `Transport`, without the Effect service, its layers or effect/http.
 *
 * @since 0.1.0
 */
import type { IntercomOptions } from "./IntercomConfig.ts"
import type { OperationRecord } from "./IntercomClient.ts"
import { deprecatedAliases, operations as registry } from "./generated/registry.ts"
import { makeRunner, type PromiseRunner } from "./internal/promiseRunner.ts"
import { makeRunOperationWith } from "./internal/runOperation.ts"
import { schemaChecksOf } from "./internal/schemaChecks.ts"
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
    makeRunOperationWith(() => transport, schemaChecksOf),
    runnerOptions,
  )
}
