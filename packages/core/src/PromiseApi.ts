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
import type { MethodKind } from "./MethodKind.ts"
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

export type { ItemOf, MethodKind, MethodReturn } from "./MethodKind.ts"

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
export type PinnedVersion<V> = [V] extends [never] ? DefaultApiVersion
  : [V] extends [TypedVersion] ? V
  : [V] extends [typeof deprecatedPreviewAlias] ? "Preview"
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
