import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Result from "effect/Result"
import { makeClient } from "../src/internal/client.ts"
import { resolveConfig } from "../src/internal/config.ts"
import { type IntercomOptions, withEnvironment } from "../src/IntercomConfig.ts"
import { apiVersions } from "../src/Facts.ts"
import * as IntercomError from "../src/IntercomError.ts"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import { testOperations } from "./support/operations.ts"

const conversation = { type: "conversation", id: "123", title: "Refund", read: true, source: { author: { id: "9" } } }

const invalid = (error: IntercomError.IntercomError) => {
  if (error._tag !== "IntercomInvalidInputError") throw error
  return error
}

const clientFor = (options: IntercomOptions) =>
  HttpClient.HttpClient.use((client) => {
    const config = resolveConfig({ token: "secret-token", ...options }, { requireToken: false })
    if (Result.isFailure(config)) return Effect.die(config.failure)
    return Effect.succeed(makeClient(testOperations, { client, config: config.success }))
  }).pipe(Effect.provide(FetchHttpClient.layer))

describe("execute: request building", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((_req, res) => json(res, 200, conversation))
  })
  afterAll(() => server.close())

  it.live("sends auth, version and accept headers, the path parameter encoded, flat body keys", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const before = server.requests.length
      yield* intercom.updateConversation({
        conversation_id: "a b?",
        read: true,
        title: "Refund",
        display_as: "plaintext",
      })
      const sent = server.requests[before]!
      expect(sent.method).toBe("PUT")
      expect(sent.url).toBe("/conversations/a%20b%3F?display_as=plaintext")
      expect(sent.headers.authorization).toBe("Bearer secret-token")
      expect(sent.headers["intercom-version"]).toBe("2.16")
      expect(sent.headers.accept).toBe("application/json")
      expect(sent.headers["content-type"]).toBe("application/json")
      expect(JSON.parse(sent.body)).toEqual({ read: true, title: "Refund" })
    }))

  it.live("header parameters, per-call version and headers override the defaults", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url, version: "2.15", headers: { "x-default": "1" } })
      const before = server.requests.length
      yield* intercom.getMe()
      yield* intercom.getMe({}, { version: "2.14", headers: { "X-Extra": "yes" } })
      yield* intercom.getMe({ "Intercom-Version": "2.14" }, { version: "2.14" })
      const [a, b, c] = server.requests.slice(before)
      expect(a!.headers["intercom-version"]).toBe("2.15")
      expect(a!.headers["x-default"]).toBe("1")
      expect(b!.headers["intercom-version"]).toBe("2.14")
      expect(b!.headers["x-extra"]).toBe("yes")
      expect(c!.headers["intercom-version"]).toBe("2.14")
    }))

  it.live("one version rule: the option, INTERCOM_VERSION and the Intercom-Version field take the same values", () =>
    Effect.gen(function*() {
      const before = server.requests.length
      // Preview is sent exactly so, from the option, the environment and the field alike.
      const preview = yield* clientFor({ baseUrl: server.url, version: "Preview" })
      yield* preview.getMe()
      yield* preview.getMe({ "Intercom-Version": "Preview" })
      const fromEnv = yield* clientFor(withEnvironment({ baseUrl: server.url }, { INTERCOM_VERSION: "Preview" }))
      yield* fromEnv.getMe()
      // Unstable, the preview's former name, is its deprecated alias.
      const unstable = yield* clientFor({ baseUrl: server.url, version: "Unstable" })
      yield* unstable.getMe({ "Intercom-Version": "Unstable" })
      yield* unstable.getMe({ "Intercom-Version": "Preview" })
      expect(server.requests.slice(before).map((r) => r.headers["intercom-version"])).toEqual([
        "Preview",
        "Preview",
        "Preview",
        "Preview",
        "Preview",
      ])
      const sent = server.requests.length
      // A field that disagrees with the client's version is refused before sending, in every mode: never a silent
      // override of the option.
      const client = yield* clientFor({ baseUrl: server.url, version: "2.15" })
      for (const validateRequests of ["warn", "off", "strict"] as const) {
        const disagrees = invalid(
          yield* Effect.flip(client.getMe({ "Intercom-Version": "Preview" }, { validateRequests })),
        )
        expect(disagrees.field).toBe("[\"Intercom-Version\"]")
        expect(disagrees.message).toContain("Intercom-Version \"Preview\" disagrees with the client's \"2.15\"")
      }
      // The call's own `version` option is the client's for that call.
      const perCall = invalid(yield* Effect.flip(client.getMe({ "Intercom-Version": "2.15" }, { version: "2.14" })))
      expect(perCall.message).toContain("disagrees with the client's \"2.14\"")
      // An unknown value is refused with the same list everywhere.
      const field = invalid(yield* Effect.flip(client.getMe({ "Intercom-Version": "2.99" })))
      const option = invalid(yield* Effect.flip(client.getMe({}, { version: "2.99" as never })))
      const config = resolveConfig({ token: "t", version: "2.99" as never }, { requireToken: true })
      const env = resolveConfig(withEnvironment({ token: "t" }, { INTERCOM_VERSION: "2.99" }), { requireToken: true })
      const expected = `Unknown Intercom-Version "2.99": expected one of ${
        apiVersions.join(", ")
      } (Unstable is a deprecated alias of Preview)`
      expect(apiVersions).toContain("Preview")
      expect(field.issues[0]!.message).toBe(expected)
      expect(option.issues[0]!.message).toBe(expected)
      expect(Result.isFailure(config) && config.failure.message).toBe(`${expected}.`)
      expect(Result.isFailure(env) && env.failure.message).toBe(`${expected}.`)
      expect(server.requests.length).toBe(sent)
    }))

  it.live("serializes query arrays (repeated), form objects (exploded) and deepObject objects (nested)", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const before = server.requests.length
      yield* intercom.listThings({ ids: [1, 2], filter: { user_id: "u1" }, deep: { a: "x", b: "y" }, per_page: 5 })
      const url = new URL(server.requests[before]!.url, server.url)
      expect(url.searchParams.getAll("ids")).toEqual(["1", "2"])
      expect(url.searchParams.get("user_id")).toBe("u1")
      expect(url.searchParams.get("deep[a]")).toBe("x")
      expect(url.searchParams.get("deep[b]")).toBe("y")
      expect(url.searchParams.get("per_page")).toBe("5")
    }))

  it.live("maps renamed body keys back to their wire names, and sends non-flat bodies whole", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const before = server.requests.length
      yield* intercom.createThing({ id: "path-id", body_id: "body-id", name: "n" })
      yield* intercom.replaceTags({ body: ["a", "b"] })
      const [create, replace] = server.requests.slice(before)
      expect(create!.url).toBe("/things/path-id")
      expect(JSON.parse(create!.body)).toEqual({ id: "body-id", name: "n" })
      expect(JSON.parse(replace!.body)).toEqual(["a", "b"])
    }))

  it.live("keeps body fields the schema does not know", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const before = server.requests.length
      // The spread hides the unknown field from the excess-property check: a caller's object can carry one.
      // oxlint-disable-next-line no-useless-spread
      yield* intercom.updateConversation({ conversation_id: "1", read: false, ...{ future_field: { a: 1 } } })
      expect(JSON.parse(server.requests[before]!.body)).toEqual({ read: false, future_field: { a: 1 } })
    }))

  it.live("rejects bad input with IntercomInvalidInputError naming the field, and sends nothing", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const before = server.requests.length
      const missing = invalid(yield* Effect.flip(intercom.updateConversation({ read: true } as never)))
      expect(missing).toBeInstanceOf(IntercomError.IntercomInvalidInputError)
      expect(missing).toBeInstanceOf(Error)
      expect(missing._tag).toBe("IntercomInvalidInputError")
      expect(missing.field).toBe("conversation_id")
      const empty = invalid(yield* Effect.flip(intercom.updateConversation({ conversation_id: "" })))
      expect(empty.field).toBe("conversation_id")
      const strict = { validateRequests: "strict" } as const
      const wrongType = invalid(
        yield* Effect.flip(intercom.updateConversation({ conversation_id: "1", read: "yes" as never }, strict)),
      )
      expect(wrongType.field).toBe("read")
      expect(wrongType.message).toContain("`read`")
      const nested = invalid(yield* Effect.flip(intercom.createThing({ id: "1", body_id: 5 as never }, strict)))
      expect(nested.field).toBe("body_id")
      const unknown = invalid(yield* Effect.flip(intercom.deleteThing({ id: "1", nope: 1 } as never)))
      expect(unknown.field).toBe("nope")
      const nonFlat = invalid(yield* Effect.flip(intercom.replaceTags({ body: ["a", 1] as never }, strict)))
      expect(nonFlat.field).toBe("body[1]")
      expect(server.requests.length).toBe(before)
    }))
})

