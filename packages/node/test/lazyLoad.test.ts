// What importing `@utdk/intercom` loads: the root is the class, the errors and a few small helpers; the engine
// (registry, schemas, interpreter, undici) is imported at the first call, the Effect-heavy exports (`Pagination`,
// `RetryPolicy`, `WebhookNotification`) at their first use. Checked on the built package in a fresh `node` process
// that records every module it loads, and on the lazy runner itself.
import * as CoreIntercom from "@utdk/intercom-core/Intercom"
import { IntercomConfigError } from "@utdk/intercom-core/IntercomError"
import { importOnce, makePromiseRunner } from "@utdk/intercom-core/PromiseClient"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Intercom } from "../src/index.ts"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const admin = { type: "admin", id: "1", name: "Ann", email: "ann@example.com" }

let server: TestServer
beforeAll(async () => {
  server = await startServer((req, res) =>
    req.url.startsWith("/contacts/missing")
      ? json(res, 404, {
        type: "error.list",
        request_id: "r1",
        errors: [{ code: "not_found", message: "Contact not found" }],
      })
      : json(res, 200, admin)
  )
})
afterAll(() => server.close())

/**
 * Runs `body` in a fresh `node` (ES module) that records the URL of every module loaded; its last line is JSON.
 * Asynchronously, so that this process's server can answer the child.
 */
const inFreshProcess = async (body: string): Promise<Record<string, unknown>> => {
  const program = [
    `import { registerHooks } from "node:module"`,
    `const loaded = []`,
    `registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context) } })`,
    `const mark = () => loaded.splice(0)`,
    body,
  ].join("\n")
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", program], {
    cwd: packageDir,
  })
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>
}

/** What a first call needs: the engine (one bundled module: registry, schemas, interpreter) and undici. */
const engineParts = [/\/node\/dist\/internal\/engine\.js$/, /\/undici\/index\.js$/]
/** What the engine bundle keeps to itself, which the program must therefore never load from effect or core. */
const neverLoaded = [/\/generated\/registry\.js$/, /\/effect\/dist\/Schema\.js$/, /\/effect\/dist\/Effect\.js$/]
/** The older versions' shared factories: loaded by a client pinned to one of them, never by one on the newest. */
const versionPool = /\/core\/dist\/generated\/versions\/pool\.js$/
const loads = (urls: unknown, pattern: RegExp) => (urls as Array<string>).some((url) => pattern.test(url))

describe("importing @utdk/intercom", () => {
  it("loads no engine (registry, schemas, Effect runtime) and no undici; the first call loads them and answers", async () => {
    const result = await inFreshProcess(
      [
        `const { default: intercom, Intercom } = await import("@utdk/intercom")`,
        `const atImport = mark()`,
        `const client = new Intercom({ token: "t", baseUrl: ${JSON.stringify(server.url)}, maxRetries: 0 })`,
        `const me = await client.identifyAdmin()`,
        `const atFirstCall = mark()`,
        // The engine is a bundle of its own; what crosses back must still be the program's: the error classes, and a
        // token the caller wrapped in its own effect's Redacted.
        `const { Redacted } = await import("effect")`,
        `const redacted = new Intercom({ token: Redacted.make("tok_redacted"), baseUrl: ${
          JSON.stringify(server.url)
        }, maxRetries: 0 })`,
        `const error = await redacted.showContact({ contact_id: "missing" }).catch((e) => e)`,
        `const { IntercomNotFoundError, IntercomError } = await import("@utdk/intercom")`,
        `console.log(JSON.stringify({`,
        `  atImport, atFirstCall, me, defaultIsClient: intercom instanceof Intercom,`,
        `  notFound: error instanceof IntercomNotFoundError && error instanceof IntercomError, tag: error._tag,`,
        `}))`,
      ].join("\n"),
    )
    for (const part of engineParts) {
      expect(loads(result.atImport, part), `${part} at import`).toBe(false)
      expect(loads(result.atFirstCall, part), `${part} at the first call`).toBe(true)
    }
    for (const part of [...neverLoaded, versionPool]) {
      expect(loads([...(result.atImport as []), ...(result.atFirstCall as [])], part), `${part}`).toBe(false)
    }
    expect(result.me).toEqual(admin)
    expect(result.defaultIsClient).toBe(true)
    expect(result.tag).toBe("IntercomNotFoundError")
    expect(result.notFound).toBe(true)
    expect(server.requests.find((r) => r.url.startsWith("/contacts/missing"))?.headers.authorization).toBe(
      "Bearer tok_redacted",
    )
  })

  it("a client pinned to another version loads that version's registry only, at its first call", async () => {
    const result = await inFreshProcess(
      [
        `const { Intercom } = await import("@utdk/intercom")`,
        `mark()`,
        `const pinned = new Intercom({ token: "t", baseUrl: ${
          JSON.stringify(server.url)
        }, maxRetries: 0, version: "2.14" })`,
        `const me = await pinned.identifyAdmin()`,
        // A method 2.14 lacks (through a cast): refused by name, from the route table, not by loading each version.
        `const missing = await pinned.attachTagToArticle({ article_id: "1", id: "2" }).catch((e) => e)`,
        `const { IntercomNotInVersionError } = await import("@utdk/intercom")`,
        `const atFirstCall = mark()`,
        `console.log(JSON.stringify({ me, atFirstCall, missing: { ...missing, message: missing.message },`,
        `  typed: missing instanceof IntercomNotInVersionError }))`,
      ].join("\n"),
    )
    expect(result.me).toEqual(admin)
    expect(result.typed).toBe(true)
    expect(result.missing).toMatchObject({
      operation: "attachTagToArticle",
      version: "2.14",
      versions: ["2.16", "Preview"],
    })
    expect(server.requests.some((r) => r.url.includes("/tags"))).toBe(false)
    expect(loads(result.atFirstCall, /\/core\/dist\/generated\/versions\/2\.14\/registry\.js$/), "2.14's registry")
      .toBe(true)
    expect(loads(result.atFirstCall, versionPool), "the older versions' pool").toBe(true)
    expect(loads(result.atFirstCall, /\/versions\/(?!2\.14\/)[^/]+\/registry\.js$/), "another version's registry").toBe(
      false,
    )
    expect(server.requests.at(-1)?.headers["intercom-version"]).toBe("2.14")
  })

  it("loads the webhook helpers at their first use; the Effect modules are @utdk/intercom/effect's, core's very values", async () => {
    const result = await inFreshProcess(
      [
        `const root = await import("@utdk/intercom")`,
        `const atImport = mark()`,
        `const body = { type: "notification_event", topic: "ping", data: { item: { type: "ping" } } }`,
        `const parsed = root.parseWebhookNotification(JSON.stringify(body)).topic`,
        `const effect = await import("@utdk/intercom/effect")`,
        `const core = await import("@utdk/intercom-core/RetryPolicy")`,
        `const pagination = await import("@utdk/intercom-core/Pagination")`,
        `const { Schema } = await import("effect")`,
        `console.log(JSON.stringify({`,
        `  atImport, parsed,`,
        `  rootHasEffectModules: "Pagination" in root || "RetryPolicy" in root || "WebhookNotification" in root,`,
        `  sameDefaults: effect.RetryPolicy.defaults === core.defaults,`,
        `  samePages: effect.Pagination.pages === pagination.pages,`,
        `  decoded: Schema.decodeUnknownSync(effect.WebhookNotification)(body).topic,`,
        `  sameErrors: effect.IntercomNotFoundError === root.IntercomNotFoundError,`,
        `}))`,
      ].join("\n"),
    )
    expect(loads(result.atImport, /intercom-core\/dist\/(RetryPolicy|Pagination|Webhook)\.js$/)).toBe(false)
    expect(result).toMatchObject({
      parsed: "ping",
      rootHasEffectModules: false,
      sameDefaults: true,
      samePages: true,
      decoded: "ping",
      sameErrors: true,
    })
  })
})

