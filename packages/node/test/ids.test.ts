// Ids as users hold them, on real servers: path ids take a string or a number (sent as text), values that are not one
// path segment are refused before anything is sent, response models give `id` as present (so a created object's id
// goes straight into the next call), and the spec's misspelt operation names are aliases of the correct ones.
import { prismUrl } from "@utdk/intercom-testing/inject"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Intercom, IntercomInvalidInputError } from "../src/index.ts"

let server: TestServer
let recording: Intercom

beforeAll(async () => {
  server = await startServer((req, res) =>
    req.url.startsWith("/data_attributes/")
      ? json(res, 200, { type: "data_attribute", id: 7 })
      : json(res, 200, { type: "admin", id: "991267459" })
  )
  recording = new Intercom({ token: "test-token", baseUrl: server.url, maxRetries: 0 })
})
afterAll(() => server.close())

const sentPaths = async (call: () => Promise<unknown>): Promise<Array<string>> => {
  const before = server.requests.length
  await call()
  return server.requests.slice(before).map((r) => r.url)
}

describe("path ids", () => {
  it("take a number or a string, sent as the same text", async () => {
    const away = { away_mode_enabled: true, away_mode_reassign: false } as const
    expect(await sentPaths(() => recording.setAwayAdmin({ admin_id: 123, ...away }))).toEqual(["/admins/123/away"])
    expect(await sentPaths(() => recording.setAwayAdmin({ admin_id: "123", ...away }))).toEqual(["/admins/123/away"])
    // An id the spec types integer (data_attribute_id) takes a string too.
    expect(await sentPaths(() => recording.updateDataAttribute({ data_attribute_id: "7", description: "x" }))).toEqual([
      "/data_attributes/7",
    ])
  })

  it.each(["", ".", "..", "a/b", "../admins"])(
    "refuse %j with IntercomInvalidInputError naming the field, sending nothing",
    async (id) => {
      const before = server.requests.length
      const error = await recording.deleteContact({ contact_id: id }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IntercomInvalidInputError)
      expect((error as IntercomInvalidInputError).field).toBe("contact_id")
      expect((error as IntercomInvalidInputError).message).toContain("contact_id")
      expect(server.requests.length).toBe(before)
    },
  )
})

describe("misspelt operation names", () => {
  it("lisDataEvents is a deprecated alias of listDataEvents: the same request", async () => {
    const args = { type: "user", filter: { user_id: "u1" } } as const
    const correct = await sentPaths(() => recording.listDataEvents(args))
    const alias = await sentPaths(() => recording.lisDataEvents(args))
    expect(correct).toEqual(alias)
    expect(correct[0]).toMatch(/^\/events\?/)
    expect(await sentPaths(() => recording.lisDataAttributes())).toEqual(
      await sentPaths(() => recording.listDataAttributes()),
    )
  })
})

describe("against Prism (the real spec)", () => {
  it("a created contact's id is a string that deleteContact takes as it is", async () => {
    const intercom = new Intercom({ token: "test-token", baseUrl: prismUrl(), maxRetries: 0 })
    const created = await intercom.createContact({ email: "joe@example.com" })
    // `id` is present in the type (overrides.ts presentInResponses): no `!` or check needed.
    const id: string = created.id
    const deleted = await intercom.deleteContact({ contact_id: id })
    expect(deleted.id).toBeTypeOf("string")
    const byNumber = await intercom.setAwayAdmin({
      admin_id: 991267459,
      away_mode_enabled: true,
      away_mode_reassign: false,
    })
    expect(byNumber.type).toBe("admin")
  })
})
