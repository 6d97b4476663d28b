import { assert, describe, it } from "@effect/vitest"
import fc from "fast-check"
import * as SearchQuery from "../src/SearchQuery.ts"
import { and, or, where } from "../src/SearchQuery.ts"

const paths = (query: unknown) => SearchQuery.issues(query).map((issue) => issue.path)

describe("SearchQuery", () => {
  it("accepts a single filter, and (1 OR 2) AND (3 OR 4)", () => {
    assert.deepStrictEqual(SearchQuery.issues(where("email", "=", "ada@example.com")), [])
    const nested = and(
      or(where("role", "=", "user"), where("role", "=", "lead")),
      or(where("created_at", ">", 1577836800), where("name", "~", "Ada")),
    )
    assert.deepStrictEqual(SearchQuery.issues(nested), [])
    assert.isTrue(SearchQuery.isSearchQuery(nested))
    assert.deepStrictEqual(nested, {
      operator: "AND",
      value: [
        {
          operator: "OR",
          value: [{ field: "role", operator: "=", value: "user" }, { field: "role", operator: "=", value: "lead" }],
        },
        {
          operator: "OR",
          value: [{ field: "created_at", operator: ">", value: 1577836800 }, {
            field: "name",
            operator: "~",
            value: "Ada",
          }],
        },
      ],
    })
  })

  it("accepts filters mixed with groups, null for 'no value', and lists for IN/NIN", () => {
    const q = and(where("email", "=", null), where("tag_id", "IN", ["1", 2]), or(where("state", "NIN", ["closed"])))
    assert.deepStrictEqual(SearchQuery.issues(q), [])
  })

  it("rejects three levels of groups, with the path of the offending group", () => {
    const tooDeep = {
      operator: "AND",
      value: [{ operator: "OR", value: [{ operator: "AND", value: [where("a", "=", 1)] }] }],
    }
    assert.deepStrictEqual(SearchQuery.issues(tooDeep), [{
      path: "query.value[0].value[0]",
      message: "groups nest at most 2 levels deep",
    }])
    // The types already refuse it:
    // @ts-expect-error an InnerGroup holds filters only
    and(or(and(where("a", "=", 1))))
  })

  it("rejects more than 15 entries in a group", () => {
    const sixteen = Array.from({ length: 16 }, (_, i) => where("id", "=", String(i)))
    assert.deepStrictEqual(paths(and(...sixteen)), ["query.value"])
    assert.deepStrictEqual(paths(and(...sixteen.slice(0, 15))), [])
    assert.deepStrictEqual(paths(and(or(...sixteen))), ["query.value[0].value"])
  })

  it("rejects values that do not fit the operator", () => {
    const cases: Array<[unknown, Array<string>]> = [
      [{ field: "created_at", operator: ">", value: "yesterday" }, ["query.value"]],
      [{ field: "name", operator: "~", value: 3 }, ["query.value"]],
      [{ field: "id", operator: "IN", value: "1" }, ["query.value"]],
      [{ field: "id", operator: "IN", value: [] }, ["query.value"]],
      [{ field: "id", operator: "NIN", value: ["1", { x: 1 }] }, ["query.value[1]"]],
      [{ field: "id", operator: "=", value: { x: 1 } }, ["query.value"]],
      [{ field: "id", operator: "=", value: Number.NaN }, ["query.value"]],
      [{ field: "id", operator: "LIKE", value: "x" }, ["query.operator"]],
      [{ field: "", operator: "=", value: "x" }, ["query.field"]],
      [{ operator: "XOR", value: [where("a", "=", 1)] }, ["query.operator"]],
      [{ operator: "AND", value: [] }, ["query.value"]],
      [{ operator: "AND", value: [42] }, ["query.value[0]"]],
      [null, ["query"]],
      [[where("a", "=", 1)], ["query"]],
    ]
    for (const [query, expected] of cases) assert.deepStrictEqual(paths(query), expected, JSON.stringify(query))
    assert.isFalse(SearchQuery.isSearchQuery({ field: "x", operator: "<", value: "1 day" }))
    // Intercom's own examples compare dates with a decimal string ("1306054154"): accepted, as the API does.
    assert.deepStrictEqual(paths({ field: "created_at", operator: ">", value: "1306054154" }), [])
  })

  it("never throws on arbitrary input, and accepts exactly what is within the limits (property)", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const found = SearchQuery.issues(value)
        assert.isArray(found)
        for (const issue of found) assert.match(issue.path, /^query/)
      }),
      { numRuns: 1000 },
    )
    const filter = fc.constantFrom<SearchQuery.Filter>(
      where("a", "=", 1),
      where("b", "IN", ["x"]),
      where("c", "~", "t"),
    )
    const inner = fc.record({
      operator: fc.constantFrom("AND" as const, "OR" as const),
      value: fc.array(filter, { minLength: 1, maxLength: 18 }),
    })
    const group = fc.record({
      operator: fc.constantFrom("AND" as const, "OR" as const),
      value: fc.array(fc.oneof(filter, inner), { minLength: 1, maxLength: 18 }),
    })
    fc.assert(
      fc.property(group, (query) => {
        const withinLimits = query.value.length <= 15 &&
          query.value.every((entry) => !("value" in entry && Array.isArray(entry.value)) || entry.value.length <= 15)
        assert.strictEqual(SearchQuery.issues(query).length === 0, withinLimits)
      }),
    )
  })
})
