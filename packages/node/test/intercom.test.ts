// The Node client on real HTTP servers (127.0.0.1) and Prism: configuration from the environment at the first call,
// decode errors with JSON paths, timeouts, aborts, the Effect service under the same name.
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { inspect, promisify } from "node:util"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { prismUrl } from "@utdk/intercom-testing/inject"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import intercom, {
  Intercom,
  IntercomAbortError,
  IntercomConfigError,
  IntercomError,
  IntercomDecodeError,
  IntercomInvalidInputError,
  IntercomNotInVersionError,
  IntercomTimeoutError,
  IntercomUnauthorizedError,
} from "../src/index.ts"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"

const run = promisify(execFile)
const envKeys = ["INTERCOM_ACCESS_TOKEN", "INTERCOM_REGION", "INTERCOM_BASE_URL", "INTERCOM_VERSION"] as const
const savedEnv = Object.fromEntries(envKeys.map((key) => [key, process.env[key]]))
afterEach(() => {
  for (const key of envKeys) {
    if (savedEnv[key] === undefined) delete process.env[key]
    else process.env[key] = savedEnv[key]
  }
})

let server: TestServer
const closed: Array<string> = []

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = req.url.split("?")[0]!
    res.on("close", () => closed.push(path))
    switch (path) {
      case "/conversations/malformed":
        return json(res, 200, "{\"type\":\"conversation\",\"id\":")
      case "/conversations/wrong-type":
        return json(res, 200, {
          type: "conversation",
          id: "1",
          source: { type: "conversation", id: "5", author: { type: "admin", id: 42 } },
        })
      case "/conversations/slow":
      case "/conversations/abort":
        return // never answers
      case "/me":
        return json(res, 401, {
          type: "error.list",
          request_id: "r-401",
          errors: [{ code: "unauthorized", message: "Access Token Invalid" }],
        })
      default:
        return json(res, 200, { type: "conversation", id: "1", future_field: { kept: true } })
    }
  })
})
afterAll(() => server.close())

describe("the default client", () => {
  it("a fresh process without INTERCOM_ACCESS_TOKEN imports the package, and only the first call fails", async () => {
    const script = `
      const { default: intercom, IntercomConfigError } = await import("./src/index.ts")
      console.log("imported")
      const error = await intercom.identifyAdmin().catch((e) => e)
      console.log(error instanceof IntercomConfigError ? "first call: IntercomConfigError" : "first call: " + String(error))
    `
    const env = { ...process.env }
    for (const key of envKeys) delete env[key]
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env,
    })
    expect(stdout.trim().split("\n")).toEqual(["imported", "first call: IntercomConfigError"])
  })

  it("imports without a token and fails the first call with a clear IntercomConfigError", async () => {
    delete process.env.INTERCOM_ACCESS_TOKEN
    const error = await intercom.retrieveConversation({ conversation_id: "1" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomConfigError)
    expect((error as Error).message).toContain("INTERCOM_ACCESS_TOKEN")
  })

  it("reads INTERCOM_ACCESS_TOKEN, INTERCOM_BASE_URL and INTERCOM_VERSION at its first successful call", async () => {
    process.env.INTERCOM_ACCESS_TOKEN = "env-token"
    process.env.INTERCOM_BASE_URL = server.url
    process.env.INTERCOM_VERSION = "2.15"
    const before = server.requests.length
    const conversation = await intercom.retrieveConversation({ conversation_id: "env" })
    expect(conversation).toEqual({ type: "conversation", id: "1", future_field: { kept: true } })
    const sent = server.requests[before]!
    expect(sent.headers.authorization).toBe("Bearer env-token")
    expect(sent.headers["intercom-version"]).toBe("2.15")
    expect(sent.headers["user-agent"]).toMatch(/^utdk-intercom\/\S+ node\/v22/)
  })

  it("rejects an unknown INTERCOM_REGION", async () => {
    process.env.INTERCOM_REGION = "mars"
    const bad = await new Intercom({ token: "t" }).identifyAdmin().catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(IntercomConfigError)
    expect((bad as Error).message).toContain("mars")
  })
})

