// Paging rules next to their module (pure): the last page is fetched and nothing after it, cursors are followed
// until absent or repeated, and the Promise iteration yields every item of every page.
import { describe, expect, it } from "vitest"
import { operations } from "../src/generated/registry.ts"
import {
  initialState,
  isPaginated,
  itemsOf,
  iterateItems,
  nextPage,
  type PageState,
} from "../src/internal/pagination.ts"

const { listArticles, listContacts, searchContacts, scrollOverAllCompanies, archiveContact } = operations
const state = (args: Record<string, unknown>, seen: ReadonlyArray<string> = []): PageState => ({
  args,
  seen: new Set(seen),
})

describe("nextPage: page numbers", () => {
  it("fetches every page up to total_pages, the last one included", () => {
    const page = (n: number) => ({ type: "list", data: [{ id: `a${n}` }], pages: { page: n, total_pages: 3 } })
    expect(nextPage(listArticles, state({ per_page: 1 }), page(1))).toEqual({
      _tag: "Next",
      state: state({ per_page: 1, page: 2 }),
    })
    expect(nextPage(listArticles, state({ page: 2 }), page(2))).toEqual({ _tag: "Next", state: state({ page: 3 }) })
    expect(nextPage(listArticles, state({ page: 3 }), page(3))).toEqual({ _tag: "End", reason: "last-page" })
  })

  it("reads a top-level total_pages and page, and never goes back to an echoed stale page", () => {
    expect(nextPage(listArticles, state({ page: 1 }), { data: [1], page: 1, total_pages: 2 })).toEqual({
      _tag: "Next",
      state: state({ page: 2 }),
    })
    expect(nextPage(listArticles, state({ page: 4 }), { data: [1], pages: { page: 1, total_pages: 9 } })).toEqual({
      _tag: "Next",
      state: state({ page: 5 }),
    })
    expect(nextPage(listArticles, state({ page: 2 }), { data: [1], pages: { page: 5, total_pages: 9 } })).toEqual({
      _tag: "Next",
      state: state({ page: 6 }),
    })
    // A page argument that is not a positive integer counts as page 1.
    expect(nextPage(listArticles, state({ page: 0 }), { data: [1], pages: { total_pages: 2 } })).toEqual({
      _tag: "Next",
      state: state({ page: 2 }),
    })
    expect(nextPage(listArticles, state({ page: 1.5 }), { data: [1], pages: { page: "2", total_pages: 2 } })).toEqual({
      _tag: "Next",
      state: state({ page: 2 }),
    })
    expect(nextPage(listArticles, state({}), { data: [1], pages: { total_pages: 1 } })).toEqual({
      _tag: "End",
      reason: "last-page",
    })
  })

  it("without a total, goes on while pages.next is set and the page holds items", () => {
    expect(nextPage(listArticles, state({}), { data: [1], pages: { next: "x" } })).toEqual({
      _tag: "Next",
      state: state({ page: 2 }),
    })
    expect(nextPage(listArticles, state({}), { data: [], pages: { next: "x" } })).toEqual({
      _tag: "End",
      reason: "last-page",
    })
    expect(nextPage(listArticles, state({}), { data: [1], pages: { next: null } })).toEqual({
      _tag: "End",
      reason: "last-page",
    })
    expect(nextPage(listArticles, state({}), { data: [1], pages: {} })).toEqual({ _tag: "End", reason: "last-page" })
  })
})

describe("nextPage: cursors", () => {
  const withCursor = (cursor: unknown) => ({ data: [], pages: { next: { starting_after: cursor } } })

  it("follows starting_after in the query, even from an empty page, until there is none", () => {
    expect(nextPage(listContacts, state({ per_page: 5 }), withCursor("c1"))).toEqual({
      _tag: "Next",
      state: state({ per_page: 5, starting_after: "c1" }, ["c1"]),
    })
    expect(nextPage(listContacts, state({}), withCursor(""))).toEqual({ _tag: "End", reason: "no-cursor" })
    expect(nextPage(listContacts, state({}), withCursor(7))).toEqual({ _tag: "End", reason: "no-cursor" })
    expect(nextPage(listContacts, state({}), { data: [] })).toEqual({ _tag: "End", reason: "no-cursor" })
  })

  it("ends on a cursor it already followed, keeping the ones seen", () => {
    expect(nextPage(listContacts, state({}, ["c1"]), withCursor("c1"))).toEqual({
      _tag: "End",
      reason: "repeated-cursor",
    })
    expect(nextPage(listContacts, state({}, ["c1"]), withCursor("c2"))).toEqual({
      _tag: "Next",
      state: state({ starting_after: "c2" }, ["c1", "c2"]),
    })
  })

  it("puts a search's cursor in the body's pagination, keeping its other fields", () => {
    const args = { query: { field: "id", operator: "=", value: "1" }, pagination: { per_page: 10 } }
    expect(nextPage(searchContacts, state(args), withCursor("s1"))).toEqual({
      _tag: "Next",
      state: state({ ...args, pagination: { per_page: 10, starting_after: "s1" } }, ["s1"]),
    })
    expect(nextPage(searchContacts, state({ pagination: "bad" }), withCursor("s1"))).toEqual({
      _tag: "Next",
      state: state({ pagination: { starting_after: "s1" } }, ["s1"]),
    })
  })
})