describe("execute: responses", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const path = req.url.split("?")[0]
      switch (path) {
        case "/conversations/extra":
          return json(res, 200, {
            ...conversation,
            brand_new: { nested: [1, 2] },
            source: { author: { id: "9", kind: "admin" } },
          })
        case "/conversations/malformed":
          return json(res, 200, "{\"type\":\"conversation\",")
        case "/conversations/wrong":
          return json(res, 200, { ...conversation, source: { author: { id: 42 } } }, { "x-request-id": "req-wrong" })
        case "/conversations/missing":
          return json(res, 404, {
            type: "error.list",
            request_id: "req-404",
            errors: [{ code: "conversation_not_found", message: "Conversation not found", field: "id" }],
          })
        case "/conversations/header-id":
          return json(res, 401, {
            type: "error.list",
            errors: [{ code: "unauthorized", message: "Access Token Invalid" }],
          }, { "x-request-id": "hdr-1" })
        case "/conversations/html":
          res.writeHead(502, { "content-type": "text/html" })
          return res.end("<html>bad gateway</html>")
        case "/things/gone":
          res.writeHead(204)
          return res.end()
        default:
          return json(res, 200, conversation)
      }
    })
  })
  afterAll(() => server.close())

  it.live("keeps unknown fields of the response, at every depth", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const result = yield* intercom.updateConversation({ conversation_id: "extra" })
      expect(result).toEqual({
        ...conversation,
        brand_new: { nested: [1, 2] },
        source: { author: { id: "9", kind: "admin" } },
      })
    }))

  it.live("gives undefined for 204", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      expect(yield* intercom.deleteThing({ id: "gone" })).toBeUndefined()
    }))

  it.live("malformed JSON is an IntercomDecodeError at $", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const error = yield* Effect.flip(
        intercom.updateConversation({ conversation_id: "malformed" }, { validateResponses: "strict" }),
      )
      expect(error).toBeInstanceOf(IntercomError.IntercomDecodeError)
      if (error._tag !== "IntercomDecodeError") throw error
      expect(error.path).toBe("$")
      expect(error.status).toBe(200)
    }))

  it.live("a wrong-typed field is an IntercomDecodeError naming its JSON path", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const error = yield* Effect.flip(
        intercom.updateConversation({ conversation_id: "wrong" }, { validateResponses: "strict" }),
      )
      if (error._tag !== "IntercomDecodeError") throw error
      expect(error.path).toBe("$.source.author.id")
      expect(error.message).toContain("$.source.author.id")
      expect(error.requestId).toBe("req-wrong")
      expect(error.issues[0]?.path).toBe("$.source.author.id")
    }))

  it.live("an error.list response becomes the tagged error of its status, with Intercom's fields", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const notFound = yield* Effect.flip(intercom.updateConversation({ conversation_id: "missing" }))
      expect(notFound).toBeInstanceOf(IntercomError.IntercomNotFoundError)
      if (notFound._tag !== "IntercomNotFoundError") throw notFound
      expect(notFound.status).toBe(404)
      expect(notFound.errors).toEqual([{
        code: "conversation_not_found",
        message: "Conversation not found",
        field: "id",
      }])
      expect(notFound.requestId).toBe("req-404")
      expect(notFound.headers["content-type"]).toBe("application/json")
      expect(notFound.attempts).toBe(1)
      expect(notFound.message).toContain("conversation_not_found")
      expect(notFound.message).not.toContain("secret-token")
      expect(typeof notFound.stack).toBe("string")

      const unauthorized = yield* Effect.flip(intercom.updateConversation({ conversation_id: "header-id" }))
      if (unauthorized._tag !== "IntercomUnauthorizedError") throw unauthorized
      expect(unauthorized.requestId).toBe("hdr-1")
      expect(unauthorized.errors[0]?.code).toBe("unauthorized")

      const html = yield* Effect.flip(intercom.updateConversation({ conversation_id: "html" }, { maxRetries: 0 }))
      if (html._tag !== "IntercomServerError") throw html
      expect(html.body).toBe("<html>bad gateway</html>")
      expect(html.errors).toEqual([])
    }))

  it("fromStatus picks one class per status class", () => {
    const fields = {
      message: "m",
      operation: "op",
      errors: [],
      requestId: undefined,
      headers: {},
      body: undefined,
      attempts: 1,
    }
    const tags = [400, 401, 403, 404, 409, 422, 429, 500, 503, 418].map((status) =>
      IntercomError.fromStatus(status, fields)._tag
    )
    expect(tags).toEqual([
      "IntercomBadRequestError",
      "IntercomUnauthorizedError",
      "IntercomForbiddenError",
      "IntercomNotFoundError",
      "IntercomConflictError",
      "IntercomUnprocessableError",
      "IntercomRateLimitedError",
      "IntercomServerError",
      "IntercomServerError",
      "IntercomStatusError",
    ])
  })
})

