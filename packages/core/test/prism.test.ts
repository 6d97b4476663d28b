import { prismUrl } from "@utdk/intercom-testing/inject"
import { describe, expect, it } from "vitest"

// Guards the test infrastructure itself: every contract test relies on Prism rejecting requests that break the spec.
describe("Prism (the Intercom stand-in)", () => {
  const url = prismUrl()

  it("answers a valid updateConversation with the spec's example", async () => {
    const res = await fetch(`${url}/conversations/123`, {
      method: "PUT",
      headers: { authorization: "Bearer test", "content-type": "application/json", "Intercom-Version": "2.16" },
      body: JSON.stringify({ read: true }),
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { type: string }).type).toBe("conversation")
  })

  it("rejects a request that does not match the spec with 422", async () => {
    const res = await fetch(`${url}/conversations/123`, {
      method: "PUT",
      headers: { authorization: "Bearer test", "content-type": "application/json" },
      body: JSON.stringify({ read: "yes" }),
    })
    expect(res.status).toBe(422)
  })
})
