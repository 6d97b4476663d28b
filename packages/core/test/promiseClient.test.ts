import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { anyChecksOf } from "../src/internal/schemaChecks.ts"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import type { IntercomPromiseClient } from "../src/IntercomClient.ts"
import type { IntercomOptions } from "../src/IntercomConfig.ts"
import * as IntercomError from "../src/IntercomError.ts"
import * as HttpClient from "effect/http/HttpClient"
import { installPromiseMethods, makePromiseRunner, type PromiseRunner } from "../src/PromiseClient.ts"
import { promiseEngine } from "../src/PromiseEngine.ts"
import { makeRequestFunction } from "../src/RequestFunction.ts"
import * as Transport from "../src/Transport.ts"
import { testOperations, updateConversation, getMe } from "./support/operations.ts"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"

interface TestClient extends IntercomPromiseClient<typeof testOperations> {}
class TestClient {
  readonly #runner: PromiseRunner
  constructor(options: () => IntercomOptions) {
    this.#runner = makePromiseRunner(
      () => ({ engine: { ...promiseEngine, operations: testOperations }, transport: Transport.fetch, options }),
      true,
    )
  }
  static {
    installPromiseMethods(this.prototype, (self: TestClient) => self.#runner, testOperations)
  }
}

const conversation = { type: "conversation", id: "1", title: null }

