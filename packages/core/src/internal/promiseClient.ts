import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import type { IntercomOptions, PromiseRequestOptions } from "../IntercomConfig.ts"
import type { OperationRecord } from "../IntercomClient.ts"
import type { Operation } from "../Operation.ts"
import { fromHttpClient } from "./httpClientTransport.ts"
import { isPaginated, iterateItems } from "./pagination.ts"
import { makeRunner, type PromiseRunner } from "./promiseRunner.ts"
import { makeRunOperationWith, type RunOperation } from "./runOperation.ts"
import type { Transport } from "./transport.ts"

export { makeRunOperationWith, resolveOrThrow, type RunOperation } from "./runOperation.ts"
export type { PromiseRunner } from "./promiseRunner.ts"

/**
 * How a platform package makes its Promise client: requests leave through an effect/http client layer, or through a
 * `Transport` (no per-request effect/http client work: what the Node client uses).
 */
export type PromiseRunnerOptions = {
  /** Called at the first call (and again after a failed one), so a default client can be created at import. */
  readonly options: () => IntercomOptions
  /** Server clients refuse to run without a token; browser clients talk to a gateway holding it. */
  readonly requireToken: boolean
} & (
  | { readonly httpClient: Layer.Layer<HttpClient.HttpClient>; readonly transport?: undefined }
  | { readonly transport: Transport; readonly httpClient?: undefined }
)


/**
 * Runs operations over an HTTP client layer, built at the first call in a scope that lives as long as the client
 * (like a never-disposed ManagedRuntime, without its weight in browser bundles).
 */
export const makeRunOperation = (httpClient: Layer.Layer<HttpClient.HttpClient>): RunOperation => {
  let transport: Promise<Transport> | undefined
  return makeRunOperationWith(
    () =>
      (transport ??= Effect.runPromise(
        Effect.map(Layer.buildWithScope(httpClient, Scope.makeUnsafe()), (context) =>
          fromHttpClient(Context.get(context, HttpClient.HttpClient)),
        ),
      )),
  )
}

/**
 * Makes the runner of one client instance: its configuration is resolved at the first call (so a missing token
 * fails that call, not the import) and kept once valid.
 */
export const makePromiseRunner = (runnerOptions: PromiseRunnerOptions): PromiseRunner => {
  const { transport } = runnerOptions
  return makeRunner(
    transport !== undefined ? makeRunOperationWith(() => transport) : makeRunOperation(runnerOptions.httpClient),
    runnerOptions,
  )
}

/**
 * Puts one method per operation on a class prototype, plus a `withResponse` getter with the same methods returning
 * `{ data, status, headers, requestId, attempts }`. Done once per class; `runnerOf` finds an instance's runner.
 */
export const installPromiseMethods = <Self extends object>(
  prototype: Self,
  operations: OperationRecord,
  runnerOf: (self: Self) => PromiseRunner,
): void => {
  class WithResponse {
    constructor(readonly runner: PromiseRunner) {}
  }
  for (const [name, operation] of Object.entries(operations)) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      writable: true,
      value(this: Self, params?: unknown, options?: PromiseRequestOptions) {
        return runnerOf(this).run(operation, params, options, false)
      },
    })
    Object.defineProperty(WithResponse.prototype, name, {
      configurable: true,
      writable: true,
      value(this: WithResponse, params?: unknown, options?: PromiseRequestOptions) {
        return this.runner.run(operation, params, options, true)
      },
    })
  }
  installPaginate(prototype, operations, runnerOf)
  const cache = new WeakMap<Self, WithResponse>()
  Object.defineProperty(prototype, "withResponse", {
    configurable: true,
    get(this: Self) {
      let value = cache.get(this)
      if (value === undefined) {
        value = new WithResponse(runnerOf(this))
        cache.set(this, value)
      }
      return value
    },
  })
}

/** The `paginate` getter: one async-iterable method per paginated operation, each page one `run`. */
const installPaginate = <Self extends object>(
  prototype: Self,
  operations: OperationRecord,
  runnerOf: (self: Self) => PromiseRunner,
): void => {
  class Paginate {
    constructor(readonly runner: PromiseRunner) {}
  }
  for (const [name, operation] of Object.entries(operations)) {
    if (!isPaginated(operation)) continue
    Object.defineProperty(Paginate.prototype, name, {
      configurable: true,
      writable: true,
      value(this: Paginate, params?: unknown, options?: PromiseRequestOptions) {
        return iterateItems(operation, params, (args) => this.runner.run(operation, args, options, false))
      },
    })
  }
  const cache = new WeakMap<Self, Paginate>()
  Object.defineProperty(prototype, "paginate", {
    configurable: true,
    get(this: Self) {
      let value = cache.get(this)
      if (value === undefined) {
        value = new Paginate(runnerOf(this))
        cache.set(this, value)
      }
      return value
    },
  })
}
