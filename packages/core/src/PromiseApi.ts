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
import type { DefaultApiVersion, TypedVersion } from "./generated/facts.ts"
import type { IntercomMethods, IntercomPaginateMethods } from "./generated/methods.ts"
import type { MethodsByVersion, PaginateMethodsByVersion } from "./generated/versionTypes.ts"
import type { deprecatedPreviewAlias } from "./internal/version.ts"

export type { IntercomMethods, IntercomPaginateMethods } from "./generated/methods.ts"
export type { MethodsByVersion, PaginateMethodsByVersion } from "./generated/versionTypes.ts"
export type { DefaultApiVersion, TypedVersion } from "./generated/facts.ts"
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

/**
 * The typed version a client pinned to `V` (its `version` option) gets: `V` itself when the SDK has its
 * description (2.7 … 2.16, `Preview`), `Preview` for the deprecated `Unstable`, and the newest numbered version
 * otherwise (no version, or one without a description, 1.0 … 2.6): what the engine loads for it (`typedVersionOf`).
 *
 * @category type-level
 */
export type PinnedVersion<V> = [V] extends [never]
  ? DefaultApiVersion
  : [V] extends [TypedVersion]
  ? V
  : [V] extends [typeof deprecatedPreviewAlias]
    ? "Preview"
    : DefaultApiVersion

/**
 * The Promise client of one version of the API: the methods, arguments and results of version `V` (see
 * {@link PinnedVersion}); a method `V` lacks does not exist on it.
 *
 * @category models
 */
export type IntercomPromiseApiOf<V> = MethodsByVersion<PromiseKind>[PinnedVersion<V>] & {
  /** The same methods, resolving to `{ data, status, headers, requestId, attempts }`. */
  readonly withResponse: MethodsByVersion<PromiseResponseKind>[PinnedVersion<V>]
  /** `for await (const contact of intercom.paginate.listContacts(args))`: every item of every page, fetched on demand. */
  readonly paginate: PaginateMethodsByVersion<PromisePagesKind>[PinnedVersion<V>]
}
