import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { answeredVersionHeader, startPrismRouter, unknownVersionCode, type PrismRouter } from "../src/prismRouter.ts"

// The difference the issue names: `conversation.priority` is "priority" | "not_priority" in 2.14 and a level in 2.16.
const priorities = {
  "2.14": ["priority", "not_priority"],
  "2.16": ["none", "low", "medium", "high", "urgent"],
} as const

let router: PrismRouter

beforeAll(async () => {
  // Nothing eager: the test watches versions start on first use.
  router = await startPrismRouter({ eager: [] })
})
afterAll(() => router?.stop())

const call = (method: string, path: string, version?: string, body?: unknown) =>
  fetch(`${router.url}${path}`, {
    method,
    headers: {
      authorization: "Bearer stand-in",
      ...(version === undefined ? {} : { "intercom-version": version }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  })

describe("the stand-in answers in the version the request names", () => {
  it("serves every description in the spec folder, Preview included, the newest numbered by default", () => {
    const names = router.versions.map((v) => v.version)
    expect(names).toContain("2.14")
    expect(names).toContain("Preview")
    expect(router.defaultVersion).toBe("2.16")
    expect(router.started()).toEqual([])
  })

  it("a 2.14 write with a body, sent while 2.14's Prism starts, gets 2.14's answer", async () => {
    const res = await call("PUT", "/conversations/123", "2.14", { read: true, title: "Refund" })
    expect(res.status).toBe(200)
    expect(res.headers.get(answeredVersionHeader)).toBe("2.14")
    const conversation = (await res.json()) as { priority: string }
    expect(priorities["2.14"]).toContain(conversation.priority)
  })

  it("2.14 and 2.16 requests to the same URL get each version's conversation", async () => {
    const [old, current] = await Promise.all([
      call("GET", "/conversations/123", "2.14"),
      call("GET", "/conversations/123", "2.16"),
    ])
    expect([old.status, current.status]).toEqual([200, 200])
    expect(priorities["2.14"]).toContain(((await old.json()) as { priority: string }).priority)
    expect(priorities["2.16"]).toContain(((await current.json()) as { priority: string }).priority)
  })

  it("without the header, the newest numbered version answers", async () => {
    const res = await call("GET", "/conversations/123")
    expect(res.headers.get(answeredVersionHeader)).toBe("2.16")
    expect(priorities["2.16"]).toContain(((await res.json()) as { priority: string }).priority)
  })

  it("only the versions asked for were started", () => {
    expect([...router.started()].sort()).toEqual(["2.14", "2.16"])
  })

  it("a version without a description gets a 400 naming it and the versions served", async () => {
    const res = await call("GET", "/conversations/123", "1.0")
    expect(res.status).toBe(400)
    const body = (await res.json()) as { type: string; errors: ReadonlyArray<{ code: string; message: string }> }
    expect(body.type).toBe("error.list")
    expect(body.errors[0]!.code).toBe(unknownVersionCode)
    expect(body.errors[0]!.message).toContain("\"1.0\"")
    expect(body.errors[0]!.message).toContain("2.14")
    expect(router.started()).not.toContain("1.0")
  })

  it("serves 2.11, whose description refers to a model it never defines (Prism alone refuses to start on it)", async () => {
    // Run assignment rules: an operation 2.7-2.11 have and the newest lacks.
    const res = await call("POST", "/conversations/123/run_assignment_rules", "2.11")
    expect(res.status).toBe(200)
    expect(res.headers.get(answeredVersionHeader)).toBe("2.11")
    expect(((await res.json()) as { type: string }).type).toBe("conversation")
  })
})
