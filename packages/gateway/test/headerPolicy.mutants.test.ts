// Header policy next to its module: Content-Encoding is dropped when the transport already decoded the body (the
// caller would otherwise decode plain bytes), kept when the bytes are forwarded as received.
import { describe, expect, it } from "vitest"
import { callerRequestId, copyResponseHeaders, isSafeHeaderValue, upstreamRequestHeaders } from "../src/HeaderPolicy.ts"

describe("copyResponseHeaders", () => {
  const upstream = new Headers({
    "content-type": "application/json",
    "content-encoding": "gzip",
    "set-cookie": "a=b",
    "x-ratelimit-remaining": "9",
    "sl-violations": "[]",
  })

  it("drops Content-Encoding of a decoded body and keeps it on raw bytes", () => {
    expect(copyResponseHeaders(upstream, {}, { decoded: true, standIn: false })).toEqual({
      "content-type": "application/json",
      "x-ratelimit-remaining": "9",
    })
    expect(copyResponseHeaders(upstream, {}, { decoded: false, standIn: false })).toEqual({
      "content-type": "application/json",
      "content-encoding": "gzip",
      "x-ratelimit-remaining": "9",
    })
  })

  it("passes a stand-in's diagnostics only from a stand-in", () => {
    expect(copyResponseHeaders(upstream, {}, { decoded: true, standIn: true })["sl-violations"]).toBe("[]")
    expect(copyResponseHeaders(upstream, {}, { decoded: true, standIn: false })["sl-violations"]).toBeUndefined()
  })

  it("refuses upstream values that are not safe header text", () => {
    const bad = {
      get: (name: string) => (name === "location" ? "/x\r\nset-cookie: a=b" : name === "sl-violations" ? "a\nb" : null),
    }
    expect(copyResponseHeaders(bad, {}, { decoded: false, standIn: true })).toEqual({})
  })
})

describe("upstreamRequestHeaders", () => {
  it("forwards the allow-listed caller headers, and its own credentials, id and agent", () => {
    const incoming = new Headers({
      accept: "application/json",
      "content-type": "application/json",
      "intercom-version": "2.14",
      "x-intercom-retry-count": "2",
      "x-request-id": "caller-id",
      authorization: "Bearer caller",
      cookie: "a=b",
    })
    expect(upstreamRequestHeaders(incoming, { token: "tok", requestId: "rid", userAgent: "ua" })).toEqual({
      accept: "application/json",
      "content-type": "application/json",
      "intercom-version": "2.14",
      "x-intercom-retry-count": "2",
      "x-request-id": "rid",
      "accept-encoding": "identity",
      authorization: "Bearer tok",
      "user-agent": "ua",
    })
  })

  it("drops a malformed version, retry count or unsafe value", () => {
    const incoming = new Headers({
      "intercom-version": "2.14; x",
      "x-intercom-retry-count": "1000",
      accept: "a".repeat(1025),
    })
    expect(upstreamRequestHeaders(incoming, { token: "t", requestId: "r", userAgent: "u" })).toEqual({
      "x-request-id": "r",
      "accept-encoding": "identity",
      authorization: "Bearer t",
      "user-agent": "u",
    })
    expect(
      upstreamRequestHeaders(new Headers({ "intercom-version": "a".repeat(17), "x-intercom-retry-count": "x1" }), {
        token: "t",
        requestId: "r",
        userAgent: "u",
      }),
    ).toEqual({
      "x-request-id": "r",
      "accept-encoding": "identity",
      authorization: "Bearer t",
      "user-agent": "u",
    })
  })
})

describe("callerRequestId and isSafeHeaderValue", () => {
  it("keeps a well-formed caller id only", () => {
    expect(callerRequestId(new Headers({ "x-request-id": "a.b_c:d-1" }))).toBe("a.b_c:d-1")
    expect(callerRequestId(new Headers({ "x-request-id": "a b" }))).toBeUndefined()
    expect(callerRequestId(new Headers({ "x-request-id": "a".repeat(129) }))).toBeUndefined()
    expect(callerRequestId(new Headers({ "x-request-id": "a".repeat(128) }))).toBe("a".repeat(128))
    expect(callerRequestId(new Headers())).toBeUndefined()
  })

  it("accepts visible ASCII, spaces and tabs up to 1024 characters", () => {
    expect(isSafeHeaderValue("a\tb c~")).toBe(true)
    expect(isSafeHeaderValue("a".repeat(1024))).toBe(true)
    expect(isSafeHeaderValue("a".repeat(1025))).toBe(false)
    expect(isSafeHeaderValue("a\u0000")).toBe(false)
    expect(isSafeHeaderValue("é")).toBe(false)
  })
})