describe("execute: timeouts and retries", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const path = req.url.split("?")[0]!
      if (path.startsWith("/conversations/slow")) return // never answers: the client's timeout must fire
      if (path.startsWith("/conversations/flaky") || path.startsWith("/things/flaky")) {
        const seen = server.requests.filter((r) => r.url.split("?")[0] === path).length
        return seen < 3
          ? json(res, 503, { type: "error.list", errors: [] }, { "retry-after": "0" })
          : json(res, 200, conversation)
      }
      if (path.startsWith("/things/limited")) {
        const seen = server.requests.filter((r) => r.url.split("?")[0] === path).length
        return seen < 2
          ? json(res, 429, { type: "error.list", errors: [{ code: "rate_limit_exceeded", message: "slow down" }] }, {
            "retry-after": "0",
          })
          : json(res, 200, conversation)
      }
      return json(res, 500, { type: "error.list", errors: [{ code: "server_error", message: "boom" }] }, {
        "retry-after": "0",
      })
    })
  })
  afterAll(() => server.close())

  it.live("an attempt without a response in time fails with IntercomTimeoutError", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url, timeout: 150, maxRetries: 0 })
      const error = yield* Effect.flip(intercom.updateConversation({ conversation_id: "slow-1" }))
      expect(error).toBeInstanceOf(IntercomError.IntercomTimeoutError)
      if (error._tag !== "IntercomTimeoutError") throw error
      expect(error.timeout).toBe(150)
      expect(error.attempts).toBe(1)
    }))

  it.live("idempotent operations retry timeouts; per-call options win", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url, timeout: 10_000, maxRetries: 0 })
      const error = yield* Effect.flip(
        intercom.updateConversation({ conversation_id: "slow-2" }, { timeout: 100, maxRetries: 1 }),
      )
      if (error._tag !== "IntercomTimeoutError") throw error
      expect(error.attempts).toBe(2)
      // A busy machine can time an attempt out before it is written: at most the two reach the server.
      expect(server.requests.filter((r) => r.url === "/conversations/slow-2").length).toBeLessThanOrEqual(2)
    }))

  it.live("retries 5xx for retry-safe operations (Retry-After: 0) and reports the attempts", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const response = yield* intercom.withResponse.updateConversation({ conversation_id: "flaky" })
      expect(response.attempts).toBe(3)
      expect(response.status).toBe(200)
      expect(response.data.id).toBe("123")
    }))

  it.live("does not retry 5xx for a POST that is not retry-safe", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const error = yield* Effect.flip(intercom.createThing({ id: "boom", body_id: "x" }))
      if (error._tag !== "IntercomServerError") throw error
      expect(error.attempts).toBe(1)
      expect(error.errors[0]?.code).toBe("server_error")
    }))

  it.live("retries 429 for every operation (the request was refused, not processed)", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url })
      const response = yield* intercom.withResponse.createThing({ id: "limited", body_id: "x" })
      expect(response.attempts).toBe(2)
    }))

  it.live("gives up after maxRetries with the last error", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ baseUrl: server.url, maxRetries: 1 })
      const error = yield* Effect.flip(intercom.updateConversation({ conversation_id: "always-500" }))
      if (error._tag !== "IntercomServerError") throw error
      expect(error.attempts).toBe(2)
    }))
})

describe("execute: transport", () => {
  it.live("a refused connection is an IntercomTransportError", () =>
    Effect.gen(function*() {
      const closed = yield* Effect.promise(() => startServer(() => {}))
      yield* Effect.promise(() => closed.close())
      const intercom = yield* clientFor({ baseUrl: closed.url, maxRetries: 0 })
      const error = yield* Effect.flip(intercom.getMe())
      expect(error).toBeInstanceOf(IntercomError.IntercomTransportError)
      expect(error.message).not.toContain("secret-token")
    }))
})
