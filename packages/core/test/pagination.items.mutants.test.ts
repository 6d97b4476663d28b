// Which property of a page holds its items, read from the success schema (made here, for the shapes the registry
// has and some it may get), the page's own arrays when the schema does not say, and page identity for scrolls.
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { operations } from "../src/generated/registry.ts"
import { itemsKey, itemsOf, nextPage, type PageState } from "../src/internal/pagination.ts"
import type { OperationDescriptor } from "../src/Operation.ts"

const { scrollOverAllCompanies, listArticles } = operations
const withSchema = (schema: Schema.Top | undefined) =>
  ({ ...scrollOverAllCompanies, name: "made", success: { status: 200, schema } }) as unknown as OperationDescriptor
const Items = Schema.Array(Schema.String)
const state = (args: Record<string, unknown>, seen: ReadonlyArray<string> = []): PageState => ({
  args,
  seen: new Set(seen),
})

describe("itemsKey", () => {
  it("is the schema's one array-valued property, whatever its name", () => {
    expect(
      itemsKey(withSchema(Schema.Struct({ conversations: Items, total_count: Schema.Number, type: Schema.String }))),
    ).toBe("conversations")
  })

  it("is data among several arrays, and none when several arrays leave it open", () => {
    expect(itemsKey(withSchema(Schema.Struct({ data: Items, other: Items })))).toBe("data")
    expect(itemsKey(withSchema(Schema.Struct({ a: Items, b: Items })))).toBeUndefined()
    expect(itemsKey(withSchema(Schema.Struct({ total: Schema.Number })))).toBeUndefined()
    expect(itemsKey(withSchema(undefined))).toBeUndefined()
  })

  it("sees through nullable arrays, suspended schemas and unions of pages, skipping members that are not objects", () => {
    expect(itemsKey(withSchema(Schema.Struct({ tickets: Schema.NullOr(Items), total: Schema.Number })))).toBe("tickets")
    expect(itemsKey(withSchema(Schema.suspend(() => Schema.Struct({ events: Items, n: Schema.Number }))))).toBe(
      "events",
    )
    expect(itemsKey(withSchema(Schema.Struct({ lazy: Schema.suspend(() => Items), n: Schema.Number })))).toBe("lazy")
    expect(
      itemsKey(
        withSchema(
          Schema.Union([Schema.Struct({ x: Items }), Schema.Struct({ x: Items, y: Schema.Number }), Schema.String]),
        ),
      ),
    ).toBe("x")
  })
})

describe("itemsOf", () => {
  it("takes the page's only array when the schema does not say, other values aside", () => {
    const open = withSchema(undefined)
    expect(itemsOf(open, { items: [1, 2], total: 5, name: "x" })).toEqual([1, 2])
    expect(itemsOf(open, null)).toEqual([])
    expect(itemsOf(withSchema(Schema.Struct({ data: Items })), null)).toEqual([])
  })
})

describe("page identity", () => {
  it("tells pages apart by their items' ids, however the ids split", () => {
    const first = nextPage(scrollOverAllCompanies, state({}), { data: [{ id: "ab" }, { id: "c" }], scroll_param: "p" })
    if (first._tag !== "Next") throw new Error("ended on the first page")
    expect(nextPage(scrollOverAllCompanies, first.state, { data: [{ id: "a" }, { id: "bc" }], scroll_param: "p" }))
      .toMatchObject({ _tag: "Next" })
    expect(nextPage(scrollOverAllCompanies, first.state, { data: [{ id: "ab" }, { id: "c" }], scroll_param: "p" }))
      .toEqual({ _tag: "End", reason: "repeated-page" })
  })

  it("never goes back behind a page number the server reports at the top level", () => {
    const step = nextPage(listArticles, state({ page: 1 }), { data: [{ id: "a" }], page: 3, total_pages: 5 })
    expect(step).toMatchObject({ _tag: "Next", state: { args: { page: 4 } } })
  })
})
