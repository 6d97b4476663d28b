/**
 * Paging rules shared by the Effect `Stream`s and the Promise clients' async iterables: where a page keeps its items,
 * and which arguments fetch the next page. Pure: no I/O, no `Stream` (so the browser bundle does not pay for it).
 */
import * as Predicate from "effect/Predicate"
import * as AST from "effect/SchemaAST"
import type { OperationDescriptor } from "../Operation.ts"

/** Whether an operation pages: the generator decided (`pagination` in its descriptor). */
export const isPaginated = (operation: OperationDescriptor): boolean => operation.pagination !== "none"

/** Where the iteration is: the arguments of the next page, and the cursors already followed. */
export interface PageState {
  readonly args: Readonly<Record<string, unknown>>
  readonly seen: ReadonlySet<string>
}

/** Why an iteration ended (for logs and tests). */
export type PageEnd = "no-cursor" | "repeated-cursor" | "repeated-page" | "last-page" | "empty-page"

export type PageStep =
  | { readonly _tag: "Next"; readonly state: PageState }
  | { readonly _tag: "End"; readonly reason: PageEnd }

const unwrap = (ast: AST.AST, depth = 0): ReadonlyArray<AST.AST> => {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a guard against cyclic suspends; no page nests 16 deep.
  if (depth > 16) return []
  if (AST.isSuspend(ast)) return unwrap(ast.thunk(), depth + 1)
  // Stryker disable next-line ArithmeticOperator: the depth guard only stops cyclic schemas, which no page has.
  if (AST.isUnion(ast)) return ast.types.flatMap((member) => unwrap(member, depth + 1))
  return [ast]
}

const arrayKeys = (ast: AST.AST): ReadonlyArray<string> => {
  const keys = new Set<string>()
  for (const node of unwrap(ast)) {
    if (!AST.isObjects(node)) continue
    for (const property of node.propertySignatures) {
      if (Predicate.isString(property.name) && unwrap(property.type).some(AST.isArrays)) keys.add(property.name)
    }
  }
  return [...keys]
}

const itemsKeys = new WeakMap<OperationDescriptor, string | undefined>()

/**
 * The property of a page that holds its items (`data`, `conversations`, `tickets`, `events`...), read from the
 * success schema: its one array-valued property. `undefined` when the schema does not say (no schema, or several
 * arrays); {@link itemsOf} then looks at the page itself.
 */
export const itemsKey = (operation: OperationDescriptor): string | undefined => {
  // Stryker disable next-line ConditionalExpression: a cache; reading the schema again gives the same key.
  if (itemsKeys.has(operation)) return itemsKeys.get(operation)
  const schema = operation.success.schema
  const keys = schema === undefined ? [] : arrayKeys(schema.ast)
  const key = keys.length === 1 ? keys[0] : keys.includes("data") ? "data" : undefined
  // Stryker disable next-line CallExpression: a cache; reading the schema again gives the same key.
  itemsKeys.set(operation, key)
  return key
}

/** The items of one page: the schema's items property, else the page's only array-valued property, else none. */
export const itemsOf = (operation: OperationDescriptor, page: unknown): ReadonlyArray<unknown> => {
  if (!Predicate.isObject(page)) return []
  const record = page as Record<string, unknown>
  const key = itemsKey(operation)
  if (key !== undefined) return Array.isArray(record[key]) ? record[key] : []
  const arrays = Object.values(record).filter(Array.isArray)
  return arrays.length === 1 ? arrays[0]! : []
}

