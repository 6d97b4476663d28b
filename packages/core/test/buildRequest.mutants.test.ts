// Request building next to its module: the URL, headers and JSON body a call sends, the per-call options, and the
// arguments it refuses before anything is sent (each refusal names the argument).
import * as Result from "effect/Result"
import { describe, expect, it } from "vitest"
import { operations } from "../src/generated/registry.ts"
import { buildRequest } from "../src/internal/buildRequest.ts"
import { resolveConfig } from "../src/internal/config.ts"
import type { RequestOptions } from "../src/ClientOptions.ts"

const config = (() => {
  const resolved = resolveConfig({ token: "tok", baseUrl: "https://api.test", version: "2.14" }, { requireToken: true })
  if (Result.isFailure(resolved)) throw resolved.failure
  return resolved.success
})()
const build = (op: keyof typeof operations, args: unknown, options?: RequestOptions) =>
  buildRequest(operations[op], args, config, options)
const ok = (op: keyof typeof operations, args: unknown, options?: RequestOptions) => {
  const result = build(op, args, options)
  if (Result.isFailure(result)) throw result.failure
  return result.success
}
const refused = (op: keyof typeof operations, args: unknown, options?: RequestOptions) => {
  const result = build(op, args, options)
  if (Result.isSuccess(result)) throw new Error("built")
  return result.failure
}

describe("buildRequest", () => {
  it("builds the URL, headers and JSON body of a flat body operation", () => {
    const request = ok("updateConversation", { conversation_id: "123", read: true, title: "T" })
    expect(request.method).toBe("PUT")
    expect(request.url).toBe("https://api.test/conversations/123")
    expect(request.headers).toMatchObject({
      accept: "application/json",
      "intercom-version": "2.14",
      "content-type": "application/json",
      authorization: "Bearer tok",
    })
    expect(JSON.parse(request.body as string)).toEqual({ read: true, title: "T" })
  })

  it("sends no body and no content type when none is given", () => {
    const request = ok("identifyAdmin", undefined)
    expect(request.url).toBe("https://api.test/me")
    expect(request.body).toBeUndefined()
    expect(request.headers["content-type"]).toBeUndefined()
  })

  it("refuses arguments that are not one object", () => {
    for (const args of ["x", 1, [], null]) {
      const error = refused("identifyAdmin", args)
      expect(error._tag).toBe("IntercomInvalidInputError")
      expect(error.message).toContain("Expected one object of arguments")
    }
  })

  it("refuses a path parameter that is empty, a dot segment or holds a slash, naming it", () => {
    for (
      const [id, reason] of [["", "non-empty"], [".", `not "."`], ["..", `not ".."`], ["1/2", "without /"]] as const
    ) {
      const error = refused("updateConversation", { conversation_id: id, read: true })
      expect(error.message, id).toContain("conversation_id")
      expect(error.message, id).toContain(reason)
    }
    expect(ok("updateConversation", { conversation_id: "a b", read: true }).url).toBe(
      "https://api.test/conversations/a%20b",
    )
  })

  it("refuses an argument the operation does not take, naming it", () => {
    const error = refused("updateConversation", { conversation_id: "1", not_a_field: 1 })
    expect(error.message).toContain("not_a_field")
  })

  it("adds per-call query values, dropping null ones and repeating arrays", () => {
    const request = ok("identifyAdmin", undefined, { extraQuery: { a: "1", b: [2, 3], c: null as never, d: true } })
    expect(request.url).toBe("https://api.test/me?a=1&b=2&b=3&d=true")
  })

  it("merges extra body fields into a JSON object body, and refuses them elsewhere", () => {
    const request = ok("updateConversation", { conversation_id: "1", read: true }, { extraBody: { custom: 1 } })
    expect(JSON.parse(request.body as string)).toEqual({ read: true, custom: 1 })
    expect(JSON.parse(ok("updateConversation", { conversation_id: "1" }, { extraBody: { custom: 1 } }).body as string))
      .toEqual({ custom: 1 })
    expect(refused("identifyAdmin", undefined, { extraBody: { custom: 1 } }).message).toContain("no JSON object body")
  })

  it("lower-cases per-call headers, which win over the client's", () => {
    const request = ok("identifyAdmin", undefined, {
      headers: { "X-Trace": "t", Accept: "text/plain" },
      extraHeaders: { "X-More": "m" },
    })
    expect(request.headers).toMatchObject({
      "x-trace": "t",
      accept: "text/plain",
      "x-more": "m",
      authorization: "Bearer tok",
    })
    expect(Object.keys(request.headers).every((k) => k === k.toLowerCase())).toBe(true)
  })

  it("uses a call's own version", () => {
    expect(ok("identifyAdmin", undefined, { version: "2.15" }).headers["intercom-version"]).toBe("2.15")
  })

  it("refuses a body field of the wrong type in strict mode, at the caller's name for it", () => {
    const error = refused("updateConversation", { conversation_id: "1", read: "yes" }, { validateRequests: "strict" })
    expect(error.message).toContain("read")
  })

  it("sends a body field of the wrong type as written by default, and reports it", () => {
    const request = ok("updateConversation", { conversation_id: "1", read: "yes" })
    expect(JSON.parse(request.body as string)).toEqual({ read: "yes" })
    expect(request.validation.map((issue) => issue.path)).toContain("read")
  })
})
