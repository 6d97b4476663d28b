/**
 * The function form of the Promise client: `request(operation, args, options)` runs one operation without a client
 * object, so a bundle holds only the operations it imports (the browser package's `request`). It runs the same
 * interpreter as the class form and rejects with the same error values.
 *
 * @since 0.1.0
 */
import type { IntercomOptions, PromiseRequestOptions } from "./ClientOptions.ts"
import type { MethodArgs } from "./IntercomClient.ts"
import type { IntercomResponse } from "./IntercomResponse.ts"
import type { Operation, ResultOf } from "./Operation.ts"
import { type ResolvedConfig, resolveOrThrow } from "./internal/config.ts"
import { fetchTransportWith } from "./internal/fetchTransport.ts"
import type { CompactOperation } from "./internal/compactOperation.ts"
import type { ChecksOf } from "./internal/operationChecks.ts"
import { runCall } from "./internal/promiseInterpreter.ts"
import type { Transport } from "./internal/transport.ts"

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
 * Each call resolves its own client options (`baseUrl`, `token`, …), so one function serves several backends; a
 * call given its own `fetch` sends with it.
 *
 * @category function form
 */
export const makeRequestFunction = (platform: {
  readonly transport: Transport
  readonly requireToken: boolean
  readonly defaults?: (() => IntercomOptions) | undefined
  /**
   * How calls check and decode: by default only the compact descriptors (`@utdk/intercom-core/compact/operations`),
   * which need no Schema; `anyChecksOf` takes descriptors with Schemas too.
   */
  readonly checksOf?: ChecksOf | undefined
}): RequestFunction => {
  const { checksOf } = platform
  // One transport per fetch function a call brings.
  const byFetch = new WeakMap<typeof globalThis.fetch, Transport>()
  const transportOf = (config: ResolvedConfig): Transport => {
    const { fetch } = config
    if (fetch === undefined) return platform.transport
    let own = byFetch.get(fetch)
    if (own === undefined) byFetch.set(fetch, own = fetchTransportWith(fetch))
    return own
  }
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
    if (
      cached !== undefined && cached.values.length === values.length && cached.values.every((v, i) => v === values[i])
    ) {
      return cached.config
    }
    const config = resolveOrThrow(options, platform.requireToken)
    resolved.set(options, { values, config })
    return config
  }
  const run = async (
    operation: Operation,
    params: unknown,
    options: RequestFunctionOptions | undefined,
    withResponse: boolean,
  ) => {
    const config = configOf(options)
    return runCall({ config, transport: transportOf(config), checksOf }, operation, params, options, withResponse)
  }
  const request =
    ((operation: Operation, params?: unknown, options?: RequestFunctionOptions) =>
      run(operation, params, options, false)) as RequestFunction
  Object.defineProperty(request, "withResponse", {
    value: (operation: Operation, params?: unknown, options?: RequestFunctionOptions) =>
      run(operation, params, options, true),
  })
  return request
}
