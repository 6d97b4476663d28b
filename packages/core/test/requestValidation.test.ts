// Requests get the same validation modes as responses: what the description does not allow is the API's to judge
// (real Intercom takes more than its description says), so by default it is sent as written and reported; `strict`
// refuses it, listing every problem. What no request can mean is refused in every mode.
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import { makeClient } from "../src/internal/client.ts"
import { resolveConfig } from "../src/internal/config.ts"
import { runCall } from "../src/internal/promiseInterpreter.ts"
import { anyChecksOf } from "../src/internal/schemaChecks.ts"
import type { IntercomOptions, Logger } from "../src/IntercomConfig.ts"
import type * as IntercomError from "../src/IntercomError.ts"
import type { Operation, OperationDescriptor } from "../src/Operation.ts"
import { buildRequest } from "../src/Request.ts"
import * as Transport from "../src/Transport.ts"
import { testOperations, updateConversation } from "./support/operations.ts"

// A body that is one of three shapes told apart by their identifying key, as Intercom's data events are.
const identified = (key: string) =>
  Schema.Struct({
    event_name: Schema.String,
    [key]: Schema.String,
    metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  })
const trackEvent = {
  name: "trackEvent",
  operationId: "trackEvent",
  summary: "trackEvent",
  tags: ["Test"],
  deprecated: false,
  method: "POST",
  path: "/events",
  parameters: [],
  body: {
    contentType: "application/json",
    required: true,
    flat: true,
    renamed: {},
    schema: Schema.Union([identified("id"), identified("user_id"), identified("email")]),
  },
  success: { status: 200, schema: undefined },
  errorStatuses: [400],
  pagination: "none",
  searchQuery: false,
  accept: "application/json",
  retrySafe: false,
} as unknown as Operation<Record<string, unknown>, unknown>

const operations = { ...testOperations, trackEvent }

const recordingLogger = () => {
  const lines: Array<string> = []
  const logger: Logger = { error: (l) => lines.push(l), warn: (l) => lines.push(l), info: () => {}, debug: () => {} }
  return { lines, logger }
}

const invalid = (error: IntercomError.IntercomError) => {
  if (error._tag !== "IntercomInvalidInputError") throw error
  return error
}

