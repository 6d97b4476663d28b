// Validation modes next to the decoder: "warn" returns what came (an empty body, text that is not JSON, a body off
// the schema) with its issues instead of throwing, and does validate; "strict" fails; "off" does not look.
import * as Result from "effect/Result"
import { describe, expect, it } from "vitest"
import { operations } from "../src/generated/registry.ts"
import { IntercomDecodeError } from "../src/IntercomError.ts"
import { decodeResponse } from "../src/internal/decodeResponse.ts"
import { admin } from "@utdk/intercom-testing/fixtures"

const { identifyAdmin } = operations
const jsonHeaders = { "content-type": "application/json", "x-request-id": "req-h" }
const raw = (text: string, status = 200, headers: Record<string, string> = jsonHeaders) => ({ status, headers, text })

describe("decodeResponse in warn mode", () => {
  it("returns an empty 200 body as undefined with one issue, instead of throwing", () => {
    const result = decodeResponse(identifyAdmin, raw(""), 1, "warn")
    expect(Result.isSuccess(result)).toBe(true)
    if (!Result.isSuccess(result)) return
    expect(result.success.data).toBeUndefined()
    expect(result.success.validation).toEqual([{
      operation: "identifyAdmin",
      path: "$",
      expected: "a JSON body",
      got: "an empty body",
    }])
  })

  it("returns a body that is not JSON as its text with one issue, instead of throwing", () => {
    const result = decodeResponse(identifyAdmin, raw("<html>oops</html>"), 2, "warn")
    expect(Result.isSuccess(result)).toBe(true)
    if (!Result.isSuccess(result)) return
    expect(result.success.data).toBe("<html>oops</html>")
    expect(result.success.attempts).toBe(2)
    expect(result.success.validation).toEqual([{
      operation: "identifyAdmin",
      path: "$",
      expected: "a JSON body",
      got: "invalid JSON",
    }])
  })

  it("validates: a body off the schema comes back as received, with its issues", () => {
    const body = { ...admin, id: 42, extra: "kept" }
    const result = decodeResponse(identifyAdmin, raw(JSON.stringify(body)), 1, "warn")
    expect(Result.isSuccess(result)).toBe(true)
    if (!Result.isSuccess(result)) return
    expect(result.success.data).toEqual(body)
    expect(result.success.validation.length).toBeGreaterThan(0)
    expect(result.success.validation[0]).toMatchObject({ operation: "identifyAdmin", path: "$.id", got: "number 42" })
  })

  it("reports nothing for a body that fits, keeping unknown fields", () => {
    const body = { ...admin, extra: { kept: true } }
    const result = decodeResponse(identifyAdmin, raw(JSON.stringify(body)), 1, "warn")
    expect(Result.isSuccess(result) && result.success).toMatchObject({
      data: body,
      validation: [],
      status: 200,
      requestId: "req-h",
    })
  })
})

describe("decodeResponse in strict and off modes", () => {
  it("strict: an empty body, invalid JSON and a body off the schema fail with IntercomDecodeError", () => {
    for (const [text, path] of [["", "$"], ["{", "$"], [JSON.stringify({ ...admin, id: 42 }), "$.id"]] as const) {
      const result = decodeResponse(
        identifyAdmin,
        raw(text, 200, { "content-type": "application/json", "x-request-id": "r1" }),
        3,
        "strict",
      )
      expect(Result.isFailure(result), text).toBe(true)
      if (!Result.isFailure(result)) continue
      expect(result.failure).toBeInstanceOf(IntercomDecodeError)
      expect(result.failure).toMatchObject({
        operation: "identifyAdmin",
        status: 200,
        path,
        attempts: 3,
        requestId: "r1",
      })
    }
  })

  it("strict is the default", () => {
    expect(Result.isFailure(decodeResponse(identifyAdmin, raw(""), 1))).toBe(true)
  })

  it("off: returns any JSON as received, without issues", () => {
    const body = { id: 42 }
    const result = decodeResponse(identifyAdmin, raw(JSON.stringify(body)), 1, "off")
    expect(Result.isSuccess(result) && result.success).toMatchObject({ data: body, validation: [] })
  })

  it("an empty 204 is undefined in every mode, and the request id comes from the body first", () => {
    for (const mode of ["strict", "warn", "off"] as const) {
      const result = decodeResponse(identifyAdmin, raw("", 204), 1, mode)
      expect(Result.isSuccess(result) && result.success).toMatchObject({ data: undefined, status: 204, validation: [] })
    }
    const result = decodeResponse(identifyAdmin, raw(JSON.stringify({ ...admin, request_id: "req-b" })), 1)
    expect(Result.isSuccess(result) && result.success.requestId).toBe("req-b")
  })
})
