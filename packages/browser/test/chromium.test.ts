// The browser package in real Chromium: a page served from 127.0.0.1 (bundled by esbuild as an app would) calls
// Prism, on another origin, through the class form and the tree-shakable function form.
import { fileURLToPath } from "node:url"
import { launchChromium, serveScriptPage, type ScriptPage } from "@utdk/intercom-testing/chromium"
import { prismUrl } from "@utdk/intercom-testing/inject"
import { build } from "esbuild"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { buildRequest } from "@utdk/intercom-core/Request"
import { updateConversation as withSchemas } from "@utdk/intercom-core/operations"

/** Wrong in several ways (a non-integer id, a wrong type, a wrong nested value): checked in the page without Schema. */
const badArgs = { conversation_id: 1.5, read: "yes", title: 7, custom_attributes: { issue_type: [1] } }

const pageEntry = `
import { Intercom, isIntercomError } from "@utdk/intercom-browser"
import { request } from "@utdk/intercom-browser/request"
import { updateConversation } from "@utdk/intercom-browser/operations"

const outcome = (promise) =>
  promise.then(
    (value) => ({ ok: true, value }),
    (error) => ({ ok: false, tag: error?._tag, isIntercomError: isIntercomError(error), isError: error instanceof Error, status: error?.status, code: error?.errors?.[0]?.code, name: error?.name, causeName: error?.cause?.name, message: error?.message, issues: error?.issues }),
  )

const BAD_ARGS = __BAD_ARGS__
window.sdk = {
  classForm: (baseUrl) => {
    const intercom = new Intercom({ baseUrl, token: "page-test-token" })
    return outcome(intercom.withResponse.updateConversation({ conversation_id: "123", read: true, title: "Refund" }).then((r) => ({ type: r.data.type, status: r.status })))
  },
  functionForm: (baseUrl) =>
    outcome(request(updateConversation, { conversation_id: "123", read: true }, { baseUrl, token: "page-test-token" }).then((c) => ({ type: c.type }))),
  withoutToken: (baseUrl) => outcome(new Intercom({ baseUrl }).retrieveConversation({ conversation_id: "123" })),
  notFound: (baseUrl) =>
    outcome(request(updateConversation, { conversation_id: "123" }, { baseUrl, token: "t", headers: { Prefer: "code=404" } })),
  invalid: (baseUrl) => outcome(request(updateConversation, { conversation_id: "" }, { baseUrl })),
  // The compact checks (no Schema in this page): every problem, in strict mode; reported and sent in warn mode.
  strict: (baseUrl) => outcome(request(updateConversation, BAD_ARGS, { baseUrl, validateRequests: "strict" })),
  // Prism refuses what its spec does not allow (422): this one answers from the page, recording what was sent.
  warn: (baseUrl) => {
    const sent = []
    const fetch = async (url, init) => {
      sent.push({ url: String(url), body: init.body })
      return new Response(JSON.stringify({ type: "conversation", id: "1" }), { status: 200, headers: { "content-type": "application/json" } })
    }
    return outcome(
      request.withResponse(updateConversation, BAD_ARGS, { baseUrl, token: "t", logLevel: "off", fetch }).then((r) => ({
        validation: r.validation.filter((issue) => issue.in === "request"),
        sent,
      })),
    )
  },
  aborted: (baseUrl) => {
    const controller = new AbortController()
    const pending = request(updateConversation, { conversation_id: "123" }, { baseUrl, token: "t", signal: controller.signal })
    controller.abort()
    return outcome(pending)
  },
}
window.ready = true
`

let browser: Browser
let server: ScriptPage
let page: Page

beforeAll(async () => {
  const bundle = await build({
    stdin: {
      contents: pageEntry.replace("__BAD_ARGS__", JSON.stringify(badArgs)),
      resolveDir: fileURLToPath(new URL(".", import.meta.url)),
      loader: "js",
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
  })
  server = await serveScriptPage(bundle.outputFiles[0]!.text)
  browser = await launchChromium()
  page = await browser.newPage()
  await page.goto(server.origin)
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

type Outcome =
  | { ok: true; value: Record<string, unknown> }
  | {
    ok: false
    tag?: string
    status?: number
    code?: string
    name?: string
    isIntercomError?: boolean
    isError?: boolean
    message?: string
    issues?: unknown
  }

const call = (name: string) =>
  page.evaluate(
    ([fn, baseUrl]) =>
      (window as unknown as { sdk: Record<string, (u: string) => Promise<unknown>> }).sdk[fn]!(baseUrl),
    [name, prismUrl()] as const,
  ) as Promise<Outcome>

describe("@utdk/intercom-browser in Chromium", () => {
  it("new Intercom({ baseUrl }) calls updateConversation over fetch (cross-origin, CORS)", async () => {
    expect(await call("classForm")).toEqual({ ok: true, value: { type: "conversation", status: 200 } })
  })

  it("request(updateConversation, args, { baseUrl }) works too", async () => {
    expect(await call("functionForm")).toEqual({ ok: true, value: { type: "conversation" } })
  })

  it("sends no Authorization without a token: Prism answers 401, which is an IntercomUnauthorizedError", async () => {
    expect(await call("withoutToken")).toMatchObject({
      ok: false,
      tag: "IntercomUnauthorizedError",
      status: 401,
      isIntercomError: true,
      isError: true,
    })
  })

  it("error statuses, bad input and aborts reject with the same values as in Node", async () => {
    expect(await call("notFound")).toMatchObject({
      ok: false,
      tag: "IntercomNotFoundError",
      status: 404,
      code: "not_found",
    })
    expect(await call("invalid")).toMatchObject({ ok: false, tag: "IntercomInvalidInputError", isError: true })
    expect(await call("aborted")).toMatchObject({
      ok: false,
      tag: "IntercomAbortError",
      isIntercomError: true,
      isError: true,
      causeName: "AbortError",
    })
  })
})

describe("the page's compact checks (no Schema bundled) and Node's Schema checks", () => {
  it("refuse the same bad arguments with the same IntercomInvalidInputError in strict mode", async () => {
    const node = buildRequest(withSchemas, badArgs, { baseUrl: "http://127.0.0.1", validateRequests: "strict" })
    if (node._tag !== "Failure") throw new Error("Node's Schema checks accepted the bad arguments")
    expect((node.failure as { issues: ReadonlyArray<unknown> }).issues.length).toBeGreaterThan(2)
    expect(await call("strict")).toMatchObject({
      ok: false,
      tag: "IntercomInvalidInputError",
      message: node.failure.message,
      issues: (node.failure as { issues: unknown }).issues,
    })
  })

  it("report the same findings in warn mode, and the call is sent as written", async () => {
    const node = buildRequest(withSchemas, badArgs, { baseUrl: "http://127.0.0.1" })
    if (node._tag !== "Success") throw new Error("warn mode refused the call")
    expect(node.success.validation.length).toBeGreaterThan(2)
    expect(await call("warn")).toEqual({
      ok: true,
      value: {
        validation: node.success.validation,
        sent: [{ url: node.success.url.replace("http://127.0.0.1", prismUrl()), body: node.success.body }],
      },
    })
  })
})
