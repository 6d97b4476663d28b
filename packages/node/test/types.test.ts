// Type tests: `pnpm typecheck` compiles this file; every `@ts-expect-error` line must be an error, or the check fails.
// The runtime part only makes sure the file is part of the test run.
import { describe, expect, it } from "vitest"
import type { IntercomResponse } from "../src/index.ts"
import { Intercom } from "../src/index.ts"

const typeChecks = (intercom: Intercom) => {
  // The documented call compiles, and the result is the generated Conversation.
  const ok: Promise<{ readonly type?: string; readonly id?: string }> = intercom.updateConversation({
    conversation_id: "123",
    read: true,
    title: "Refund",
    "Intercom-Version": "2.16",
  })
  const withResponse: Promise<IntercomResponse<{ readonly id?: string }>> = intercom.withResponse.updateConversation(
    { conversation_id: "123" },
    { timeout: 5_000, maxRetries: 0, signal: AbortSignal.timeout(1_000), headers: { "x-a": "b" }, version: "2.15" },
  )

  // @ts-expect-error a misspelled parameter name
  intercom.updateConversation({ conversation_id: "123", raed: true })
  // @ts-expect-error a wrong type for a body field
  intercom.updateConversation({ conversation_id: "123", read: "yes" })
  // Path ids take what users hold: a string or a number.
  intercom.updateConversation({ conversation_id: 123 })
  // @ts-expect-error but not anything else
  intercom.updateConversation({ conversation_id: true })
  // @ts-expect-error the required path parameter is missing
  intercom.updateConversation({ read: true })
  // @ts-expect-error no arguments at all for an operation with a required field
  intercom.updateConversation()
  // @ts-expect-error an Intercom-Version that does not exist
  intercom.updateConversation({ conversation_id: "123", "Intercom-Version": "3.7" })
  // @ts-expect-error an unknown per-call option
  intercom.updateConversation({ conversation_id: "123" }, { retries: 3 })
  // @ts-expect-error an operation that does not exist
  intercom.updateConversations({ conversation_id: "123" })
  // paginate.* exists exactly for the operations the generator marked as paging (the overrides file says
  // listHelpCenters and searchActivityLogs do not, although they take page/per_page).
  const pages: AsyncIterable<unknown> = intercom.paginate.listConversations({ per_page: 2 })
  // @ts-expect-error listHelpCenters does not page (overrides.ts)
  intercom.paginate.listHelpCenters()
  // @ts-expect-error searchActivityLogs does not page (overrides.ts)
  intercom.paginate.searchActivityLogs({ created_at_after: 1 })
  // @ts-expect-error an operation that returns one object does not page
  intercom.paginate.updateConversation({ conversation_id: "123" })
  void pages
  // Operations without required fields take no arguments.
  const me = intercom.identifyAdmin()
  return [ok, withResponse, me]
}

describe("types", () => {
  it("type checks are compiled by `pnpm typecheck`", () => {
    expect(typeof typeChecks).toBe("function")
    expect(typeof Intercom.prototype.updateConversation).toBe("function")
    const paginate = new Intercom({ token: "t" }).paginate as unknown as Record<string, unknown>
    expect(typeof paginate.listConversations).toBe("function")
    expect(paginate.listHelpCenters).toBeUndefined()
    expect(paginate.searchActivityLogs).toBeUndefined()
  })
})
