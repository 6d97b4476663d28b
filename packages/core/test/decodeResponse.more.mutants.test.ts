// The decoder's edges next to its module: strict failures say what and where, a body without a schema or with a
// declared non-JSON type is taken as it comes, the request's own issues come first, and error values keep their
// fields (a field only when there is one, a server delay only on 429).
import * as Result from "effect/Result"
import { describe, expect, it } from "vitest"
import { operations } from "../src/generated/registry.ts"
import { IntercomDecodeError, IntercomError, isIntercomError } from "../src/IntercomError.ts"
import { decodeResponse, responseError } from "../src/internal/decodeResponse.ts"
import type { OperationDescriptor } from "../src/Operation.ts"
import type { ValidationIssue } from "../src/ClientOptions.ts"
import { admin } from "@utdk/intercom-testing/fixtures"

const { identifyAdmin } = operations
const json = { "content-type": "application/json" }
const raw = (text: string, status = 200, headers: Record<string, string> = json) => ({ status, headers, text })
const failure = (result: ReturnType<typeof decodeResponse>) => {
  if (Result.isSuccess(result)) throw new Error("decoded")
  return result.failure
}
const success = (result: ReturnType<typeof decodeResponse>) => {
  if (Result.isFailure(result)) throw result.failure
  return result.success
}
const noSchema = { ...identifyAdmin, success: { status: 200, schema: undefined } } as unknown as OperationDescriptor

describe("strict decoding failures", () => {
  it("an empty 200 body: says so at $", () => {
    const error = failure(decodeResponse(identifyAdmin, raw(""), 1, "strict"))
    expect(error).toBeInstanceOf(IntercomDecodeError)
    expect(error.message).toBe("identifyAdmin: unexpected response body at $: expected a JSON body, got an empty one")
    expect(error.issues).toEqual([{ path: "$", message: "Empty body" }])
  })

  it("invalid JSON, whether declared JSON or not declared at all", () => {
    for (const headers of [json, {}]) {
      const error = failure(decodeResponse(identifyAdmin, raw("{not json", 200, headers), 1, "strict"))
      expect(error.message).toMatch(/^identifyAdmin: unexpected response body at \$: invalid JSON \(.+\)$/)
      expect(error.issues).toHaveLength(1)
      expect(error.issues[0]).toMatchObject({ path: "$", message: expect.stringMatching(/^Invalid JSON: .+/) })
    }
  })

  it("lists every mismatch, not only the first", () => {
    const error = failure(decodeResponse(identifyAdmin, raw(JSON.stringify({ ...admin, id: 1, name: 2 })), 1, "strict"))
    expect(error.issues.map((i) => i.path).sort()).toEqual(["$.id", "$.name"])
  })

  it("an empty 204 or 205 is no body in strict mode too", () => {
    for (const status of [204, 205]) {
      expect(success(decodeResponse(identifyAdmin, raw("", status), 1, "strict")).data).toBeUndefined()
    }
  })
})

describe("bodies without a JSON schema, or declared as something else", () => {
  it("without a schema: JSON when declared JSON (+json too), else the text; empty is undefined", () => {
    expect(success(decodeResponse(noSchema, raw("{\"a\":1}"), 1, "strict")).data).toEqual({ a: 1 })
    expect(
      success(
        decodeResponse(noSchema, raw("{\"a\":1}", 200, { "content-type": "application/vnd.api+json" }), 1, "strict"),
      ).data,
    ).toEqual({ a: 1 })
    expect(success(decodeResponse(noSchema, raw("{\"a\":1}", 200, { "content-type": "text/plain" }), 1, "strict")).data)
      .toBe("{\"a\":1}")
    expect(success(decodeResponse(noSchema, raw("{\"a\":1}", 200, {}), 1, "strict")).data).toBe("{\"a\":1}")
    expect(success(decodeResponse(noSchema, raw(""), 1, "strict")).data).toBeUndefined()
  })

  it("with a schema and a declared non-JSON type: the text, checked against the schema", () => {
    const error = failure(
      decodeResponse(identifyAdmin, raw("plain words", 200, { "content-type": "text/plain" }), 1, "strict"),
    )
    expect(error.message).not.toMatch(/invalid JSON/)
    expect(
      success(decodeResponse(identifyAdmin, raw("plain words", 200, { "content-type": "text/plain" }), 1, "warn")).data,
    ).toBe("plain words")
  })
})

