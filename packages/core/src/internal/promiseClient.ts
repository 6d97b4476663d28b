import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import type { IntercomOptions } from "../IntercomConfig.ts"
import type { OperationRecord } from "../IntercomClient.ts"
import { fromHttpClient } from "./httpClientTransport.ts"
import { isPaginated, iterateItems } from "./pagination.ts"
import { makeRunner, type PromiseRunner } from "./promiseRunner.ts"
import { makeRunOperationWith, type RunOperation } from "./runOperation.ts"
import { schemaChecksOf } from "./schemaChecks.ts"
import type { Transport } from "./transport.ts"
import { installMethodsByName, type RunsByName } from "./promiseMethods.ts"

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
    schemaChecksOf,
  )
}

/**
 * Makes the runner of one client instance: its configuration is resolved at the first call (so a missing token
 * fails that call, not the import) and kept once valid.
 */
export const makePromiseRunner = (runnerOptions: PromiseRunnerOptions): PromiseRunner => {
  const { transport } = runnerOptions
  return makeRunner(
    transport !== undefined ? makeRunOperationWith(() => transport, schemaChecksOf) : makeRunOperation(runnerOptions.httpClient),
    runnerOptions,
  )
}

/**
 * Puts one method per operation of `operations` on a class prototype, plus the `withResponse` and `paginate`
 * getters (see `installMethodsByName`). Done once per class; `runnerOf` finds an instance's runner.
 */
export const installPromiseMethods = <Self extends object>(
  prototype: Self,
  operations: OperationRecord,
  runnerOf: (self: Self) => PromiseRunner,
): void => {
  const names = Object.keys(operations)
  const paged = new Set(names.filter((name) => isPaginated(operations[name]!)))
  // One by-name view per runner, made at its first call.
  const views = new WeakMap<PromiseRunner, RunsByName>()
  const byName = (runner: PromiseRunner): RunsByName => ({
    run: (name, params, options, withResponse) => runner.run(operations[name]!, params, options, withResponse),
    iterate: (name, params, options) => {
      const operation = operations[name]!
      return iterateItems(operation, params, (args) => runner.run(operation, args, options, false))
    },
  })
  installMethodsByName(prototype, names, paged, (self) => {
    const runner = runnerOf(self)
    let view = views.get(runner)
    if (view === undefined) views.set(runner, (view = byName(runner)))
    return view
  })
}
