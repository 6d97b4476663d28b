// The compact checker (generated from the Schemas, interpreted without effect) must give exactly the findings Effect's
// parser gives for the same Schema, flattened as the SDK reports them: same paths, same messages, same order. Checked
// on every request and response example of the spec, on random mutations of them, and on parameter values.
import SwaggerParser from "@apidevtools/swagger-parser"
import { specPath } from "@utdk/intercom-testing/spec"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import * as SchemaParser from "effect/SchemaParser"
import fc from "fast-check"
import { beforeAll, describe, expect, it } from "vitest"
import { examplesOf, mutateAt, type SpecOperation, valuePaths } from "./support/specExamples.ts"
import * as compact from "../src/generated/compact/operations.ts"
import { operationList } from "../src/generated/registry.ts"
import type { CompactOperation } from "../src/internal/compactOperation.ts"
import { type CompactRef, compactIssues } from "../src/internal/compactValidator.ts"
import { flattenIssue } from "../src/internal/issues.ts"

const compactOf = (name: string): CompactOperation => (compact as unknown as Record<string, CompactOperation>)[name]!

/** Effect's findings, as the SDK flattens them: responses are decoded, request values encoded. */
const effectIssues = (schema: Schema.Top, input: unknown, direction: "decode" | "encode") => {
  const codec = schema as Schema.Codec<unknown, unknown>
  const result = direction === "decode"
    ? SchemaParser.decodeUnknownResult(codec, { errors: "all" })(input)
    : SchemaParser.encodeUnknownResult(codec, { errors: "all" })(input)
  return Result.isSuccess(result) ? [] : flattenIssue(result.failure)
}

const agree = (schema: Schema.Top, shape: CompactRef, input: unknown, label: string, direction: "decode" | "encode") =>
  expect(compactIssues(shape, input), `${label}: ${JSON.stringify(input)?.slice(0, 300)}`).toEqual(
    effectIssues(schema, input, direction),
  )

interface Case {
  readonly label: string
  readonly schema: Schema.Top
  readonly shape: CompactRef
  readonly example: unknown
  readonly direction: "decode" | "encode"
}

const cases: Array<Case> = []

beforeAll(async () => {
  const spec = (await SwaggerParser.dereference(specPath("2.16"))) as unknown as {
    paths: Record<string, Record<string, SpecOperation>>
  }
  for (const op of operationList) {
    const checks = compactOf(op.name).compact
    const found = spec.paths[op.path]?.[op.method.toLowerCase()]
    const success = op.success.schema
    if (success !== undefined && checks.success !== undefined) {
      const media = found?.responses?.[String(op.success.status)]?.content?.["application/json"]
      for (const [name, value] of examplesOf(media)) {
        if (value !== undefined) {
          cases.push({
            label: `${op.name} / ${name}`,
            schema: success,
            shape: checks.success,
            example: JSON.parse(JSON.stringify(value)),
            direction: "decode",
          })
        }
      }
    }
    if (op.body !== undefined && checks.body !== undefined && op.body.contentType === "application/json") {
      for (const [name, value] of examplesOf(found?.requestBody?.content?.["application/json"])) {
        if (value !== undefined && value !== null) {
          cases.push({
            label: `${op.name} body / ${name}`,
            schema: op.body.schema,
            shape: checks.body.shape,
            example: JSON.parse(JSON.stringify(value)),
            direction: "encode",
          })
        }
      }
    }
  }
})

describe("the compact checker of every generated operation", () => {
  it("has the operation's facts and a shape for each of its schemas", () => {
    for (const op of operationList) {
      const c = compactOf(op.name)
      expect(c.method, op.name).toBe(op.method)
      expect(c.parameters.map((p) => p.key), op.name).toEqual(op.parameters.map((p) => p.key))
      expect(c.compact.parameters.length, op.name).toBe(op.parameters.length)
      expect(c.compact.body === undefined, op.name).toBe(op.body === undefined)
      expect(c.compact.success === undefined, op.name).toBe(op.success.schema === undefined)
    }
  })

  it("agrees with Effect on every request and response example of the spec", () => {
    expect(cases.length).toBeGreaterThan(300)
    for (const { label, schema, shape, example, direction } of cases) agree(schema, shape, example, label, direction)
  })

  it("agrees with Effect on random mutations of the examples", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.constantFrom(null, "", 0, 1.5, -1, true, "open", "x".repeat(300), [], {}),
        ),
        fc.boolean(),
        (caseIndex, pathIndex, replacement, remove) => {
          const { label, schema, shape, example, direction } = cases[caseIndex % cases.length]!
          const all = valuePaths(example)
          const input = all.length === 0
            ? replacement
            : mutateAt(example, all[pathIndex % all.length]!, replacement, remove)
          agree(schema, shape, JSON.parse(JSON.stringify(input) ?? "null"), label, direction)
        },
      ),
      { numRuns: 4000 },
    )
  })

  it("agrees with Effect on parameter values of every kind", () => {
    const values = [
      undefined,
      null,
      "",
      "abc",
      "x".repeat(300),
      0,
      -1,
      1.5,
      42,
      Number.NaN,
      true,
      [],
      ["a"],
      [1, 2],
      {},
      { a: 1 },
    ]
    for (const op of operationList) {
      const shapes = compactOf(op.name).compact.parameters
      for (const [i, p] of op.parameters.entries()) {
        for (const value of values) agree(p.schema, shapes[i]!, value, `${op.name} ${p.key}`, "encode")
      }
    }
  })
})
