// Error mapping from a non-2xx response, next to its module: Intercom's error shapes become `errors` entries, the
// message names them, the request id and the credential hints; a 429 carries its server delay.
import { describe, expect, it } from "vitest"
import { operations } from "../src/generated/registry.ts"
import { decodeResponse, responseError } from "../src/internal/decodeResponse.ts"
import * as Result from "effect/Result"

const op = operations.identifyAdmin
const error = (
  status: number,
  body: unknown,
  headers: Record<string, string> = { "content-type": "application/json" },
) => responseError(op, { status, headers, text: typeof body === "string" ? body : JSON.stringify(body) }, 2, 1_000_000)

describe("responseError", () => {
  it("reads an error.list, code falling back to type then unknown", () => {
    const e = error(400, {
      type: "error.list",
      request_id: "req-1",
      errors: [{ code: "parameter_invalid", message: "Bad id", field: "id" }, { type: "other" }, {
        message: "only text",
      }],
    })
    expect(e.errors).toEqual([
      { code: "parameter_invalid", message: "Bad id", field: "id" },
      { code: "other", message: "" },
      { code: "unknown", message: "only text" },
    ])
    expect(e.message).toBe(
      "identifyAdmin failed with status 400 (parameter_invalid: Bad id; other; unknown: only text) [request_id req-1]",
    )
    expect(e).toMatchObject({
      _tag: "IntercomBadRequestError",
      status: 400,
      requestId: "req-1",
      attempts: 2,
      operation: "identifyAdmin",
    })
  })

  it("reads a field-to-message map as invalid entries", () => {
    expect(error(422, { errors: { email: "is taken", age: 3 } }).errors).toEqual([
      { code: "invalid", message: "is taken", field: "email" },
      { code: "invalid", message: "3", field: "age" },
    ])
    expect(error(422, { errors: null, message: "m" }).errors).toEqual([{ code: "unknown", message: "m" }])
  })

  it("reads a flat error_key, code or type with a message, or a code alone", () => {
    expect(error(400, { error_key: "k", code: "c", message: "m" }).errors).toEqual([{ code: "k", message: "m" }])
    expect(error(400, { code: "c", message: "m" }).errors).toEqual([{ code: "c", message: "m" }])
    expect(error(400, { type: "bad_thing", message: "m" }).errors).toEqual([{ code: "bad_thing", message: "m" }])
    expect(error(400, { type: "error", message: "m" }).errors).toEqual([{ code: "unknown", message: "m" }])
    expect(error(400, { code: "only_code" }).errors).toEqual([{ code: "only_code", message: "" }])
    expect(error(400, { type: "error" }).errors).toEqual([])
    expect(error(400, {}).message).toBe("identifyAdmin failed with status 400")
  })

  it("keeps a text body as text, and an empty one as undefined", () => {
    expect(error(502, "<html>bad gateway</html>", {}).body).toBe("<html>bad gateway</html>")
    expect(error(502, "", {}).body).toBeUndefined()
    expect(error(502, "", {})._tag).toBe("IntercomServerError")
  })

  it("adds a hint on 401 and 403, and takes the request id from a header when the body has none", () => {
    expect(error(401, {}, { "x-request-id": "h-1" }).message).toMatch(
      /^identifyAdmin failed with status 401: check the access token .* \[request_id h-1\]$/,
    )
    expect(error(403, {}, { "x-intercom-request-id": "h-2" }).message).toMatch(
      /: check the app's OAuth scopes .* \[request_id h-2\]$/,
    )
    expect(error(404, {}).message).toBe("identifyAdmin failed with status 404")
  })

  it("gives a 429 its server delay", () => {
    expect(error(429, {}, { "retry-after": "7" })).toMatchObject({ _tag: "IntercomRateLimitedError", retryAfter: 7000 })
    expect((error(429, {}) as { retryAfter?: number }).retryAfter).toBeUndefined()
  })
})

describe("decodeResponse without a schema", () => {
  const noSchema = Object.values(operations).find((o) => o.success.schema === undefined)!

  it("parses a JSON body and returns any other text as it is", () => {
    const json = decodeResponse(noSchema, {
      status: 200,
      headers: { "content-type": "application/vnd.api+json" },
      text: `{"a":1}`,
    }, 1)
    expect(Result.isSuccess(json) && json.success.data).toEqual({ a: 1 })
    const text = decodeResponse(
      noSchema,
      { status: 200, headers: { "content-type": "text/plain" }, text: `{"a":1}` },
      1,
    )
    expect(Result.isSuccess(text) && text.success.data).toBe(`{"a":1}`)
    const bare = decodeResponse(noSchema, { status: 200, headers: {}, text: `{"a":1}` }, 1)
    expect(Result.isSuccess(bare) && bare.success.data).toBe(`{"a":1}`)
    const broken = decodeResponse(noSchema, {
      status: 200,
      headers: { "content-type": "application/json" },
      text: `{"a"`,
    }, 1)
    expect(Result.isSuccess(broken) && broken.success.data).toBe(`{"a"`)
  })
})
