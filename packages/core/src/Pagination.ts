/**
 * Paging through Intercom's list and search operations, driven by the descriptor's `pagination` style:
 * - `cursor`: `per_page` + `starting_after` in the query, next cursor at `pages.next.starting_after`;
 * - `searchCursor`: the same cursor in the search body's `pagination.starting_after`;
 * - `page`: `page` + `per_page`, until `total_pages`;
 * - `scroll`: `scroll_param` (`/companies/scroll`), until an empty page.
 * Iteration stops on a missing cursor, never follows a cursor twice, and does not stop on an empty page when a
 * cursor continues. Items are read from the page's one array-valued property (`data`, `conversations`, `tickets`...),
 * found in the success schema. The clients expose this as `intercom.paginate.<operation>(args)`.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { initialState, itemsOf, nextPage, type PageState } from "./internal/pagination.ts"
import type { Operation, ParamsOf, ResultOf } from "./Operation.ts"
import type { ItemOf } from "./MethodKind.ts"

export type { ItemOf } from "./PromiseApi.ts"

export {
  /** Whether an operation pages: its descriptor's `pagination` is not `none`. */
  isPaginated,
  itemsKey,
  itemsOf,
  iterateItems,
  nextPage,
  type PageEnd,
  type PageState,
  type PageStep,
} from "./internal/pagination.ts"

/**
 * The names of the operations of a record that page.
 *
 * @category type-level
 */
export type PaginatedName<Ops> = {
  [K in keyof Ops]: Ops[K] extends { readonly pagination: "none" } ? never : K
}[keyof Ops]

/**
 * The item type of a paginated operation.
 *
 * @category type-level
 */
export type ItemOfOperation<O> = ItemOf<ResultOf<O>>

/**
 * Every page, fetched with `fetchPage` as the stream is pulled.
 *
 * @category constructors
 */
export const pages = <O extends Operation, E, R>(
  operation: O,
  args: ParamsOf<O> | undefined,
  fetchPage: (args: ParamsOf<O>) => Effect.Effect<ResultOf<O>, E, R>,
): Stream.Stream<ResultOf<O>, E, R> =>
  Stream.paginate<PageState, ResultOf<O>, E, R>(
    initialState(args),
    (state) =>
      Effect.flatMap(fetchPage(state.args as ParamsOf<O>), (page) => {
        const step = nextPage(operation, state, page)
        if (step._tag === "Next") return Effect.succeed([[page], Option.some(step.state)] as const)
        const end = step.reason === "repeated-cursor" || step.reason === "repeated-page"
          ? Effect.logWarning(`intercom.paginate: ${operation.name} repeated a page (${step.reason}); stopping`)
          : Effect.void
        return Effect.as(end, [[page], Option.none<PageState>()] as const)
      }),
  )

/**
 * Every item of every page, fetched with `fetchPage` as the stream is pulled.
 *
 * @category constructors
 */
export const items = <O extends Operation, E, R>(
  operation: O,
  args: ParamsOf<O> | undefined,
  fetchPage: (args: ParamsOf<O>) => Effect.Effect<ResultOf<O>, E, R>,
): Stream.Stream<ItemOfOperation<O>, E, R> =>
  Stream.flattenIterable(
    Stream.map(
      pages(operation, args, fetchPage),
      (page) => itemsOf(operation, page) as ReadonlyArray<ItemOfOperation<O>>,
    ),
  )
