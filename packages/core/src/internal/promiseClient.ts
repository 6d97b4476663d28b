import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as HttpClient from "effect/http/HttpClient"
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import * as Result from "effect/Result"
import type { IntercomOptions, PromiseRequestOptions } from "../IntercomConfig.ts"
import type { OperationRecord } from "../IntercomClient.ts"
import type { Operation } from "../Operation.ts"
import { type ResolvedConfig, resolveConfig } from "./config.ts"
import { execute } from "./execute.ts"
import { isPaginated, iterateItems } from "./pagination.ts"

/** How a platform package makes its Promise client. */
export interface PromiseRunnerOptions {
  /** Called at the first call (and again after a failed one), so a default client can be created at import. */
  readonly options: () => IntercomOptions
  /** Server clients refuse to run without a token; browser clients talk to a gateway holding it. */
  readonly requireToken: boolean
  readonly httpClient: Layer.Layer<HttpClient.HttpClient>
}

/** Runs operations for one Promise client instance. */
export interface PromiseRunner {
  readonly run: (
    operation: Operation,
    params: unknown,
    options: PromiseRequestOptions | undefined,
    withResponse: boolean,
  ) => Promise<unknown>
}

const abortReason = (signal: AbortSignal | undefined): unknown =>
  signal?.reason ?? new DOMException("The operation was aborted.", "AbortError")

/** Runs one operation as a Promise over an HTTP client layer built once (lazily) and kept for later calls. */
export type RunOperation = (
  config: ResolvedConfig,
  operation: Operation,
  params: unknown,
  options: PromiseRequestOptions | undefined,
  withResponse: boolean,
) => Promise<unknown>

/**
 * Failures reject with the error value of the Effect channel itself (not a wrapper), and an aborted `signal`
 * interrupts the program (which aborts the socket) and rejects with the signal's reason, as `fetch` does.
 */
export const makeRunOperation = (httpClient: Layer.Layer<HttpClient.HttpClient>): RunOperation => {
  // Built at the first call, in a scope that lives as long as the client (like a never-disposed ManagedRuntime,
  // without its weight in browser bundles).
  let client: Promise<HttpClient.HttpClient> | undefined
  const clientOf = () =>
    (client ??= Effect.runPromise(
      Effect.map(Layer.buildWithScope(httpClient, Scope.makeUnsafe()), Context.get(HttpClient.HttpClient)),
    ))
  return async (config, operation, params, options, withResponse) => {
    const signal = options?.signal
    if (signal?.aborted) throw abortReason(signal)
    const program = execute({ client: await clientOf(), config }, operation, params, options)
    const exit = await Effect.runPromiseExit(
      withResponse ? program : Effect.map(program, (response) => response.data),
      signal ? { signal } : undefined,
    )
    if (Exit.isSuccess(exit)) return exit.value
    if (signal?.aborted && Cause.hasInterrupts(exit.cause)) throw abortReason(signal)
    const error = Cause.findError(exit.cause)
    throw Result.isSuccess(error) ? error.success : Cause.squash(exit.cause)
  }
}

/** Resolves the options into a config, or throws the `IntercomConfigError`. */
export const resolveOrThrow = (options: IntercomOptions, requireToken: boolean): ResolvedConfig => {
  const resolved = resolveConfig(options, { requireToken })
  if (Result.isFailure(resolved)) throw resolved.failure
  return resolved.success
}

/**
 * Makes the runner of one client instance: its configuration is resolved at the first call (so a missing token
 * fails that call, not the import) and kept once valid.
 */
export const makePromiseRunner = (runnerOptions: PromiseRunnerOptions): PromiseRunner => {
  let config: ResolvedConfig | undefined
  const runOperation = makeRunOperation(runnerOptions.httpClient)
  return {
    run: async (operation, params, options, withResponse) => {
      config ??= resolveOrThrow(runnerOptions.options(), runnerOptions.requireToken)
      return runOperation(config, operation, params, options, withResponse)
    },
  }
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