const field = (value: unknown, ...path: ReadonlyArray<string>): unknown => {
  let current = value
  for (const key of path) {
    if (!Predicate.isObject(current)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

const nonEmptyString = (value: unknown): value is string => Predicate.isString(value) && value !== ""
const positiveInt = (value: unknown): value is number =>
  Predicate.isNumber(value) && Number.isInteger(value) && value > 0

/** Identifies a page by its items' ids (or contents, for items without one). */
const pageFingerprint = (items: ReadonlyArray<unknown>): string =>
  `page:${
    items.map((item) => {
      const id = field(item, "id")
      return Predicate.isString(id) ? id : JSON.stringify(item)
    }).join(",")
  }`

/** The first page's state. */
export const initialState = (args: unknown): PageState => ({
  args: Predicate.isObject(args) ? (args as Record<string, unknown>) : {},
  seen: new Set(),
})

const followCursor = (
  state: PageState,
  cursor: unknown,
  withCursor: (cursor: string) => Record<string, unknown>,
): PageStep => {
  if (!nonEmptyString(cursor)) return { _tag: "End", reason: "no-cursor" }
  // A server that hands back a cursor it already gave would make us loop for ever.
  if (state.seen.has(cursor)) return { _tag: "End", reason: "repeated-cursor" }
  return { _tag: "Next", state: { args: withCursor(cursor), seen: new Set([...state.seen, cursor]) } }
}

/**
 * What to fetch after `page`, which was fetched with `state.args`.
 * - `cursor` / `searchCursor`: follow `pages.next.starting_after` (in the query / in the body's `pagination`), whatever
 *   the page held: an empty page with a cursor is not the end.
 * - `page`: the next page number while below `total_pages` (in `pages` or at the top level); without a total, while
 *   `pages.next` is set and the page is not empty.
 * - `scroll`: the returned `scroll_param` until a page comes back empty (the `scroll_param` may stay the same for the
 *   whole scroll, so a repeated value is fine; a page with the same items as an earlier one ends the scroll).
 */
export const nextPage = (operation: OperationDescriptor, state: PageState, page: unknown): PageStep => {
  const { args } = state
  switch (operation.pagination) {
    case "none":
      return { _tag: "End", reason: "last-page" }
    case "cursor":
      return followCursor(
        state,
        field(page, "pages", "next", "starting_after"),
        (cursor) => ({ ...args, starting_after: cursor }),
      )
    case "searchCursor":
      return followCursor(state, field(page, "pages", "next", "starting_after"), (cursor) => ({
        ...args,
        pagination: { ...(Predicate.isObject(args.pagination) ? args.pagination : {}), starting_after: cursor },
      }))
    case "page": {
      const requested = positiveInt(args.page) ? args.page : 1
      const reported = [field(page, "pages", "page"), field(page, "page")].find(positiveInt)
      // Never go back: a server echoing a stale page number must not make us fetch the same page again.
      const current = Math.max(requested, reported ?? requested)
      const total = [field(page, "pages", "total_pages"), field(page, "total_pages")].find(Predicate.isNumber)
      const more = total !== undefined
        ? current < total
        : field(page, "pages", "next") != null && itemsOf(operation, page).length > 0
      return more
        ? { _tag: "Next", state: { args: { ...args, page: current + 1 }, seen: state.seen } }
        : { _tag: "End", reason: "last-page" }
    }
    case "scroll": {
      const items = itemsOf(operation, page)
      if (items.length === 0) return { _tag: "End", reason: "empty-page" }
      const param = field(page, "scroll_param")
      if (!nonEmptyString(param)) return { _tag: "End", reason: "no-cursor" }
      // The scroll_param may repeat, but a scroll never returns the same items twice: if it does, it is stuck.
      const fingerprint = pageFingerprint(items)
      if (state.seen.has(fingerprint)) return { _tag: "End", reason: "repeated-page" }
      return {
        _tag: "Next",
        state: { args: { ...args, scroll_param: param }, seen: new Set([...state.seen, fingerprint]) },
      }
    }
  }
}

/**
 * The items of every page, fetched one page at a time as the consumer pulls (the Promise clients' iteration).
 * Stopping the loop early (`break`) fetches nothing more.
 */
export async function* iterateItems(
  operation: OperationDescriptor,
  args: unknown,
  fetchPage: (args: Readonly<Record<string, unknown>>) => Promise<unknown>,
): AsyncGenerator<unknown, void, undefined> {
  let state = initialState(args)
  while (true) {
    const page = await fetchPage(state.args)
    yield* itemsOf(operation, page)
    const step = nextPage(operation, state, page)
    if (step._tag === "End") return
    state = step.state
  }
}
