// What each page offers to send, decided at build time by the SDK's own request builder: a spec example it
// accepts, or a body built from the schema; numbers given for string fields turned to text, and nothing else.
import { describe, expect, it } from "vitest"
import { coerceToSchema } from "../src/lib/coerce.ts"
import { loadOperations } from "../src/lib/operations.ts"
import { tryItData } from "../src/lib/try-it-data.ts"

const bySlug = async (slug: string) => tryItData((await loadOperations()).find((op) => op.slug === slug)!)

describe("the bodies a page offers", () => {
  it("offers every operation with a body something the SDK accepts", async () => {
    const without = (await loadOperations())
      .map((op) => tryItData(op))
      .filter((op) =>
        op.body !== undefined && op.body.built === undefined && !op.body.examples.some((ex) => ex.refused === undefined)
      )
      .map((op) => op.name)
    expect(without).toEqual([])
  })

  it("refuses at build time what the page refuses (strict, not the SDK's warn default): createMessage's message_type inapp", async () => {
    const op = await bySlug("create-message")
    const inapp = op.body!.examples.find((ex) => (ex.value as Record<string, unknown>).message_type === "inapp")
    expect(inapp?.refused).toEqual(expect.arrayContaining([expect.stringMatching(/^message_type: Expected/)]))
  })

  it("sends createTicket's ticket_type_id 88 as \"88\" (the schema says string), and the example is accepted", async () => {
    const op = await bySlug("create-ticket")
    expect(op.body!.examples[0]!.coerced).toEqual(["ticket_type_id: 88 → \"88\""])
    expect((op.body!.examples[0]!.value as Record<string, unknown>).ticket_type_id).toBe("88")
    expect(op.body!.examples[0]!.refused).toBeUndefined()
  })

  // convertVisitor's example (email alone) is a documented deviation now; createDataAttribute's still sends
  // `archived`, which its schema does not list.
  it("names the SDK's rule for an example it refuses, and builds a body instead (createDataAttribute)", async () => {
    const op = await bySlug("create-data-attribute")
    const refused = op.body!.examples.filter((ex) => ex.refused !== undefined).map((ex) => ex.refused)
    expect(refused).toContainEqual(expect.arrayContaining([expect.stringMatching(/^archived: Unknown argument/)]))
    expect(op.body!.built).toBeDefined()
    expect(op.body!.built).not.toHaveProperty("archived")
  })

  it("builds a body for a required body with no example (createDataEvent)", async () => {
    const op = await bySlug("create-data-event")
    expect(op.body!.examples).toEqual([])
    expect(op.body!.built).toEqual(expect.objectContaining({ event_name: expect.any(String) }))
  })

  it("coerces only where the schema asks for a string", () => {
    const schema = {
      kind: "object",
      properties: [
        { name: "text", required: true, schema: { kind: "string" } },
        { name: "id", required: true, schema: { kind: "union", variants: [{ kind: "string" }, { kind: "integer" }] } },
        { name: "count", required: true, schema: { kind: "integer" } },
        { name: "state", required: true, schema: { kind: "string", enum: ["open", "closed"] } },
      ],
    } as const
    expect(coerceToSchema(schema, { text: 88, id: 5, count: 3, state: 1, other: 7 })).toEqual({
      value: { text: "88", id: 5, count: 3, state: 1, other: 7 },
      changes: ["text: 88 → \"88\""],
    })
  })

  it("gives an id the spec types as an integer a number-like placeholder (setAwayAdmin's admin_id)", async () => {
    expect((await bySlug("set-away-admin")).placeholders.path.admin_id).toMatch(/^\d+$/)
  })
})