describe("the lazy engine", () => {
  const engine = () => import("../src/internal/engine.ts")

  it("is loaded once for concurrent first calls, which all answer", async () => {
    let loaded = 0
    const runner = makePromiseRunner(async () => {
      loaded++
      return (await engine()).loadClient({ token: "t", baseUrl: server.url, maxRetries: 0 })
    }, true)
    const before = server.requests.length
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => runner.run("identifyAdmin", undefined, undefined, false)),
    )
    expect(answers).toEqual(Array.from({ length: 5 }, () => admin))
    expect(loaded).toBe(1)
    expect(server.requests.length - before).toBe(5)
    await runner.run("identifyAdmin", undefined, undefined, false)
    expect(loaded).toBe(1)
  })

  it("that cannot be imported rejects every waiting call with IntercomConfigError, and is tried again at the next call", async () => {
    let attempts = 0
    const load = importOnce("the test engine", () => {
      attempts++
      return import(new URL("./no-such-engine.js", import.meta.url).href)
    })
    const runner = makePromiseRunner(() => load() as never, true)
    const calls = await Promise.allSettled([
      runner.run("identifyAdmin", undefined, undefined, false),
      runner.run("identifyAdmin", undefined, undefined, false),
    ])
    for (const call of calls) {
      expect(call.status).toBe("rejected")
      const error = (call as PromiseRejectedResult).reason
      expect(error).toBeInstanceOf(IntercomConfigError)
      expect(error.message).toContain("the test engine could not be loaded")
    }
    expect(attempts).toBe(1)
    await expect(runner.run("identifyAdmin", undefined, undefined, false)).rejects.toBeInstanceOf(IntercomConfigError)
    expect(attempts).toBe(2)
  })

  it("pages with paginate.<name> once loaded", async () => {
    const pages = await startServer((req, res) =>
      json(res, 200, {
        type: "list",
        data: req.url.includes("starting_after=b")
          ? [{ type: "admin", id: "3" }]
          : [{ type: "admin", id: "1" }, { type: "admin", id: "2" }],
        pages: req.url.includes("starting_after=b")
          ? { type: "pages" }
          : { type: "pages", next: { starting_after: "b" } },
      })
    )
    try {
      const client = new Intercom({ token: "t", baseUrl: pages.url, maxRetries: 0 })
      const ids: Array<string> = []
      for await (const contact of client.paginate.listContacts()) ids.push(String(contact.id))
      expect(ids).toEqual(["1", "2", "3"])
    } finally {
      await pages.close()
    }
  })
})

describe("the Effect service of @utdk/intercom/effect", () => {
  it("is core's service, with each of its constructors; the root's Intercom is the Promise client only", async () => {
    const effect = await import("../src/effect.ts")
    expect(effect.Intercom).toBe(CoreIntercom.Intercom)
    expect(effect.Intercom.key).toBe("@utdk/intercom-core/Intercom")
    expect(typeof effect.Intercom.layerConfig).toBe("function")
    expect(Object.getOwnPropertyNames(Intercom)).not.toContain("layer")
    expect(new Intercom({ token: "t" })).not.toHaveProperty("key")
  })
})