describe("request validation modes", () => {
  let server: TestServer
  const conversation = { type: "conversation", id: "1" }
  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.url.startsWith("/conversations/thrice")) {
        return json(res, 200, { type: "conversation", id: 5, read: "yes", source: { author: { id: 42 } } })
      }
      json(res, 200, conversation)
    })
  })
  afterAll(() => server.close())

  const clientFor = (options: IntercomOptions) =>
    HttpClient.HttpClient.use((client) => {
      const config = resolveConfig({ token: "t", baseUrl: server.url, ...options }, { requireToken: false })
      if (Result.isFailure(config)) return Effect.die(config.failure)
      return Effect.succeed(makeClient(operations, { client, config: config.success }))
    }).pipe(Effect.provide(FetchHttpClient.layer))

  const wrong = { conversation_id: "1", read: "yes", title: 7, display_as: 3 } as never

  it.live("by default, a value the description does not allow is sent as written and reported (logger, withResponse)", () =>
    Effect.gen(function*() {
      const { lines, logger } = recordingLogger()
      const intercom = yield* clientFor({ logger })
      const before = server.requests.length
      const response = yield* intercom.withResponse.updateConversation(wrong)
      const sent = server.requests[before]!
      expect(sent.body).toBe(JSON.stringify({ read: "yes", title: 7 }))
      expect(sent.url).toBe("/conversations/1?display_as=3")
      expect(response.validation).toEqual([
        { operation: "updateConversation", in: "request", path: "display_as", expected: "string", got: "number 3" },
        { operation: "updateConversation", in: "request", path: "read", expected: "boolean", got: "string" },
        { operation: "updateConversation", in: "request", path: "title", expected: "string", got: "number 7" },
      ])
      expect(lines).toEqual([
        "[intercom] argument differs from the spec (sent as written) operation=updateConversation path=display_as expected=\"string\" got=\"number 3\"",
        "[intercom] argument differs from the spec (sent as written) operation=updateConversation path=read expected=\"boolean\" got=\"string\"",
        "[intercom] argument differs from the spec (sent as written) operation=updateConversation path=title expected=\"string\" got=\"number 7\"",
      ])
      // "off" sends it without looking.
      const quiet = yield* intercom.withResponse.updateConversation(wrong, { validateRequests: "off" })
      expect(quiet.validation).toEqual([])
      expect(server.requests[before + 1]!.body).toBe(sent.body)
    }))

  it.live("the Promise interpreter reports and sends the same way", () =>
    Effect.promise(async () => {
      const { lines, logger } = recordingLogger()
      const config = Result.getOrThrow(
        resolveConfig({ token: "t", baseUrl: server.url, logger }, { requireToken: true }),
      )
      const before = server.requests.length
      const response = (await runCall(
        { config, transport: Transport.fetch, checksOf: anyChecksOf },
        updateConversation,
        wrong,
        undefined,
      )) as {
        readonly validation: ReadonlyArray<unknown>
      }
      expect(server.requests[before]!.body).toBe(JSON.stringify({ read: "yes", title: 7 }))
      expect(response.validation).toHaveLength(3)
      expect(lines).toHaveLength(3)
    }))

  it.live("strict refuses the call, listing every problem, and sends nothing", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ validateRequests: "strict" })
      const before = server.requests.length
      const error = invalid(yield* Effect.flip(intercom.updateConversation(wrong)))
      expect(error.issues.map((issue) => issue.path)).toEqual(["display_as", "read", "title"])
      expect(error.message).toBe(
        "updateConversation: invalid argument `display_as`: Expected string, got number 3; `read`: Expected boolean, got string; `title`: Expected string, got number 7",
      )
      // The call's option wins over the client's, both ways.
      yield* intercom.updateConversation(wrong, { validateRequests: "warn" })
      expect(server.requests.length).toBe(before + 1)
    }))

  it.live("what no request can mean is refused in every mode", () =>
    Effect.gen(function*() {
      const before = server.requests.length
      for (const validateRequests of ["warn", "off", "strict"] as const) {
        const intercom = yield* clientFor({ validateRequests })
        const missing = invalid(yield* Effect.flip(intercom.updateConversation({ read: true } as never)))
        expect(missing.field).toBe("conversation_id")
        const empty = invalid(yield* Effect.flip(intercom.updateConversation({ conversation_id: "" })))
        expect(empty.message).toContain("Expected a non-empty path parameter")
        const dots = invalid(yield* Effect.flip(intercom.updateConversation({ conversation_id: ".." })))
        expect(dots.field).toBe("conversation_id")
        const object = invalid(
          yield* Effect.flip(intercom.updateConversation({ conversation_id: { id: "1" } } as never)),
        )
        expect(object.message).toContain("Expected an id, got object")
        const unknown = invalid(yield* Effect.flip(intercom.deleteThing({ id: "1", nope: 1 } as never)))
        expect(unknown.field).toBe("nope")
        const unknownBody = invalid(yield* Effect.flip(intercom.trackEvent({ event_name: "e", user_id: "u", nope: 1 })))
        expect(unknownBody.field).toBe("nope")
      }
      expect(server.requests.length).toBe(before)
    }))

  it.live("a union no member matches names the member that came closest and the value that broke it", () =>
    Effect.gen(function*() {
      const intercom = yield* clientFor({ validateRequests: "strict" })
      const error = invalid(
        yield* Effect.flip(intercom.trackEvent({ event_name: "ordered", user_id: "u1", metadata: { order_count: 3 } })),
      )
      expect(error.field).toBe("metadata.order_count")
      expect(error.issues).toEqual([
        {
          path: "metadata.order_count",
          message: "Expected string (closest of 3 alternatives: the alternative with `user_id`), got number 3",
        },
      ])
      // In warn mode it is sent as written, with the same finding.
      const { lines, logger } = recordingLogger()
      const warn = yield* clientFor({ logger })
      const before = server.requests.length
      const response = yield* warn.withResponse.trackEvent({
        event_name: "ordered",
        user_id: "u1",
        metadata: { order_count: 3 },
      })
      expect(JSON.parse(server.requests[before]!.body)).toEqual({
        event_name: "ordered",
        user_id: "u1",
        metadata: { order_count: 3 },
      })
      expect(response.validation).toEqual([
        {
          operation: "trackEvent",
          in: "request",
          path: "metadata.order_count",
          expected: "string (closest of 3 alternatives: the alternative with `user_id`)",
          got: "number 3",
        },
      ])
      expect(lines).toHaveLength(1)
    }))

  it("the public buildRequest says what would be sent as written", () => {
    const built = buildRequest(updateConversation as unknown as OperationDescriptor as never, wrong)
    if (Result.isFailure(built)) throw built.failure
    expect(built.success.validation.map((issue) => issue.path)).toEqual(["display_as", "read", "title"])
    const strict = buildRequest(updateConversation as never, wrong, { validateRequests: "strict" })
    expect(Result.isFailure(strict)).toBe(true)
  })
})

describe("response validation: strict lists every problem, like warn", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((_req, res) =>
      json(res, 200, { type: "conversation", id: 5, read: "yes", source: { author: { id: 42 } } })
    )
  })
  afterAll(() => server.close())

  it.live("the IntercomDecodeError's issues are the warn mode's mismatches", () =>
    Effect.gen(function*() {
      const intercom = yield* HttpClient.HttpClient.use((client) => {
        const config = Result.getOrThrow(
          resolveConfig({ token: "t", baseUrl: server.url, logLevel: "off" }, { requireToken: false }),
        )
        return Effect.succeed(makeClient(operations, { client, config }))
      }).pipe(Effect.provide(FetchHttpClient.layer))
      const warned = yield* intercom.withResponse.updateConversation({ conversation_id: "1" })
      const error = yield* Effect.flip(
        intercom.updateConversation({ conversation_id: "1" }, { validateResponses: "strict" }),
      )
      if (error._tag !== "IntercomDecodeError") throw error
      expect(warned.validation.map((issue) => issue.path)).toEqual(["$.id", "$.read", "$.source.author.id"])
      expect(error.issues.map((issue) => issue.path)).toEqual(warned.validation.map((issue) => issue.path))
      expect(error.path).toBe("$.id")
    }))
})
