/**
 * The light half of a platform's Promise client: one method per operation on a class prototype, put there from the
 * generated names alone, and a runner that imports the engine (`PromiseEngine`: the registry, its schemas, the
 * interpreter, and the platform's transport) at the first call. Importing the client loads almost nothing; concurrent
 * first calls share one load, and an engine that cannot be loaded rejects the calls with `IntercomConfigError`.
 *
 * @since 0.1.0
 */
import type { PromiseRequestOptions } from "./ClientOptions.ts"
import type { OperationRecord } from "./IntercomClient.ts"
import { IntercomConfigError } from "./IntercomError.ts"
import { deprecatedAliasNames, operationNames, paginatedOperationNames } from "./generated/names.ts"
import { installMethodsByName } from "./internal/promiseMethods.ts"
import type { iterateItems, PromiseRunner } from "./PromiseEngine.ts"

/**
 * What one client instance needs once its engine is loaded.
 *
 * @category models
 */
export interface LoadedEngine {
  readonly operations: OperationRecord
  readonly runner: PromiseRunner
  readonly iterateItems: typeof iterateItems
}

/**
 * Runs operations by name for one client instance, loading its engine at the first call.
 *
 * @category models
 */
export interface LazyRunner {
  readonly run: (
    name: string,
    params: unknown,
    options: PromiseRequestOptions | undefined,
    withResponse: boolean,
  ) => Promise<unknown>
  readonly iterate: (
    name: string,
    params: unknown,
    options: PromiseRequestOptions | undefined,
  ) => AsyncGenerator<unknown, void, undefined>
}

/**
 * `load` run once and its promise shared, for a module imported at the first call. A failed import is not kept (the
 * next call tries again) and rejects with an `IntercomConfigError` naming `what`.
 *
 * @category constructors
 */
export const importOnce = <A>(what: string, load: () => Promise<A>): (() => Promise<A>) => {
  let loading: Promise<A> | undefined
  return () =>
    (loading ??= load().catch((cause: unknown) => {
      loading = undefined
      throw new IntercomConfigError({
        message: `${what} could not be loaded (is the package installed completely?): ${cause instanceof Error ? cause.message : String(cause)}`,
      })
    }))
}

/**
 * The runner of one client instance: `load` (the engine, then this instance's runner) runs at its first call, shared
 * by concurrent calls; after a failed load the next call loads again.
 *
 * @category constructors
 */
export const makeLazyRunner = (load: () => Promise<LoadedEngine>): LazyRunner => {
  let ready: LoadedEngine | undefined
  let loading: Promise<LoadedEngine> | undefined
  const loaded = (): Promise<LoadedEngine> =>
    (loading ??= load().then(
      (engine) => (ready = engine),
      (error: unknown) => {
        loading = undefined
        throw error
      },
    ))
  const operationOf = (engine: LoadedEngine, name: string) => {
    const operation = engine.operations[name]
    if (operation === undefined) throw new TypeError(`intercom: no operation named ${name}`)
    return operation
  }
  return {
    run: (name, params, options, withResponse) => {
      // Once loaded, a call is the interpreter's one promise, as in an eagerly built client.
      if (ready !== undefined) return ready.runner.run(operationOf(ready, name), params, options, withResponse)
      return loaded().then((engine) => engine.runner.run(operationOf(engine, name), params, options, withResponse))
    },
    iterate: async function* (name, params, options) {
      const engine = ready ?? (await loaded())
      const operation = operationOf(engine, name)
      yield* engine.iterateItems(operation, params, (args) => engine.runner.run(operation, args, options, false))
    },
  }
}

/** Every method name, the spec's misspelt aliases included, and which of them page. */
const methodNames: ReadonlyArray<string> = [...operationNames, ...Object.keys(deprecatedAliasNames)]
const pagedNames: ReadonlySet<string> = new Set<string>([
  ...paginatedOperationNames,
  ...Object.entries(deprecatedAliasNames)
    .filter(([, name]) => (paginatedOperationNames as ReadonlyArray<string>).includes(name))
    .map(([alias]) => alias),
])

/**
 * Puts one method per operation on a class prototype, plus `withResponse` (the same methods resolving to `{ data,
 * status, headers, requestId, attempts }`) and `paginate` (one async-iterable method per paging operation) getters.
 * Done once per class; `runnerOf` finds an instance's runner.
 *
 * @category constructors
 */
export const installLazyPromiseMethods = <Self extends object>(prototype: Self, runnerOf: (self: Self) => LazyRunner): void =>
  installMethodsByName(prototype, methodNames, pagedNames, runnerOf)
