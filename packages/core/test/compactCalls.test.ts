// A call checked and decoded by a compact descriptor (what a page ships) ends exactly as the same call through the
// descriptor with Schemas (what Node runs): the same wire request, the same reported findings in warn mode, the same
// typed error (message, field, issues) in strict mode, for arguments and for answers. Values are the spec's examples
// and random one-value mutations of them.
import SwaggerParser from "@apidevtools/swagger-parser"
import { specPath } from "@utdk/intercom-testing/spec"
import * as Result from "effect/Result"
import fc from "fast-check"
import { beforeAll, describe, expect, it } from "vitest"
import * as compact from "../src/generated/compact/operations.ts"
import { operationList } from "../src/generated/registry.ts"
import type { OperationDescriptor } from "../src/Operation.ts"
import { buildRequestChecked } from "../src/internal/buildRequest.ts"
import { resolveConfig } from "../src/internal/config.ts"
import { decodeResponseChecked } from "../src/internal/decodeResponse.ts"
import { compactChecksOf } from "../src/internal/operationChecks.ts"
import { schemaChecksOf } from "../src/internal/schemaChecks.ts"
import type { ValidationMode } from "../src/internal/validation.ts"
import { examplesOf, mutateAt, type SpecOperation, valuePaths } from "./support/specExamples.ts"

const compactOf = (name: string): OperationDescriptor =>
  (compact as unknown as Record<string, OperationDescriptor>)[name]!

const config = Result.getOrThrow(
  resolveConfig({ baseUrl: "http://127.0.0.1:1", token: "t", logLevel: "off" }, { requireToken: true }),
)

/** What a call came to, comparable across the two descriptors (errors by their fields, not their identity). */
type Outcome = { readonly ok: unknown } | { readonly error: object }

const outcome = (result: Result.Result<unknown, unknown>): Outcome =>
  Result.isSuccess(result)
    ? { ok: result.success }
    : { error: { ...(result.failure as object), message: (result.failure as Error).message } }

interface Case {
  readonly label: string
  readonly operation: OperationDescriptor
  readonly kind: "answer" | "arguments"
  readonly value: unknown
}

const cases: Array<Case> = []

beforeAll(async () => {
  const spec = (await SwaggerParser.dereference(specPath("2.16"))) as unknown as {
    paths: Record<string, Record<string, SpecOperation>>
  }
  for (const op of operationList) {
    const found = spec.paths[op.path]?.[op.method.toLowerCase()]
    const media = found?.responses?.[String(op.success.status)]?.content?.["application/json"]
    for (const [name, value] of examplesOf(media)) {
      if (value !== undefined && op.success.schema !== undefined) {
        cases.push({ label: `${op.name} / ${name}`, operation: op, kind: "answer", value })
      }
    }
    if (op.body?.flat === true && op.body.contentType === "application/json") {
      for (const [name, value] of examplesOf(found?.requestBody?.content?.["application/json"])) {
        if (typeof value === "object" && value !== null) {
          cases.push({ label: `${op.name} body / ${name}`, operation: op, kind: "arguments", value })
        }
      }
    }
  }
})

/** Both ways of one case, in one mode: the answer decoded, or the arguments (with its path parameters) built. */
const both = (c: Case, value: unknown, mode: ValidationMode): readonly [Outcome, Outcome] => {
  const small = compactOf(c.operation.name)
  if (c.kind === "answer") {
    const raw = {
      status: c.operation.success.status,
      headers: { "content-type": "application/json" },
      text: JSON.stringify(value),
    }
    return [
      outcome(decodeResponseChecked(c.operation, raw, 1, mode, [], schemaChecksOf)),
      outcome(decodeResponseChecked(small, raw, 1, mode, [], compactChecksOf)),
    ] as const
  }
  const args: Record<string, unknown> = { ...(value as object) }
  for (const p of c.operation.parameters) if (p.in === "path") args[p.key] = "123"
  const options = { validateRequests: mode }
  return [
    outcome(buildRequestChecked(c.operation, args, config, options, schemaChecksOf)),
    outcome(buildRequestChecked(small, args, config, options, compactChecksOf)),
  ] as const
}

describe("a compact descriptor's call and the same call with Schemas", () => {
  it("agree on parameter values, an object parameter's undeclared keys sent as written", () => {
    const listDataEvents = operationList.find((op) => op.name === "listDataEvents")!
    const values = [{ user_id: "1", extra: "kept" }, { email: 7 }, "x", { intercom_user_id: "2" }]
    for (const filter of values) {
      for (const mode of ["warn", "strict"] as const) {
        const args = { filter, type: "user" }
        const withSchemas = outcome(
          buildRequestChecked(listDataEvents, args, config, { validateRequests: mode }, schemaChecksOf),
        )
        const compactOne = outcome(
          buildRequestChecked(compactOf("listDataEvents"), args, config, { validateRequests: mode }, compactChecksOf),
        )
        expect(compactOne, `${JSON.stringify(filter)} (${mode})`).toEqual(withSchemas)
      }
    }
    const sent = buildRequestChecked(
      listDataEvents,
      { filter: values[0], type: "user" },
      config,
      undefined,
      schemaChecksOf,
    )
    expect(Result.isSuccess(sent) && sent.success.url).toContain("extra=kept")
  })

  it("agree on every example of the spec, in every mode", () => {
    expect(cases.length).toBeGreaterThan(300)
    for (const c of cases) {
      for (const mode of ["warn", "strict", "off"] as const) {
        const [withSchemas, compactOne] = both(c, c.value, mode)
        expect(compactOne, `${c.label} (${mode})`).toEqual(withSchemas)
      }
    }
  })

  it("agree on random mutations of the examples: findings in warn mode, the typed error in strict mode", () => {
    let refused = 0
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, "", 0, 1.5, -1, true, "open", [], {})),
        fc.boolean(),
        fc.constantFrom("warn" as const, "strict" as const),
        (caseIndex, pathIndex, replacement, remove, mode) => {
          const c = cases[caseIndex % cases.length]!
          const all = valuePaths(c.value)
          if (all.length === 0) return
          const value = JSON.parse(JSON.stringify(mutateAt(c.value, all[pathIndex % all.length]!, replacement, remove)))
          const [withSchemas, compactOne] = both(c, value, mode)
          if ("error" in withSchemas) refused++
          expect(compactOne, `${c.label} (${mode}): ${JSON.stringify(value).slice(0, 300)}`).toEqual(withSchemas)
        },
      ),
      { numRuns: 3000 },
    )
    // The mutations do reach the error paths.
    expect(refused).toBeGreaterThan(100)
  })
})
