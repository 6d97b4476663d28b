// The fast validator must agree with Effect's decoder: whenever it says `true`, decoding succeeds and (with unknown
// fields kept) gives the input back. Checked on hand-made schemas, on every example response of the spec, and on
// random mutations of those examples.
import SwaggerParser from "@apidevtools/swagger-parser"
import { specPath } from "@utdk/intercom-testing/spec"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as SchemaParser from "effect/SchemaParser"
import fc from "fast-check"
import { beforeAll, describe, expect, it } from "vitest"
import { examplesOf, mutateAt, type SpecOperation, valuePaths } from "./support/specExamples.ts"
import { operationList } from "../src/generated/registry.ts"
import { fastValidatorFor } from "../src/internal/fastValidator.ts"
import { keepUnknownFields } from "../src/internal/keepUnknownFields.ts"

const effectDecode = (schema: Schema.Top, input: unknown): Result.Result<unknown, unknown> =>
  SchemaParser.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>)(input)

const effectEncode = (schema: Schema.Top, input: unknown): Result.Result<unknown, unknown> =>
  SchemaParser.encodeUnknownResult(schema as Schema.Codec<unknown, unknown>, { errors: "all" })(input)

/** Asserts the contract on one input (responses are decoded, request bodies encoded); returns the fast answer. */
const agrees = (schema: Schema.Top, input: unknown, label = "", direction: "decode" | "encode" = "decode"): boolean => {
  const fast = fastValidatorFor(schema)
  expect(fast, label).toBeDefined()
  const answer = fast!(input)
  const decoded = direction === "decode" ? effectDecode(schema, input) : effectEncode(schema, input)
  // JSON values: the two must give the same verdict, and a `true` must mean "decodes to itself".
  expect(
    answer,
    `${label}: fast=${answer} effect=${Result.isSuccess(decoded)} for ${JSON.stringify(input)?.slice(0, 300)}`,
  ).toBe(
    Result.isSuccess(decoded),
  )
  if (answer && Result.isSuccess(decoded)) expect(keepUnknownFields(input, decoded.success), label).toEqual(input)
  return answer
}

describe("fastValidatorFor on hand-made schemas", () => {
  const Tag = Schema.Struct({ id: Schema.String, name: Schema.optionalKey(Schema.NullOr(Schema.String)) })
  const Thing = Schema.StructWithRest(
    Schema.Struct({
      type: Schema.Literal("thing"),
      count: Schema.optionalKey(Schema.Int),
      state: Schema.optionalKey(Schema.Literals(["open", "closed"])),
      tags: Schema.optionalKey(Schema.Array(Tag).check(Schema.isMaxLength(2))),
      scores: Schema.optionalKey(Schema.Record(Schema.String, Schema.Number)),
      maybe: Schema.optional(Schema.Boolean),
      title: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(5))),
    }),
    [Schema.Record(Schema.String, Schema.Unknown)],
  )

  it("accepts exactly what Effect accepts, keeping unknown fields", () => {
    const valid = [
      { type: "thing" },
      { type: "thing", count: 3, state: "open", extra: { any: ["thing"] } },
      { type: "thing", tags: [{ id: "1" }, { id: "2", name: null }], scores: { a: 1, b: 2.5 } },
      { type: "thing", title: "short", maybe: true },
    ]
    for (const input of valid) expect(agrees(Thing, input)).toBe(true)
    const invalid = [
      null,
      [],
      "thing",
      {},
      { type: "other" },
      { type: "thing", count: 1.5 },
      { type: "thing", state: "snoozed" },
      { type: "thing", tags: [{ id: "1" }, { id: "2" }, { id: "3" }] },
      { type: "thing", tags: [{ name: "no id" }] },
      { type: "thing", scores: { a: "1" } },
      { type: "thing", title: "far too long" },
      { type: "thing", maybe: "yes" },
    ]
    for (const input of invalid) expect(agrees(Thing, input)).toBe(false)
  })

  it("follows recursive schemas", () => {
    interface Node {
      readonly value: number
      readonly children?: ReadonlyArray<Node>
    }
    const Node: Schema.Codec<Node> = Schema.Struct({
      value: Schema.Number,
      children: Schema.optionalKey(Schema.Array(Schema.suspend((): Schema.Codec<Node> => Node))),
    })
    expect(agrees(Node, { value: 1, children: [{ value: 2, children: [{ value: 3 }] }] })).toBe(true)
    expect(agrees(Node, { value: 1, children: [{ value: 2, children: [{ value: "3" }] }] })).toBe(false)
  })

  it("gives up on schemas that transform values", () => {
    expect(fastValidatorFor(Schema.Struct({ at: Schema.Date }))).toBeUndefined()
    expect(fastValidatorFor(Schema.NumberFromString)).toBeUndefined()
    expect(fastValidatorFor(Schema.Struct({ a: Schema.Tuple([Schema.String]) }))).toBeUndefined()
  })
})

