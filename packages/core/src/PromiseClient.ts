/**
 * The machinery the platform packages (`@utdk/intercom`, `@utdk/intercom-browser`) build their Promise clients
 * with: a class form (one method per operation on the prototype) and a tree-shakable function form
 * (`request(operation, args, options)` imports only the operation it is given). Both run the same Effect program as
 * the `Intercom` service and reject with the same error values.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "effect/http/HttpClient"
import type * as Layer from "effect/Layer"
import type { IntercomOptions, PromiseRequestOptions } from "./IntercomConfig.ts"
import type { MethodArgs } from "./IntercomClient.ts"
import type { IntercomResponse } from "./IntercomResponse.ts"
import type { Operation, ResultOf } from "./Operation.ts"
import { fetchTransportWith } from "./internal/fetchTransport.ts"
import { makeRunOperation } from "./internal/promiseClient.ts"
import { makeRunOperationWith, resolveOrThrow, type RunOperation } from "./internal/runOperation.ts"
import type { ResolvedConfig } from "./internal/config.ts"
import type { Transport } from "./internal/transport.ts"
import type { ChecksOf } from "./internal/operationChecks.ts"
import type { CompactOperation } from "./internal/compactOperation.ts"
import { anyChecksOf } from "./internal/schemaChecks.ts"

export {
  /**
   * The `checksOf` of a platform that takes descriptors with Schemas too (checked by Effect's parser), and compact
   * ones by their own checks.
   *
   * @category function form
   */
  anyChecksOf,
} from "./internal/schemaChecks.ts"
export type { ChecksOf } from "./internal/operationChecks.ts"
export type { CompactOperation } from "./internal/compactOperation.ts"

export {
  /** @category class form */
  installPromiseMethods,
  /** @category class form */
  makePromiseRunner,
  type PromiseRunner,
  type PromiseRunnerOptions,
} from "./internal/promiseClient.ts"

/**
 * Options of the function form: the client's options and the call's, together.
 *
 * @category function form
 */
export interface RequestFunctionOptions extends IntercomOptions, PromiseRequestOptions {}

/**
 * `request(operation, args?, options?)`: runs one operation without a client object. `Accepts` is the kind of
 * descriptor it takes (a page's takes only the compact ones).
 *
 * @category function form
 */
export interface RequestFunction<Accepts = Operation<any, any> | CompactOperation<any, any>> {
  <O extends Accepts>(operation: O, ...args: MethodArgs<O, RequestFunctionOptions>): Promise<ResultOf<O>>
  /** The same call, resolving to `{ data, status, headers, requestId, attempts }`. */
  readonly withResponse: <O extends Accepts>(
    operation: O,
    ...args: MethodArgs<O, RequestFunctionOptions>
  ) => Promise<IntercomResponse<ResultOf<O>>>
}

/**
 * Makes a platform's `request` function over a `Transport` (`Transport.fetch` keeps effect/http out of the bundle).
 * Each call resolves its own client options (`baseUrl`, `token`, …), so one function serves several backends.
 *
 * @category function form
 */
export const makeTransportRequestFunction = (platform: {
  readonly transport: Transport
  readonly requireToken: boolean
  readonly defaults?: (() => IntercomOptions) | undefined
  /**
   * How calls check and decode: by default only the compact descriptors (`generated/compact/operations`), which
   * need no Schema; `anyChecksOf` (`internal/schemaChecks.ts`) takes descriptors with Schemas too.
   */
  readonly checksOf?: ChecksOf | undefined
}): RequestFunction => {
  const { transport, checksOf } = platform
  const runOperation = makeRunOperationWith(() => transport, checksOf)
  // A call given its own `fetch` sends with it (one transport per fetch function).
  const byFetch = new WeakMap<typeof globalThis.fetch, RunOperation>()
  return requestFunction((config, operation, params, options, withResponse) => {
    const { fetch } = config
    if (fetch === undefined) return runOperation(config, operation, params, options, withResponse)
    let run = byFetch.get(fetch)
    if (run === undefined) {
      const own = fetchTransportWith(fetch)
      run = makeRunOperationWith(() => own, checksOf)
      byFetch.set(fetch, run)
    }
    return run(config, operation, params, options, withResponse)
  }, platform)
}

/**
 * Makes a platform's `request` function over an `HttpClient` layer (built at the first call, shared by all calls),
 * or over a `Transport`.
 *
 * @category function form
 */
export const makeRequestFunction = (
  platform: (
    | { readonly transport: Transport; readonly httpClient?: undefined }
    | { readonly httpClient: Layer.Layer<HttpClient.HttpClient>; readonly transport?: undefined }
  ) & {
    readonly requireToken: boolean
    readonly defaults?: (() => IntercomOptions) | undefined
  },
): RequestFunction =>
  platform.transport !== undefined
    ? makeTransportRequestFunction({ ...platform, transport: platform.transport, checksOf: anyChecksOf })
    : requestFunction(makeRunOperation(platform.httpClient), platform)

const requestFunction = (
  runOperation: RunOperation,
  platform: { readonly requireToken: boolean; readonly defaults?: (() => IntercomOptions) | undefined },
): RequestFunction => {
  // Calls passing the same options object (unchanged) share one resolved config, so resolving (and the rate limiter's
  // state) is not redone per call; any change to the object resolves again.
  const resolved = new WeakMap<object, { readonly values: ReadonlyArray<unknown>; readonly config: ResolvedConfig }>()
  const configOf = (options: RequestFunctionOptions | undefined): ResolvedConfig => {
    if (platform.defaults !== undefined || options === undefined) {
      return resolveOrThrow({ ...platform.defaults?.(), ...options }, platform.requireToken)
    }
    const values: Array<unknown> = []
    for (const key in options) values.push(key, options[key as keyof RequestFunctionOptions])
    const cached = resolved.get(options)
    if (cached !== undefined && cached.values.length === values.length && cached.values.every((v, i) => v === values[i])) {
      return cached.config
    }
    const config = resolveOrThrow(options, platform.requireToken)
    resolved.set(options, { values, config })
    return config
  }
  const run = async (operation: Operation, params: unknown, options: RequestFunctionOptions | undefined, withResponse: boolean) =>
    runOperation(configOf(options), operation, params, options, withResponse)
  const request = ((operation: Operation, params?: unknown, options?: RequestFunctionOptions) =>
    run(operation, params, options, false)) as RequestFunction
  Object.defineProperty(request, "withResponse", {
    value: (operation: Operation, params?: unknown, options?: RequestFunctionOptions) => run(operation, params, options, true),
  })
  return request
}