describe("nextPage: scroll", () => {
  it("follows scroll_param, which may repeat, until an empty page", () => {
    const first = nextPage(scrollOverAllCompanies, state({}), { data: [{ id: "a" }], scroll_param: "p" })
    expect(first).toEqual({ _tag: "Next", state: state({ scroll_param: "p" }, ["page:a"]) })
    if (first._tag !== "Next") throw new Error("unreachable")
    expect(nextPage(scrollOverAllCompanies, first.state, { data: [{ id: "b" }], scroll_param: "p" })).toEqual({
      _tag: "Next",
      state: state({ scroll_param: "p" }, ["page:a", "page:b"]),
    })
    expect(nextPage(scrollOverAllCompanies, first.state, { data: [], scroll_param: "p" })).toEqual({
      _tag: "End",
      reason: "empty-page",
    })
  })

  it("ends on a page it already saw, or without a scroll_param", () => {
    expect(nextPage(scrollOverAllCompanies, state({}, ["page:a"]), { data: [{ id: "a" }], scroll_param: "p" })).toEqual(
      { _tag: "End", reason: "repeated-page" },
    )
    expect(
      nextPage(scrollOverAllCompanies, state({}, [`page:{"name":"x"}`]), { data: [{ name: "x" }], scroll_param: "p" }),
    ).toEqual({ _tag: "End", reason: "repeated-page" })
    expect(nextPage(scrollOverAllCompanies, state({}), { data: [{ id: "a" }] })).toEqual({
      _tag: "End",
      reason: "no-cursor",
    })
    expect(nextPage(scrollOverAllCompanies, state({}), { data: [{ id: "a" }], scroll_param: "" })).toEqual({
      _tag: "End",
      reason: "no-cursor",
    })
  })

  it("an operation that does not page ends at once", () => {
    expect(isPaginated(archiveContact)).toBe(false)
    expect(isPaginated(listContacts)).toBe(true)
    expect(nextPage(archiveContact, state({}), { data: [1] })).toEqual({ _tag: "End", reason: "last-page" })
  })
})

describe("itemsOf and initialState", () => {
  it("reads the schema's items array, else the page's only array", () => {
    expect(itemsOf(listArticles, { data: [1, 2], other: [3] })).toEqual([1, 2])
    expect(itemsOf(listArticles, { data: "no" })).toEqual([])
    expect(itemsOf(archiveContact, { only: [1] })).toEqual([1])
    expect(itemsOf(archiveContact, { a: [1], b: [2] })).toEqual([])
    expect(itemsOf(archiveContact, "text")).toEqual([])
  })

  it("starts from the caller's arguments, or none", () => {
    expect(initialState({ a: 1 })).toEqual(state({ a: 1 }))
    expect(initialState(undefined)).toEqual(state({}))
  })
})

describe("iterateItems", () => {
  it("yields every item of every page, the last page's too, and fetches no page more", async () => {
    const fetched: Array<unknown> = []
    const pages: Record<number, unknown> = {
      1: { data: [{ id: "1" }, { id: "2" }], pages: { page: 1, total_pages: 3 } },
      2: { data: [{ id: "3" }], pages: { page: 2, total_pages: 3 } },
      3: { data: [{ id: "4" }], pages: { page: 3, total_pages: 3 } },
    }
    const items: Array<unknown> = []
    for await (
      const item of iterateItems(listArticles, { per_page: 2 }, async (args) => {
        fetched.push(args)
        return pages[(args.page as number | undefined) ?? 1]
      })
    ) items.push(item)
    expect(items).toEqual([{ id: "1" }, { id: "2" }, { id: "3" }, { id: "4" }])
    expect(fetched).toEqual([{ per_page: 2 }, { per_page: 2, page: 2 }, { per_page: 2, page: 3 }])
  })

  it("fetches nothing more once the loop stops", async () => {
    let fetched = 0
    for await (
      const _ of iterateItems(listContacts, {}, async () => {
        fetched++
        return { data: [1, 2], pages: { next: { starting_after: `c${fetched}` } } }
      })
    ) break
    expect(fetched).toBe(1)
  })
})
