import { describe, expect, it } from "vitest"
import type { Overrides } from "../scripts/lib/overrides.ts"
import { applyOverrides } from "../scripts/lib/overrides.ts"
import { renderFiles } from "../scripts/lib/render.ts"
import type { Document, SchemaObject } from "../scripts/lib/spec.ts"
import { inlinePathParameters, refreshRefs } from "../scripts/lib/spec.ts"

// The generator's rules on a tiny description, for cases the 2.16 spec happens not to exercise.
const none: Overrides = {
  operationIds: [],
  parameters: [],
  addParameters: [],
  responses: [],
  retrySafe: [],
  pagination: [],
  pathIds: { names: "^id$", reason: "test" },
  presentInResponses: { properties: [], reason: "test" },
  operationNames: [],
  deviations: [],
  bodyIds: { names: "^$", reason: "test", source: "test" },
}

const generate = async (doc: Document, overrides: Overrides = none): Promise<Map<string, string>> => {
  const warnings: Array<string> = []
  await refreshRefs(doc)
  inlinePathParameters(doc)
  applyOverrides(doc, overrides, { strict: true, warn: (m) => warnings.push(m) })
  await refreshRefs(doc)
  const files = renderFiles(doc, overrides, (m) => warnings.push(m))
  expect(warnings).toEqual([])
  return files
}

const json = (schema: SchemaObject) => ({ content: { "application/json": { schema } } })

const baseDoc = (): Document => ({
  openapi: "3.0.1",
  info: { title: "t", version: "test" },
  // What the facts module reads (regions, versions); the rules below are about operations and models.
  servers: [{ url: "https://api.intercom.io" }],
  paths: {
    "/things/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      put: {
        operationId: "UpdateThing",
        summary: "Update a thing\nwith a second line",
        requestBody: json({ $ref: "#/components/schemas/thing_request" }),
        responses: {
          "200": {
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/thing" },
                examples: { a: { value: { id: "1", parent: null, count: "7", state: "new" } } },
              },
            },
          },
          "404": json({ $ref: "#/components/schemas/error" }),
        },
      },
    },
  },
  components: {
    schemas: {
      intercom_version: { type: "string", default: "2.16", enum: ["2.15", "2.16"] },
      error: { type: "object", properties: { type: { type: "string" } } },
      thing_request: {
        type: "object",
        required: ["name"],
        properties: {
          id: { type: "string" },
          name: { type: "string", maxLength: 3 },
          state: { type: "string", enum: ["a", "b"] },
        },
      },
      thing: {
        type: "object",
        required: ["id"],
        properties: {
          id: { type: "string" },
          count: { type: "integer" },
          state: { type: "string", enum: ["a", "b"] },
          parent: { $ref: "#/components/schemas/thing" },
          children: { type: "array", items: { $ref: "#/components/schemas/thing" } },
        },
      },
    },
  },
})

describe("generator rules", () => {
  it("renames a body field that clashes with a parameter to body_<name>, everywhere the same way", async () => {
    const files = await generate(baseDoc())
    const op = files.get("operations/updateThing.ts")!
    // The flat argument's type is in the effect-free types module, apart from the descriptor.
    const types = files.get("operationTypes.ts")!
    expect(op).toContain(`renamed: { body_id: "id" }`)
    // The path id takes what users hold (pathIds).
    expect(types).toContain("  readonly id: string | number\n")
    expect(types).toContain("  readonly body_id?: string | undefined\n")
    expect(types).toContain("  readonly name: string\n")
    expect(op).toContain(`summary: "Update a thing"`)
    expect(op).not.toContain("second line")
    expect(op).not.toContain("interface UpdateThingParams")
  })

  it("makes response models lenient from the examples and request models strict from the spec", async () => {
    const files = await generate(baseDoc())
    // The types are in one effect-free module; the schemas in one module per model.
    const types = files.get("modelTypes.ts")!
    const model = files.get("models/Thing.ts")!
    expect(types).not.toContain("import")
    // Sent as null in an example although not nullable; sent as a string although typed integer.
    expect(types).toContain("readonly parent?: Thing | null\n")
    expect(types).toContain("readonly count?: number | string\n")
    // Required and present in every example; unknown enum values and fields still decode.
    expect(types).toContain("readonly id: string\n")
    expect(types).toContain(`readonly state?: "a" | "b" | (string & {})\n`)
    expect(types).toContain("readonly [key: string]: unknown\n")
    // A reference cycle goes through Schema.suspend.
    expect(model).toContain("Schema.suspend((): Schema.Codec<Thing> => Thing())")
    const input = files.get("models/ThingRequest.ts")!
    expect(input).toContain(`Schema.Literals(["a", "b"])`)
    expect(input).toContain("Schema.isMaxLength(3)")
    expect(input).not.toContain("StructWithRest")
  })

  it("applies overrides before generation and refuses entries that match nothing", async () => {
    const overrides: Overrides = {
      ...none,
      responses: [{ operations: "*", status: "429", error: true, reason: "test" }],
      retrySafe: [],
    }
    const op = (await generate(baseDoc(), overrides)).get("operations/updateThing.ts")!
    expect(op).toContain("errorStatuses: [404, 429]")
    await expect(
      generate(baseDoc(), { ...none, retrySafe: [{ operation: "noSuchOperation", reason: "test" }] }),
    ).rejects.toThrow(/matched nothing/)
  })

  it("applies a deviation at its JSON pointer and refuses one that points nowhere or changes nothing", async () => {
    const deviation = (change: Partial<Overrides["deviations"][number]>): Overrides => ({
      ...none,
      deviations: [{
        pointer: "/components/schemas/thing/properties/count",
        reason: "test",
        source: "test",
        replay: { operation: "UpdateThing" },
        ...change,
      }],
    })
    const widened =
      (await generate(baseDoc(), deviation({ replace: { anyOf: [{ type: "integer" }, { type: "boolean" }] } }))).get(
        "modelTypes.ts",
      )!
    expect(widened).toMatch(/readonly count\?: number \| boolean/)
    const appended = deviation({
      pointer: "/components/schemas/thing_request/required",
      append: ["state"],
    })
    expect((await generate(baseDoc(), appended)).get("modelTypes.ts")).toMatch(/readonly state: "a" \| "b"\n/)
    await expect(
      generate(
        baseDoc(),
        deviation({ pointer: "/components/schemas/nothing/properties/count", merge: { minimum: 1 } }),
      ),
    ).rejects.toThrow(/matched nothing/)
    await expect(generate(baseDoc(), deviation({ merge: { type: "integer" } }))).rejects.toThrow(/matched nothing/)
    await expect(generate(baseDoc(), deviation({ merge: { minimum: 1 }, replay: { operation: "noSuchOperation" } })))
      .rejects.toThrow(/matched nothing/)
  })

  it("passes a non-object body whole under `body`", async () => {
    const doc = baseDoc()
    doc.paths["/things/{id}"]!.put!.requestBody = json({ type: "array", items: { type: "string" } })
    const files = await generate(doc)
    expect(files.get("operations/updateThing.ts")!).toContain("flat: false")
    expect(files.get("operationTypes.ts")!).toContain("  readonly body?: ReadonlyArray<string> | undefined\n")
  })
})
