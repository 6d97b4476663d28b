/**
 * The Promise client's methods on a class prototype, for both ways a client is built: eagerly from the registry
 * (browser) and lazily from the generated names (Node, `LazyPromiseClient`). One method per name, plus the
 * `withResponse` and `paginate` getters; every method calls its instance's runner by operation name.
 */
import type { PromiseRequestOptions } from "../ClientOptions.ts"

/** What the installed methods call: an operation by its method name. */
export interface RunsByName {
  readonly run: (name: string, params: unknown, options: PromiseRequestOptions | undefined, withResponse: boolean) => Promise<unknown>
  readonly iterate: (name: string, params: unknown, options: PromiseRequestOptions | undefined) => AsyncIterable<unknown>
}

const method = (value: (this: any, params?: unknown, options?: PromiseRequestOptions) => unknown): PropertyDescriptor => ({
  configurable: true,
  writable: true,
  value,
})

/**
 * Puts one method per name on `prototype`, plus `withResponse` (the same methods resolving to `{ data, status,
 * headers, requestId, attempts }`) and `paginate` (one async-iterable method per name in `paged`) getters. Done once
 * per class; `runnerOf` finds an instance's runner.
 */
export const installMethodsByName = <Self extends object>(
  prototype: Self,
  names: Iterable<string>,
  paged: ReadonlySet<string>,
  runnerOf: (self: Self) => RunsByName,
): void => {
  class WithResponse {
    constructor(readonly runner: RunsByName) {}
  }
  class Paginate {
    constructor(readonly runner: RunsByName) {}
  }
  for (const name of names) {
    Object.defineProperty(
      prototype,
      name,
      method(function (this: Self, params, options) {
        return runnerOf(this).run(name, params, options, false)
      }),
    )
    Object.defineProperty(
      WithResponse.prototype,
      name,
      method(function (this: WithResponse, params, options) {
        return this.runner.run(name, params, options, true)
      }),
    )
    if (paged.has(name)) {
      Object.defineProperty(
        Paginate.prototype,
        name,
        method(function (this: Paginate, params, options) {
          return this.runner.iterate(name, params, options)
        }),
      )
    }
  }
  const getter = <A>(make: (runner: RunsByName) => A): PropertyDescriptor => {
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