describe("new Intercom(options)", () => {
  it("calls updateConversation against Prism with one flat argument object", async () => {
    const client = new Intercom({ token: "prism-token", baseUrl: prismUrl() })
    const conversation = await client.updateConversation({ conversation_id: "123", read: true, title: "Refund" })
    expect(conversation.type).toBe("conversation")
    const { data, status, headers } = await client.withResponse.updateConversation({
      conversation_id: "123",
      read: true,
    })
    expect(status).toBe(200)
    expect(headers["content-type"]).toContain("application/json")
    expect(data).toEqual(conversation)
  })

  it("malformed JSON rejects with IntercomDecodeError at $", async () => {
    const client = new Intercom({ token: "t", baseUrl: server.url })
    const error = await client.retrieveConversation({ conversation_id: "malformed" }, { validateResponses: "strict" })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomDecodeError)
    expect((error as IntercomDecodeError).path).toBe("$")
    expect((error as IntercomDecodeError).body).toBe("{\"type\":\"conversation\",\"id\":")
  })

  it("a wrong-typed field rejects with IntercomDecodeError naming its path", async () => {
    const client = new Intercom({ token: "t", baseUrl: server.url })
    const error = await client.retrieveConversation({ conversation_id: "wrong-type" }, { validateResponses: "strict" })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomDecodeError)
    expect((error as IntercomDecodeError).path).toBe("$.source.author.id")
    expect((error as IntercomDecodeError).message).toContain("$.source.author.id")
  })

  it("times out an attempt with IntercomTimeoutError and closes the connection", async () => {
    // Long enough for a busy machine to write the request, so the server can see its connection closed.
    const client = new Intercom({ token: "t", baseUrl: server.url, timeout: 1_000, maxRetries: 0 })
    const error = await client.retrieveConversation({ conversation_id: "slow" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomTimeoutError)
    expect((error as IntercomTimeoutError).timeout).toBe(1_000)
    await expect.poll(() => closed.includes("/conversations/slow"), { timeout: 10_000 }).toBe(true)
  })

  it("an aborted signal rejects with IntercomAbortError (its reason as cause) and closes the connection", async () => {
    const client = new Intercom({ token: "t", baseUrl: server.url })
    const controller = new AbortController()
    const pending = client.retrieveConversation({ conversation_id: "abort" }, { signal: controller.signal })
    await expect.poll(() => server.requests.some((r) => r.url.startsWith("/conversations/abort")), { timeout: 10_000 })
      .toBe(true)
    const reason = new Error("navigated away")
    controller.abort(reason)
    const error = await pending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomAbortError)
    expect(error).toBeInstanceOf(IntercomError)
    expect((error as IntercomAbortError).cause).toBe(reason)
    expect((error as IntercomAbortError).operation).toBe("retrieveConversation")
    await expect.poll(() => closed.includes("/conversations/abort"), { timeout: 10_000 }).toBe(true)
  })

  it("rejects bad input before sending anything (a missing path parameter always, a wrong type in strict mode)", async () => {
    const client = new Intercom({ token: "t", baseUrl: server.url, validateRequests: "strict" })
    const before = server.requests.length
    const error = await client
      .updateConversation({ conversation_id: "1", read: "yes" as unknown as boolean })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomInvalidInputError)
    expect((error as IntercomInvalidInputError).field).toBe("read")
    const missing = await new Intercom({ token: "t", baseUrl: server.url })
      .updateConversation({} as never)
      .catch((e: unknown) => e)
    expect((missing as IntercomInvalidInputError).field).toBe("conversation_id")
    expect(server.requests.length).toBe(before)
  })

  it("a method its pinned version lacks (called through a cast) rejects naming the method and the versions", async () => {
    // The stand-in answers in the version the request names: 2.14's operations run, 2.16's new ones are refused.
    const client = new Intercom({ token: "prism-token", baseUrl: prismUrl(), version: "2.14" })
    expect((await client.updateConversation({ conversation_id: "123", read: true })).type).toBe("conversation")
    const newer = client as unknown as Intercom<"2.16">
    const error = await newer.attachTagToArticle({ article_id: "1", id: "2" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomNotInVersionError)
    expect(error).toBeInstanceOf(IntercomError)
    expect(error).toMatchObject({
      _tag: "IntercomNotInVersionError",
      operation: "attachTagToArticle",
      version: "2.14",
      versions: ["2.16", "Preview"],
    })
    expect((error as Error).message).toBe(
      "intercom: attachTagToArticle does not exist in Intercom-Version 2.14, the version this client is pinned to; it exists in 2.16, Preview",
    )
    const paging = newer.paginate.listMacros()[Symbol.asyncIterator]().next().catch((e: unknown) => e)
    expect(await paging).toMatchObject({ operation: "listMacros", version: "2.14" })
    // Without a version the client is the newest numbered one's: a Preview-only method is not in it either.
    const preview = await (new Intercom({ token: "t", baseUrl: server.url }) as unknown as Intercom<"Preview">)
      .askFin({} as never)
      .catch((e: unknown) => e)
    expect(preview).toMatchObject({ operation: "askFin", version: "2.16", versions: ["Preview"] })
  })

  it("never shows the token: not in errors, messages, JSON or inspect output", async () => {
    const secret = "sk-very-secret-token"
    const client = new Intercom({ token: Redacted.make(secret), baseUrl: server.url })
    const error = await client.identifyAdmin().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntercomUnauthorizedError)
    expect((error as IntercomUnauthorizedError).requestId).toBe("r-401")
    for (
      const text of [
        String(error),
        (error as Error).stack ?? "",
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
        inspect(client, { depth: 10 }),
      ]
    ) {
      expect(text).not.toContain(secret)
    }
  })
})

describe("the Effect service, from @utdk/intercom/effect", () => {
  it("yield* Intercom, provided by Intercom.layer with NodeHttpClient.layerUndici", async () => {
    const { Intercom } = await import("../src/effect.ts")
    const program = Effect.gen(function*() {
      const client = yield* Intercom
      const conversation = yield* client.updateConversation({ conversation_id: "123", read: true })
      const notFound = yield* client
        .retrieveConversation({ conversation_id: "123" }, { headers: { Prefer: "code=404" } })
        .pipe(Effect.flip)
      return { type: conversation.type, tag: notFound._tag }
    })
    const layer = Intercom.layer({ token: "t", baseUrl: prismUrl() }).pipe(Layer.provide(NodeHttpClient.layerUndici))
    expect(await Effect.runPromise(Effect.provide(program, layer))).toEqual({
      type: "conversation",
      tag: "IntercomNotFoundError",
    })
  })
})
