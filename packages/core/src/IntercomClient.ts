/**
 * The shapes of the clients, derived from the operation registry: one method per operation, named by its camelCase
 * operationId, taking one flat argument object (path, query, header and body fields together) and optional
 * per-call options. No per-operation code: adding an operation to the registry adds the method.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { PromiseRequestOptions, RequestOptions } from "./ClientOptions.ts"
import type { IntercomError } from "./IntercomError.ts"
import type { IntercomResponse } from "./IntercomResponse.ts"
import type { Operation, ParamsOf, ResultOf } from "./Operation.ts"
import type { ItemOfOperation, PaginatedName } from "./Pagination.ts"
import type { IntercomMethods, IntercomPaginateMethods } from "./generated/methods.ts"
import type { MethodKind, MethodReturn } from "./MethodKind.ts"
import type { PinnedVersion, PromiseKind, PromisePagesKind, PromiseResponseKind } from "./PromiseApi.ts"
import type { MethodsByVersion, PaginateMethodsByVersion } from "./generated/versionTypes.ts"

export type {
  IntercomMethods,
  IntercomPaginateMethods,
  IntercomPromiseApi,
  IntercomPromiseError,
  MethodKind,
  MethodReturn,
  PromiseKind,
  PromisePagesKind,
  PromiseResponseKind,
} from "./PromiseApi.ts"

/**
 * Any record of operations (the generated registry, or a subset of it).
 *
 * @category models
 */
export type OperationRecord = { readonly [name: string]: Operation<any, any> }

/**
 * Arguments of a method: optional when the operation has no required field.
 *
 * @category type-level
 */
export type MethodArgs<O, Options> = {} extends ParamsOf<O> ? [params?: ParamsOf<O>, options?: Options]
  : [params: ParamsOf<O>, options?: Options]

/**
 * An Effect method: fails with `IntercomError`, needs nothing from the context.
 *
 * @category models
 */
export type EffectMethod<O, A> = (...args: MethodArgs<O, RequestOptions>) => Effect.Effect<A, IntercomError>

/**
 * A Promise method: rejects with the same `IntercomError` values (or `IntercomConfigError` when the client cannot be
 * configured, e.g. no token), or with `IntercomAbortError` (the signal's reason as its `cause`) when aborted.
 *
 * @category models
 */
export type PromiseMethod<O, A> = (...args: MethodArgs<O, PromiseRequestOptions>) => Promise<A>

/**
 * A paging method of the Effect client: the items of every page; each page is one call (retried, rate limited).
 *
 * @category models
 */
export type EffectPaginateMethod<O> = (
  ...args: MethodArgs<O, RequestOptions>
) => Stream.Stream<ItemOfOperation<O>, IntercomError>

/**
 * A paging method of the Promise clients: an async iterable of the items of every page. Leaving the loop early
 * fetches no further page; an error (or the signal's abort) is thrown from the loop.
 *
 * @category models
 */
export type PromisePaginateMethod<O> = (
  ...args: MethodArgs<O, PromiseRequestOptions>
) => AsyncIterable<ItemOfOperation<O>>

/**
 * A client over `Ops` whose methods are of kind `K`, those of `withResponse` of kind `R` and those of `paginate` of
 * kind `P` (over the items): the Effect and Promise clients are this shape with their own kinds.
 *
 * @category type-level
 */
export type ClientOf<Ops extends OperationRecord, K extends MethodKind, R extends MethodKind, P extends MethodKind> =
  & {
    readonly [N in keyof Ops]: (...args: MethodArgs<Ops[N], K["options"]>) => MethodReturn<K, ResultOf<Ops[N]>>
  }
  & {
    readonly withResponse: {
      readonly [N in keyof Ops]: (...args: MethodArgs<Ops[N], R["options"]>) => MethodReturn<R, ResultOf<Ops[N]>>
    }
    readonly paginate: {
      readonly [N in PaginatedName<Ops>]: (
        ...args: MethodArgs<Ops[N], P["options"]>
      ) => MethodReturn<P, ItemOfOperation<Ops[N]>>
    }
  }

/**
 * The Effect client: `intercom.updateConversation(args)` is `Effect<Conversation, IntercomError>`,
 * `intercom.withResponse.updateConversation(args)` is `Effect<IntercomResponse<Conversation>, IntercomError>`, and
 * `intercom.paginate.listContacts(args)` every item of every page, as a `Stream` pulling pages on demand.
 *
 * @category models
 */
export type IntercomClient<Ops extends OperationRecord> = ClientOf<Ops, EffectKind, EffectResponseKind, EffectPagesKind>

/**
 * The Promise client: `await intercom.updateConversation(args)`, `await intercom.withResponse.updateConversation(args)`
 * for `{ data, status, headers, requestId, attempts }`, and `for await (const contact of
 * intercom.paginate.listContacts(args))` for every item of every page, fetched on demand.
 *
 * @category models
 */
export type IntercomPromiseClient<Ops extends OperationRecord> = ClientOf<
  Ops,
  PromiseKind,
  PromiseResponseKind,
  PromisePagesKind
>

/**
 * `Effect<A, IntercomError>`.
 *
 * @category type-level
 */
export interface EffectKind extends MethodKind {
  readonly return: Effect.Effect<this["A"], IntercomError>
  readonly options: RequestOptions
}

/** `Effect<IntercomResponse<A>, IntercomError>`. @category type-level */
export interface EffectResponseKind extends MethodKind {
  readonly return: Effect.Effect<IntercomResponse<this["A"]>, IntercomError>
  readonly options: RequestOptions
}

/** `Stream<A, IntercomError>` (of the items of every page). @category type-level */
export interface EffectPagesKind extends MethodKind {
  readonly return: Stream.Stream<this["A"], IntercomError>
  readonly options: RequestOptions
}

/**
 * The Effect client of the whole API, one documented method per operation (see {@link IntercomClient} for any
 * record of operations).
 *
 * @category models
 */
export interface IntercomApi extends IntercomMethods<EffectKind> {
  /** The same methods, giving `IntercomResponse<Result>` (`data`, `status`, `headers`, `requestId`, `attempts`). */
  readonly withResponse: IntercomMethods<EffectResponseKind>
  /** `intercom.paginate.listContacts(args)`: every item of every page, as a `Stream` pulling pages on demand. */
  readonly paginate: IntercomPaginateMethods<EffectPagesKind>
}

/**
 * The Effect client of one version of the API: the methods, arguments and results of version `V` (see
 * `PinnedVersion`); a method `V` lacks does not exist on it. What `Intercom.make({ version })` gives and
 * `Intercom.pinned(version)` reads from the service.
 *
 * @category models
 */
export type IntercomApiOf<V> = MethodsByVersion<EffectKind>[PinnedVersion<V>] & {
  /** The same methods, giving `IntercomResponse<Result>` (`data`, `status`, `headers`, `requestId`, `attempts`). */
  readonly withResponse: MethodsByVersion<EffectResponseKind>[PinnedVersion<V>]
  /** `intercom.paginate.listContacts(args)`: every item of every page, as a `Stream` pulling pages on demand. */
  readonly paginate: PaginateMethodsByVersion<EffectPagesKind>[PinnedVersion<V>]
}
