/**
 * The Promise client's types: one documented method per operation (`IntercomMethods`, generated), returning a
 * `Promise` of the result, of the whole response (`withResponse`), or an async iterable of items (`paginate`).
 * Nothing here mentions effect, so a Promise user's type-check never loads effect's declarations; the Effect client's
 * types (`IntercomClient.ts`) are the same methods with other return kinds.
 *
 * @since 0.1.0
 */
import type { PromiseRequestOptions } from "./ClientOptions.ts"
import type { IntercomConfigError, IntercomError } from "./IntercomError.ts"
import type { IntercomResponse } from "./IntercomResponse.ts"
import type { IntercomMethods, IntercomPaginateMethods } from "./generated/methods.ts"

export type { IntercomMethods, IntercomPaginateMethods } from "./generated/methods.ts"
// What a Promise user names besides the client: the operations' arguments and results, the models, the options.
export type * from "./generated/operationTypes.ts"
export type * as Models from "./generated/modelTypes.ts"
export type * from "./ClientOptions.ts"
export type { IntercomResponse } from "./IntercomResponse.ts"

/**
 * What the documented methods return and take, as a type-level function of a method's result `A`: `return` reads
 * `this["A"]` (`Promise<A>`, `Effect<A, IntercomError>`, ...), `options` is the per-call options' type. The generated
 * `IntercomMethods<K>` is written once and instantiated per kind, so every client keeps the spec's docs on hover.
 *
 * @category type-level
 */
export interface MethodKind {
  readonly A: unknown
  readonly return: unknown
  readonly options: unknown
}

/**
 * The return type of a method of kind `K` whose result is `A`.
 *
 * @category type-level
 */
export type MethodReturn<K extends MethodKind, A> = (K & { readonly A: A })["return"]

/** `Promise<A>`. @category type-level */
export interface PromiseKind extends MethodKind {
  readonly return: Promise<this["A"]>
  readonly options: PromiseRequestOptions
}

/** `Promise<IntercomResponse<A>>`. @category type-level */
export interface PromiseResponseKind extends MethodKind {
  readonly return: Promise<IntercomResponse<this["A"]>>
  readonly options: PromiseRequestOptions
}

/** `AsyncIterable<A>` (of the items of every page). @category type-level */
export interface PromisePagesKind extends MethodKind {
  readonly return: AsyncIterable<this["A"]>
  readonly options: PromiseRequestOptions
}

/** The declared properties of a type, without its index signature (generated models keep unknown fields). */
type Declared<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]-?: T[K] }

/**
 * The item type of a page type: the element type of its array-valued properties. A union of page types (an answer
 * that is one object or a list of them) gives the items of each member.
 *
 * @category type-level
 */
export type ItemOf<Page> = Page extends unknown ? PageItems<NonNullable<Page>> : never

type PageItems<Page> = {
  [K in keyof Declared<Page>]: NonNullable<Declared<Page>[K]> extends ReadonlyArray<infer Item> ? Item : never
}[keyof Declared<Page>]

/**
 * What a Promise method can reject with.
 *
 * @category models
 */
export type IntercomPromiseError = IntercomError | IntercomConfigError

/**
 * The Promise client of the whole API, one documented method per operation.
 *
 * @category models
 */
export interface IntercomPromiseApi extends IntercomMethods<PromiseKind> {
  /** The same methods, resolving to `{ data, status, headers, requestId, attempts }`. */
  readonly withResponse: IntercomMethods<PromiseResponseKind>
  /** `for await (const contact of intercom.paginate.listContacts(args))`: every item of every page, fetched on demand. */
  readonly paginate: IntercomPaginateMethods<PromisePagesKind>
}