describe("Promise clients", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.url.startsWith("/conversations/slow")) return
      if (req.url.startsWith("/conversations/missing")) {
        return json(res, 404, {
          type: "error.list",
          request_id: "r1",
          errors: [{ code: "not_found", message: "nope" }],
        })
      }
      json(res, 200, conversation, { "x-request-id": "hdr" })
    })
  })
  afterAll(() => server.close())

  it("resolves to the decoded body; withResponse adds status, headers and the request id", async () => {
    const client = new TestClient(() => ({ token: "t", baseUrl: server.url }))
    expect(await client.updateConversation({ conversation_id: "1", read: true })).toEqual(conversation)
    const response = await client.withResponse.updateConversation({ conversation_id: "1" })
    expect(response.status).toBe(200)
    expect(response.requestId).toBe("hdr")
    expect(response.data).toEqual(conversation)
    expect(client.withResponse).toBe(client.withResponse)
  })

  it("rejects with the tagged error instance itself", async () => {
    const client = new TestClient(() => ({ token: "t", baseUrl: server.url }))
    const error = await client.updateConversation({ conversation_id: "missing" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomError.IntercomNotFoundError)
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      _tag: "IntercomNotFoundError",
      status: 404,
      requestId: "r1",
      errors: [{ code: "not_found", message: "nope" }],
    })
    expect(IntercomError.isIntercomError(error)).toBe(true)
  })

  it("a method the client's version lacks rejects with IntercomNotInVersionError naming the versions that have it; nothing is sent", async () => {
    const pinnedTo = (version: string | undefined) =>
      makePromiseRunner(() => ({
        engine: promiseEngine,
        operations: testOperations,
        version,
        transport: Transport.fetch,
        options: () => ({ token: "t", baseUrl: server.url }),
      }), true)
    const before = server.requests.length
    const error = await pinnedTo("2.14").run("attachTagToArticle", { article_id: "1", id: "2" }, undefined, false)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomError.IntercomNotInVersionError)
    expect(IntercomError.isIntercomError(error)).toBe(true)
    expect(error).toMatchObject({
      _tag: "IntercomNotInVersionError",
      operation: "attachTagToArticle",
      version: "2.14",
      versions: ["2.16", "Preview"],
      message:
        "intercom: attachTagToArticle does not exist in Intercom-Version 2.14, the version this client is pinned to; it exists in 2.16, Preview",
    })
    const paged = await pinnedTo("2.14").iterate("listMacros", undefined, undefined)[Symbol.asyncIterator]().next()
      .catch((e: unknown) => e)
    expect(paged).toMatchObject({ _tag: "IntercomNotInVersionError", operation: "listMacros", version: "2.14" })
    // An older name some versions gave an operation: the versions that had that name. No version: the newest.
    const alias = await pinnedTo(undefined).run("getCustomObjectInstancesByExternalId", {}, undefined, true)
      .catch((e: unknown) => e)
    expect(alias).toMatchObject({ version: "2.16", versions: ["2.13", "2.14", "2.15"] })
    const unknown = await pinnedTo("2.14").run("noSuchMethod", {}, undefined, false).catch((e: unknown) => e)
    expect((unknown as Error).message).toBe(
      "intercom: noSuchMethod does not exist in Intercom-Version 2.14, the version this client is pinned to",
    )
    expect(server.requests.length).toBe(before)
  })

  it("resolves configuration at the first call: a missing token rejects that call, not the construction", async () => {
    let reads = 0
    const client = new TestClient(() => {
      reads++
      return { baseUrl: server.url }
    })
    expect(reads).toBe(0)
    const error = await client.getMe().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomError.IntercomConfigError)
    expect((error as Error).message).toContain("INTERCOM_ACCESS_TOKEN")
    expect(reads).toBe(1)
  })

  it("an aborted signal interrupts the call and rejects with IntercomAbortError, the signal's reason as its cause", async () => {
    const client = new TestClient(() => ({ token: "t", baseUrl: server.url }))
    const controller = new AbortController()
    const pending = client.updateConversation({ conversation_id: "slow" }, { signal: controller.signal }).catch((
      e: unknown,
    ) => e)
    const reason = new Error("user cancelled")
    setTimeout(() => controller.abort(reason), 50)
    const error = await pending
    expect(error).toBeInstanceOf(IntercomError.IntercomAbortError)
    expect(error).toBeInstanceOf(IntercomError.IntercomError)
    expect(IntercomError.isIntercomError(error)).toBe(true)
    expect((error as IntercomError.IntercomAbortError).cause).toBe(reason)
    expect((error as IntercomError.IntercomAbortError).message).toBe(
      "updateConversation: aborted by the caller (user cancelled)",
    )
    // Aborted before it was sent: the same error, nothing goes out.
    const before = server.requests.length
    const already =
      (await client.getMe({}, { signal: AbortSignal.abort() }).catch((e: unknown) =>
        e
      )) as IntercomError.IntercomAbortError
    expect(already._tag).toBe("IntercomAbortError")
    expect((already.cause as DOMException).name).toBe("AbortError")
    expect(server.requests.length).toBe(before)
    // Caught by tag in an Effect program that wraps the Promise call.
    const caught = await Effect.runPromise(
      Effect.tryPromise({
        try: () => client.getMe({}, { signal: AbortSignal.abort("gone") }),
        catch: (e) => e as IntercomError.IntercomError,
      }).pipe(Effect.catchTag("IntercomAbortError", (e) => Effect.succeed(e.cause))),
    )
    expect(caught).toBe("gone")
  })

  it.each([
    [
      "an HttpClient",
      makeRequestFunction({
        transport: Transport.fromHttpClient(
          Effect.runSync(Effect.provide(HttpClient.HttpClient.use(Effect.succeed), FetchHttpClient.layer)),
        ),
        requireToken: false,
        checksOf: anyChecksOf,
      }),
    ],
    [
      "the bare fetch transport",
      makeRequestFunction({ transport: Transport.fetch, requireToken: false, checksOf: anyChecksOf }),
    ],
  ])("the function form over %s runs any operation it is given", async (_, request) => {
    expect(await request(updateConversation, { conversation_id: "1", read: true }, { baseUrl: server.url })).toEqual(
      conversation,
    )
    const body = server.requests.at(-1)!
    expect(body.method).toBe("PUT")
    expect(body.headers["content-type"]).toBe("application/json")
    expect(JSON.parse(body.body)).toEqual({ read: true })
    const response = await request.withResponse(getMe, {}, { baseUrl: server.url, headers: { "x-a": "b" } })
    expect(response.status).toBe(200)
    expect(response.requestId).toBe("hdr")
    const sent = server.requests.at(-1)!
    expect(sent.headers["x-a"]).toBe("b")
    expect(sent.headers.authorization).toBeUndefined()
    const notFound = await request(updateConversation, { conversation_id: "missing" }, { baseUrl: server.url }).catch((
      e: unknown,
    ) => e)
    expect(notFound).toBeInstanceOf(IntercomError.IntercomNotFoundError)
    const timedOut = await request(updateConversation, { conversation_id: "slow" }, {
      baseUrl: server.url,
      timeout: 100,
      maxRetries: 0,
    }).catch(
      (e: unknown) => e,
    )
    expect(timedOut).toBeInstanceOf(IntercomError.IntercomTimeoutError)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const aborted = await request(updateConversation, { conversation_id: "slow" }, {
      baseUrl: server.url,
      signal: controller.signal,
    }).catch(
      (e: unknown) => e,
    )
    expect(aborted).toBeInstanceOf(IntercomError.IntercomAbortError)
    expect(((aborted as IntercomError.IntercomAbortError).cause as DOMException).name).toBe("AbortError")
    const closed = await startServer(() => {})
    await closed.close()
    const refused = await request(getMe, {}, { baseUrl: closed.url, maxRetries: 0 }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(IntercomError.IntercomTransportError)
  })
})
