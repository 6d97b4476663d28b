/**
 * The one Promise client of the platform packages (`@utdk/intercom`, `@utdk/intercom-browser`): a class whose
 * prototype gets one method per operation (from the generated names alone), each running through its instance's
 * runner. The runner loads the engine (`PromiseEngine`: the registry, the interpreter) and the transport once,
 * eagerly or with `import()` at the first call, and resolves the options once. Importing this module loads no effect.
 *
 * @since 0.1.0
 */
import type { IntercomOptions, PromiseRequestOptions } from "./ClientOptions.ts"
import type { OperationRecord } from "./IntercomClient.ts"
import { IntercomConfigError } from "./IntercomError.ts"
import { deprecatedAliasNames, paginatedOperationNames } from "./generated/names.ts"
import { methodNames, notInVersion } from "./internal/notInVersion.ts"
import type { promiseEngine } from "./PromiseEngine.ts"
import type { Transport } from "./Transport.ts"

/**
 * What a client instance runs with once loaded: the engine, the transport requests leave through, and its options
 * (read, resolved and checked at the first call, and again after invalid ones).
 *
 * @category models
 */
export interface LoadedClient {
  readonly engine: typeof promiseEngine
  /** The operations of the version the client is pinned to (the engine's, the newest version's, when absent). */
  readonly operations?: OperationRecord | undefined
  /** The version those operations are of (the newest numbered one when absent): what a missing method's error names. */
  readonly version?: string | undefined
  readonly transport: Transport
  readonly options: () => IntercomOptions
}

/**
 * Runs operations by method name for one client instance.
 *
 * @category models
 */
export interface PromiseRunner {
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
  ) => AsyncIterable<unknown>
}

/**
 * `load` run once and its promise shared, for a module imported at the first call. A failed import is not kept (the
 * next call tries again) and rejects with an `IntercomConfigError` naming `what`.
 *
 * @category constructors
 */
export const importOnce = <A>(what: string, load: () => Promise<A>): () => Promise<A> => {
  let loading: Promise<A> | undefined
  return () => (loading ??= load().catch((cause: unknown) => {
    loading = undefined
    throw new IntercomConfigError({
      message: `${what} could not be loaded (is the package installed completely?): ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    })
  }))
}

/** A loaded client whose options resolved: what each call runs with. */
interface Ready {
  readonly engine: LoadedClient["engine"]
  readonly operations: OperationRecord
  readonly version: string | undefined
  readonly context: Parameters<LoadedClient["engine"]["run"]>[0]
}

/**
 * The runner of one client instance. `load` (the engine, the transport, the options) runs at the first call, shared
 * by concurrent calls, or at once when it returns no promise; the options are resolved then (so a missing token fails
 * that call, not the import). After a failed load or invalid options, the next call tries again.
 *
 * @category constructors
 */
export const makePromiseRunner = (
  load: () => LoadedClient | Promise<LoadedClient>,
  requireToken: boolean,
): PromiseRunner => {
  let ready: Ready | undefined
  let loading: Promise<LoadedClient> | undefined
  const readyOf = (loaded: LoadedClient): Ready => (ready ??= {
    engine: loaded.engine,
    operations: loaded.operations ?? loaded.engine.operations,
    version: loaded.version,
    context: {
      config: loaded.engine.resolve(loaded.options(), requireToken),
      transport: loaded.transport,
      checksOf: loaded.engine.checksOf,
    },
  })
  const loadReady = (): Ready | Promise<Ready> => {
    if (ready !== undefined) return ready
    if (loading === undefined) {
      const given = load()
      if (!(given instanceof Promise)) return readyOf(given)
      loading = given.catch((error: unknown) => {
        loading = undefined
        throw error
      })
    }
    return loading.then(readyOf)
  }
  const runReady = (
    now: Ready,
    name: string,
    params: unknown,
    options: PromiseRequestOptions | undefined,
    withResponse: boolean,
  ) => {
    const operation = now.operations[name]
    return operation === undefined
      ? notInVersion(name, now.version).then((error) => Promise.reject(error))
      : now.engine.run(now.context, operation, params, options, withResponse)
  }
  return {
    // Not `async`: once loaded, a call is the interpreter's one promise, not one per layer.
    run: (name, params, options, withResponse) => {
      let now: Ready | Promise<Ready>
      try {
        now = loadReady()
      } catch (error) {
        return Promise.reject(error)
      }
      return now instanceof Promise
        ? now.then((loaded) => runReady(loaded, name, params, options, withResponse))
        : runReady(now, name, params, options, withResponse)
    },
    iterate: async function*(name, params, options) {
      const now = await loadReady()
      const operation = now.operations[name]
      if (operation === undefined) throw await notInVersion(name, now.version)
      yield* now.engine.iterateItems(
        operation,
        params,
        (args) => now.engine.run(now.context, operation, args, options, false),
      )
    },
  }
}

/** Which method names page, the spec's misspelt aliases included. */
const pagedNames: ReadonlySet<string> = new Set<string>([
  ...paginatedOperationNames,
  ...Object.entries(deprecatedAliasNames)
    .filter(([, name]) => (paginatedOperationNames as ReadonlyArray<string>).includes(name))
    .map(([alias]) => alias),
])

const method = (
  value: (this: any, params?: unknown, options?: PromiseRequestOptions) => unknown,
): PropertyDescriptor => ({
  configurable: true,
  writable: true,
  value,
})

/**
 * Puts one method per operation on a class prototype, plus `withResponse` (the same methods resolving to `{ data,
 * status, headers, requestId, attempts }`) and `paginate` (one async-iterable method per paging operation) getters.
 * Done once per class; `runnerOf` finds an instance's runner. The methods are every operation's (by the generated
 * names), or those of `operations` when given (a test's own record).
 *
 * @category constructors
 */
export const installPromiseMethods = <Self extends object>(
  prototype: Self,
  runnerOf: (self: Self) => PromiseRunner,
  operations?: OperationRecord,
): void => {
  const names = operations === undefined ? methodNames : Object.keys(operations)
  const paged = operations === undefined
    ? pagedNames
    : new Set(names.filter((name) => operations[name]!.pagination !== "none"))
  class WithResponse {
    constructor(readonly runner: PromiseRunner) {}
  }
  class Paginate {
    constructor(readonly runner: PromiseRunner) {}
  }
  for (const name of names) {
    Object.defineProperty(
      prototype,
      name,
      method(function(this: Self, params, options) {
        return runnerOf(this).run(name, params, options, false)
      }),
    )
    Object.defineProperty(
      WithResponse.prototype,
      name,
      method(function(this: WithResponse, params, options) {
        return this.runner.run(name, params, options, true)
      }),
    )
    if (paged.has(name)) {
      Object.defineProperty(
        Paginate.prototype,
        name,
        method(function(this: Paginate, params, options) {
          return this.runner.iterate(name, params, options)
        }),
      )
    }
  }
  const getter = <A>(make: (runner: PromiseRunner) => A): PropertyDescriptor => {
    const cache = new WeakMap<Self, A>()
    return {
      configurable: true,
      get(this: Self): A {
        let value = cache.get(this)
        if (value === undefined) {
          value = make(runnerOf(this))
          cache.set(this, value)
        }
        return value
      },
    }
  }
  Object.defineProperty(prototype, "withResponse", getter((runner) => new WithResponse(runner)))
  Object.defineProperty(prototype, "paginate", getter((runner) => new Paginate(runner)))
}
