// Each documented deviation of the real Intercom API (an entry of packages/core/overrides.ts `deviations`) replayed on a
// real server on 127.0.0.1, in both directions: the caller's arguments pass the request check with no reported
// problem and reach the server byte-identical; the server's answer reaches the caller byte-identical and decodes in
// strict mode. The type-level half (what the types now say) is `typeChecks` below, compiled by `pnpm typecheck`.
import type { Company, CompanyList, Reference, TicketType, TicketTypeAttribute } from "@utdk/intercom-core/modelTypes"
import { operations } from "@utdk/intercom-core/registry"
import type { OperationDescriptor } from "@utdk/intercom-core/Operation"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest"
import overrides from "../../core/overrides.ts"
import { Intercom } from "../src/index.ts"
import { requestProblems, wireBody } from "./support/requestCheck.ts"

const byOperationId = new Map(
  (Object.values(operations) as ReadonlyArray<OperationDescriptor>).map((d) => [d.operationId, d]),
)

let server: TestServer
/** The body each request gets, by the order requests arrive (one test at a time). */
let answer: { status: number; text: string } = { status: 200, text: "{}" }

beforeAll(async () => {
  server = await startServer((_req, res) => {
    if (answer.text === "") {
      res.writeHead(answer.status)
      res.end()
    } else json(res, answer.status, answer.text)
  })
})
afterAll(() => server.close())

describe("documented deviations, replayed both ways", () => {
  it("every entry names an operation of the registry", () => {
    for (const entry of overrides.deviations) {
      expect(byOperationId.has(entry.replay.operation), entry.replay.operation).toBe(true)
    }
    expect(overrides.deviations.length).toBeGreaterThanOrEqual(15)
  })

  it.each(overrides.deviations.map((entry) => [`${entry.replay.operation} ${entry.pointer}`, entry] as const))(
    "%s",
    async (_name, entry) => {
      const descriptor = byOperationId.get(entry.replay.operation)!
      const args: Readonly<Record<string, unknown>> = entry.replay.args ?? {}
      expect(requestProblems(descriptor, args)).toEqual([])
      const response = entry.replay.response
      answer = { status: descriptor.success.status, text: response === undefined ? "" : JSON.stringify(response) }
      const client = new Intercom({
        token: "test-token",
        baseUrl: server.url,
        maxRetries: 0,
        validateResponses: "strict",
      })
      const before = server.requests.length
      const methods = client.withResponse as unknown as Record<
        string,
        (a: unknown) => Promise<{ data: unknown; validation: ReadonlyArray<unknown> }>
      >
      const result = await methods[descriptor.name]!(args)
      const sent = server.requests.slice(before)
      expect(sent).toHaveLength(1)
      // The caller's body, byte for byte (key order included), and every query parameter as given.
      const body = wireBody(descriptor, args)
      if (descriptor.body && descriptor.method !== "GET") expect(sent[0]!.body).toBe(JSON.stringify(body))
      const url = new URL(sent[0]!.url, server.url)
      for (
        const p of descriptor.parameters.filter((p) =>
          p.in === "query" && typeof args[p.key] !== "object" && args[p.key] !== undefined
        )
      ) {
        expect(url.searchParams.get(p.name), p.name).toBe(String(args[p.key]))
      }
      // The server's answer, as received and checked strictly.
      if (response !== undefined) {
        expect(JSON.stringify(result.data)).toBe(answer.text)
        expect(result.validation).toEqual([])
      }
      if (entry.replay.reported) expect(requestProblems(descriptor, entry.replay.reported)).not.toEqual([])
    },
  )
})

// What the types say now (`pnpm typecheck` compiles this; it is never run).
export const typeChecks = async (intercom: Intercom) => {
  // The custom_attributes schema's own example compiles as written.
  await intercom.updateConversation({
    conversation_id: "123",
    custom_attributes: {
      paid_subscriber: true,
      monthly_spend: 155.5,
      team_mates: 9,
      start_date_iso8601: "2023-03-04T09:46:14Z",
    },
  })
  await intercom.createOrUpdateCompany({
    company_id: "1",
    custom_attributes: { paid_subscriber: true, monthly_spend: 155.5 },
  })
  await intercom.createDataEvent({
    event_name: "placed-order",
    created_at: 1389913941,
    user_id: "314159",
    metadata: {
      order_count: 3,
      price: { amount: 34999, currency: "eur" },
      order_number: { value: "3434-3434", url: "https://example.org/o" },
    },
  })
  const conversation = await intercom.retrieveConversation({ conversation_id: "123" })
  expectTypeOf(conversation.teammates!.admins).toEqualTypeOf<ReadonlyArray<Reference> | undefined>()
  expectTypeOf(conversation.statistics!.last_closed_by_id).toEqualTypeOf<string | number | undefined>()
  const admin = await intercom.retrieveAdmin({ admin_id: 1 })
  expectTypeOf(admin.avatar).toEqualTypeOf<
    { readonly image_url?: string | null; readonly [key: string]: unknown } | null | undefined
  >()
  const company = await intercom.retrieveCompany({ name: "my company" })
  expectTypeOf(company).toEqualTypeOf<Company | CompanyList>()
  expectTypeOf(await intercom.getTicketType({ ticket_type_id: "1" })).toEqualTypeOf<TicketType>()
  // The seven types are named (a bare `string` has no literal members to extract).
  expectTypeOf<Extract<TicketTypeAttribute["data_type"], "decimal" | "files">>().toEqualTypeOf<"decimal" | "files">()
  await intercom.searchArticles({ phrase: "x", page: 2, per_page: 10 })
}