describe("issues and request ids", () => {
  const sent: ValidationIssue = {
    operation: "identifyAdmin",
    in: "request",
    path: "x",
    expected: "string",
    got: "number 1",
  }

  it("puts the request's own issues first, then the body's; either alone as it is", () => {
    const off = success(decodeResponse(identifyAdmin, raw(JSON.stringify({ ...admin, id: 7 })), 1, "warn", [sent]))
    expect(off.validation[0]).toBe(sent)
    expect(off.validation.slice(1).map((i) => i.path)).toEqual(["$.id"])
    expect(success(decodeResponse(identifyAdmin, raw(JSON.stringify(admin)), 1, "warn", [sent])).validation).toEqual([
      sent,
    ])
    expect(
      success(decodeResponse(identifyAdmin, raw(JSON.stringify({ ...admin, id: 7 })), 1, "warn")).validation.map((i) =>
        i.path
      ),
    ).toEqual(["$.id"])
  })

  it("takes a non-empty string request_id from the body, else the header", () => {
    const headers = { ...json, "x-request-id": "from-header" }
    expect(
      success(
        decodeResponse(
          identifyAdmin,
          raw(JSON.stringify({ ...admin, request_id: "from-body" }), 200, headers),
          1,
          "warn",
        ),
      ).requestId,
    ).toBe("from-body")
    for (const id of ["", 5, null]) {
      expect(
        success(
          decodeResponse(identifyAdmin, raw(JSON.stringify({ ...admin, request_id: id }), 200, headers), 1, "warn"),
        ).requestId,
        String(id),
      ).toBe("from-header")
    }
  })
})

describe("responseError fields", () => {
  const error = (status: number, body: unknown, headers: Record<string, string> = json) =>
    responseError(identifyAdmin, { status, headers, text: JSON.stringify(body) }, 1, 1_000_000)

  it("gives an error entry a field only when it names one", () => {
    const e = error(400, {
      type: "error.list",
      errors: [{ code: "bad", message: "m" }, { code: "bad", message: "m", field: "email" }],
    })
    expect(Object.keys(e.errors[0]!)).toEqual(["code", "message"])
    expect(e.errors[1]).toEqual({ code: "bad", message: "m", field: "email" })
  })

  it("reads a server delay on 429 only", () => {
    expect(error(429, {}, { ...json, "retry-after": "5" })).toMatchObject({ retryAfter: 5000 })
    expect((error(503, {}, { ...json, "retry-after": "5" }) as { retryAfter?: number }).retryAfter).toBeUndefined()
  })
})

describe("IntercomError", () => {
  it("keeps a message and a cause when given, and is empty without", () => {
    const cause = new Error("root")
    const withCause = new IntercomDecodeError({ message: "m", cause } as never)
    expect(withCause.message).toBe("m")
    expect(withCause.cause).toBe(cause)
    expect("cause" in new IntercomDecodeError({ message: "m" } as never)).toBe(false)
    expect(new IntercomDecodeError(undefined as never).message).toBe("")
  })

  it("tells the SDK's errors from others by class or by a known tag", () => {
    expect(isIntercomError(new IntercomDecodeError({ message: "m" } as never))).toBe(true)
    expect(isIntercomError(Object.assign(new Error("x"), { _tag: "IntercomDecodeError" }))).toBe(true)
    expect(isIntercomError(Object.assign(new Error("x"), { _tag: "Other" }))).toBe(false)
    expect(isIntercomError({ _tag: "IntercomDecodeError" })).toBe(false)
    expect(IntercomError).toBeDefined()
  })
})