describe("fastValidatorFor on the generated response schemas", () => {
  const cases: Array<{ readonly label: string; readonly schema: Schema.Top; readonly example: unknown }> = []
  const requestCases: Array<{ readonly label: string; readonly schema: Schema.Top; readonly example: unknown }> = []

  beforeAll(async () => {
    const spec = (await SwaggerParser.dereference(specPath("2.16"))) as unknown as {
      paths: Record<string, Record<string, SpecOperation>>
    }
    for (const op of operationList) {
      const schema = op.success.schema
      if (schema === undefined) continue
      const content = spec.paths[op.path]?.[op.method.toLowerCase()]?.responses?.[String(op.success.status)]?.content
      const media = content?.["application/json"]
      if (media === undefined) continue
      const examples = [
        ...Object.entries(media.examples ?? {}).map(([name, e]) => [name, e.value] as const),
        ...(media.example === undefined ? [] : [["example", media.example] as const]),
      ]
      for (const [name, value] of examples) {
        // Through JSON, as a response body arrives.
        if (value !== undefined) {
          cases.push({ label: `${op.name} / ${name}`, schema, example: JSON.parse(JSON.stringify(value)) })
        }
      }
    }
    for (const op of operationList) {
      const body = op.body
      if (body === undefined || body.contentType !== "application/json") continue
      const media = spec.paths[op.path]?.[op.method.toLowerCase()]?.requestBody?.content?.["application/json"]
      for (const [name, value] of examplesOf(media)) {
        if (value !== undefined && value !== null) {
          requestCases.push({
            label: `${op.name} body / ${name}`,
            schema: body.schema,
            example: JSON.parse(JSON.stringify(value)),
          })
        }
      }
    }
  })

  it("agrees with Effect's encoder on every request body example of the spec", () => {
    expect(requestCases.length).toBeGreaterThan(100)
    for (const { label, schema, example } of requestCases) {
      if (fastValidatorFor(schema) !== undefined) agrees(schema, example, label, "encode")
    }
  })

  it("compiles for every success schema and agrees with Effect on every spec example", () => {
    expect(cases.length).toBeGreaterThan(150)
    for (const { label, schema, example } of cases) agrees(schema, example, label)
  })

  it("agrees with Effect on random mutations of the examples", () => {
    // Replace or delete one value somewhere in an example, or swap it for a random JSON value.
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, "", 0, 1.5, true, "open", [], {})),
        fc.boolean(),
        (caseIndex, pathIndex, replacement, remove) => {
          const { label, schema, example } = cases[caseIndex % cases.length]!
          const all = valuePaths(example)
          if (all.length === 0) return
          const input = JSON.parse(JSON.stringify(mutateAt(example, all[pathIndex % all.length]!, replacement, remove)))
          agrees(schema, input, label)
        },
      ),
      { numRuns: 3000 },
    )
  })
})
