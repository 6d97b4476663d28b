// The browser client's options, in Node (the class has no DOM dependency): a `fetch` given in the options sends
// every request, the global one none; without it, the global `fetch` of the moment is used.
import { afterEach, describe, expect, it } from "vitest"
import { IntercomNotInVersionError } from "@utdk/intercom-core/IntercomError"
import { Intercom } from "../src/Intercom.ts"
import { admin } from "@utdk/intercom-testing/fixtures"

const answer = () =>
  new Response(JSON.stringify(admin), {
    status: 200,
    headers: { "content-type": "application/json", "x-request-id": "r-1" },
  })
const original = globalThis.fetch

afterEach(() => {
  globalThis.fetch = original
})

describe("the browser client's fetch option", () => {
  it("sends with the fetch it was given, never the global one", async () => {
    const globalCalls: Array<string> = []
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      globalCalls.push(String(input))
      throw new Error("the global fetch must not be used")
    }) as typeof fetch
    const seen: Array<{ url: string; headers: Headers; method: string | undefined }> = []
    const intercom = new Intercom({
      baseUrl: "https://gateway.example/api",
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push({ url: String(input), headers: new Headers(init?.headers), method: init?.method })
        return answer()
      }) as typeof fetch,
    })
    const result = await intercom.withResponse.identifyAdmin()
    expect(result.data).toMatchObject({ id: "1", email: "ada@example.com" })
    expect(result.requestId).toBe("r-1")
    expect(seen).toHaveLength(1)
    expect(seen[0]!.url).toBe("https://gateway.example/api/me")
    expect(seen[0]!.method ?? "GET").toBe("GET")
    // No token was given: the browser client sends none (the gateway adds it).
    expect(seen[0]!.headers.get("authorization")).toBeNull()
    expect(globalCalls).toEqual([])
  })

  it("uses the global fetch when none is given, and a token only when given", async () => {
    const seen: Array<Headers> = []
    globalThis.fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Headers(init?.headers))
      return answer()
    }) as typeof fetch
    await new Intercom({ baseUrl: "https://gateway.example" }).identifyAdmin()
    await new Intercom({ baseUrl: "https://gateway.example", token: "page-token" }).identifyAdmin()
    expect(seen.map((h) => h.get("authorization"))).toEqual([null, "Bearer page-token"])
  })

  it("a client pinned to 2.14 refuses a method 2.14 lacks by name and version, and sends nothing", async () => {
    const sent: Array<string> = []
    const intercom = new Intercom({
      baseUrl: "https://gateway.example",
      version: "2.14",
      fetch: (async (input: RequestInfo | URL) => {
        sent.push(String(input))
        return answer()
      }) as typeof fetch,
    }) as unknown as Intercom<"2.16">
    const error = await intercom.attachTagToArticle({ article_id: "1", id: "2" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomNotInVersionError)
    expect(error).toMatchObject({ operation: "attachTagToArticle", version: "2.14", versions: ["2.16", "Preview"] })
    await intercom.identifyAdmin()
    expect(sent).toEqual(["https://gateway.example/me"])
  })
})
