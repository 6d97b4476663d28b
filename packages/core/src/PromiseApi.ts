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
import type { MethodKind } from "./MethodKind.ts"

export type { IntercomMethods, IntercomPaginateMethods } from "./generated/methods.ts"
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
