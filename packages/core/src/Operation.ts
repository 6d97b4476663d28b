/**
 * The shape of one Intercom API operation, as the generator emits it into `src/generated/`.
 * Everything downstream (clients, retry policy, pagination, the gateway's allow-list, the docs) reads these values.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"

/** @category models */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/** @category models */
export type ParameterLocation = "path" | "query" | "header"

/**
 * How a list operation pages through results.
 * - `cursor`: `per_page` + `starting_after` in the query, next cursor at `pages.next.starting_after`.
 * - `searchCursor`: `pagination.starting_after` in a search body, next cursor at `pages.next.starting_after`.
 * - `page`: `page` + `per_page` in the query, stops at `pages.total_pages`.
 * - `scroll`: `scroll_param` in the query, next from the response's `scroll_param`.
 *
 * @category models
 */
export type PaginationStyle = "none" | "cursor" | "searchCursor" | "page" | "scroll"

/** @category models */
export interface ParameterDescriptor {
  /** Name on the wire (`conversation_id`, `Intercom-Version`). */
  readonly name: string
  /** Key in the flat argument object; equals `name` for path, query and header parameters. */
  readonly key: string
  readonly in: ParameterLocation
  readonly required: boolean
  readonly schema: Schema.Top
  /** Wire encoding of arrays/objects in the query: `form` (a=1&a=2) or `deepObject` (a[b]=1). */
  readonly style?: "form" | "deepObject"
  readonly summary?: string
}

/** @category models */
export interface BodyDescriptor {
  readonly contentType: "application/json" | "multipart/form-data" | "application/x-www-form-urlencoded"
  readonly required: boolean
  /** Schema of the whole body as sent. */
  readonly schema: Schema.Top
  /**
   * `true` when the body is an object whose properties are spread into the flat argument object; `false` when the
   * body is passed as a whole under the `body` key (arrays, scalars).
   */
  readonly flat: boolean
  /**
   * Body properties whose flat key differs from their wire name because a path, query or header parameter already
   * uses that name: flat key → wire name (e.g. `{ body_id: "id" }`). The same rule applies to every operation.
   */
  readonly renamed: Readonly<Record<string, string>>
}

/** @category models */
export interface ResponseDescriptor {
  readonly status: number
  /** `undefined` for responses without a JSON body (204 and friends). */
  readonly schema: Schema.Top | undefined
}

/** @category models */
export interface OperationDescriptor<out Pagination extends PaginationStyle = PaginationStyle> {
  /** camelCase operationId: the method name on the clients (`updateConversation`). */
  readonly name: string
  /** The spec's operationId (or the stable one given by the overrides file). */
  readonly operationId: string
  readonly method: HttpMethod
  /** Path template with `{param}` placeholders, as in the spec. */
  readonly path: string
  readonly summary: string
  readonly tags: ReadonlyArray<string>
  readonly deprecated: boolean
  readonly parameters: ReadonlyArray<ParameterDescriptor>
  readonly body: BodyDescriptor | undefined
  readonly success: ResponseDescriptor
  /** Declared error statuses (after overrides), ascending. */
  readonly errorStatuses: ReadonlyArray<number>
  /** Decided by the generator (the overrides file has the last word); nothing guesses at run time. */
  readonly pagination: Pagination
  /** Retrying cannot duplicate an effect: idempotent method, or marked safe by the overrides file. */
  readonly retrySafe: boolean
  /** The body's `query` is Intercom's search language, checked against its rules before sending. */
  readonly searchQuery: boolean
  /** The `Accept` header: `application/json` for JSON answers, `*\/*` for the rest (text, redirects, no body). */
  readonly accept: string
}

/**
 * A descriptor that also carries, at the type level only, the flat argument object it takes and the decoded result
 * it gives, and its paging style as a literal type. Generated operations are `Operation<Params, Result, "cursor">`
 * (or `"none"`...); clients derive their method types, and which operations have `paginate.*`, from these.
 *
 * @category models
 */
export interface Operation<
  out Params = unknown,
  out Result = unknown,
  out Pagination extends PaginationStyle = PaginationStyle,
> extends OperationDescriptor<Pagination> {
  readonly "~types"?: { readonly params: Params; readonly result: Result } | undefined
}

/**
 * The argument object of an operation (a descriptor with Schemas, or its compact form).
 *
 * @category type-level
 */
export type ParamsOf<O> = O extends { readonly "~types"?: { readonly params: infer P } | undefined } ? P : never

/** @category type-level */
export type ResultOf<O> = O extends { readonly "~types"?: { readonly result: infer R } | undefined } ? R : never

/**
 * The operations that page: `paginate.<name>` exists exactly for these.
 *
 * @category type-level
 */
export type Paginated = Operation<any, any, Exclude<PaginationStyle, "none">>
