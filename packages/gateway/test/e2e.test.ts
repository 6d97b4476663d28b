// End to end in real Chromium: a page on one origin uses @utdk/intercom-browser through the gateway, which forwards
// to Prism (the real spec). The page never holds the server token; a page on another origin is stopped by CORS; a
// visitor's session key works from the page and stops working once revoked.
import { makeLogger, type GatewayLogger } from "../src/Log.ts"
import { operationList } from "@utdk/intercom-core/registry"
import { launchChromium, serveScriptPage, type ScriptPage } from "@utdk/intercom-testing/chromium"
import { prismUrl } from "@utdk/intercom-testing/inject"
import { build } from "esbuild"
import { fileURLToPath } from "node:url"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startGatewayServer, type RunningGatewayServer } from "../src/node/server.ts"
import { logCapture } from "./fixtures.ts"

const SERVER_TOKEN = "dG9rOmUyZS1zZXJ2ZXItdG9rZW4tbm90LWZvci1icm93c2Vycw=="
const VISITOR_TOKEN = "dG9rOmUyZS12aXNpdG9yLXRva2VuLWZyb20tcGxheWdyb3VuZA=="
const SECRET = "e2e-gateway-secret-at-least-thirty-two-bytes"

// The page's script: the browser SDK, bundled by esbuild as an app would.
const pageEntry = `
import { Intercom } from "@utdk/intercom-browser"
window.updateConversation = async (baseUrl, session) => {
  const intercom = new Intercom({ baseUrl, maxRetries: 0, ...(session ? { headers: { "x-gateway-session": session } } : {}) })
  try {
    const conversation = await intercom.updateConversation({ conversation_id: "123", read: true })
    return { ok: true, type: conversation.type }
  } catch (error) {
    return { ok: false, tag: error._tag, status: error.status }
  }
}
`

type Outcome = { ok: true; type: string } | { ok: false; tag: string; status?: number }

describe("gateway end to end in Chromium", () => {
  let browser: Browser
  let allowedPage: ScriptPage
  let foreignPage: ScriptPage
  let serverMode: RunningGatewayServer
  let sessionMode: RunningGatewayServer
  const logs = logCapture()
  let logger: GatewayLogger
  const seenByPage: Array<string> = []

  const open = async (origin: string): Promise<Page> => {
    const page = await browser.newPage()
    page.on(
      "request",
      (request) =>
        seenByPage.push(JSON.stringify({ url: request.url(), headers: request.headers(), body: request.postData() })),
    )
    page.on("response", async (response) => {
      seenByPage.push(JSON.stringify(await response.allHeaders()))
      if (!response.url().endsWith("/app.js")) seenByPage.push(await response.text().catch(() => ""))
    })
    await page.goto(`${origin}/`)
    await page.waitForFunction(() =>
      typeof (window as unknown as { updateConversation?: unknown }).updateConversation === "function"
    )
    return page
  }

  const sdkCall = (page: Page, baseUrl: string, session?: string): Promise<Outcome> =>
    page.evaluate(
      ([url, key]) =>
        (window as unknown as { updateConversation: (u: string, s?: string) => Promise<Outcome> }).updateConversation(
          url!,
          key,
        ),
      [baseUrl, session] as const,
    )

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: pageEntry, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "js" },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      minify: true,
    })
    const script = bundle.outputFiles[0]!.text
    browser = await launchChromium()
    allowedPage = await serveScriptPage(script)
    foreignPage = await serveScriptPage(script)
    logger = makeLogger({ sink: logs.sink })
    const common = {
      operations: operationList,
      upstream: prismUrl(),
      cors: { allowedOrigins: [allowedPage.origin] },
      logger,
    }
    serverMode = await startGatewayServer({
      gateway: { ...common, credentials: { mode: "server", token: SERVER_TOKEN } },
      logger,
    })
    sessionMode = await startGatewayServer({
      gateway: { ...common, credentials: { mode: "session", secret: SECRET } },
      logger,
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await serverMode?.close()
    await sessionMode?.close()
    await allowedPage?.close()
    await foreignPage?.close()
  })

  it("@utdk/intercom-browser calls updateConversation through the gateway to Prism", async () => {
    const page = await open(allowedPage.origin)
    expect(await sdkCall(page, serverMode.url)).toEqual({ ok: true, type: "conversation" })
    await page.close()
    const requestLog = logs.lines.map((l) =>
      JSON.parse(l) as { event: string; method?: string; operation?: string; status?: number }
    )
    expect(requestLog.some((l) => l.event === "request" && l.operation === "updateConversation" && l.status === 200))
      .toBe(true)
    // The browser asked first (a cross-origin PUT with JSON): the gateway answered the preflight itself.
    expect(requestLog.some((l) => l.event === "request" && l.method === "OPTIONS" && l.status === 204)).toBe(true)
  })

  it("the same page served from another origin is stopped by CORS", async () => {
    const foreign = await open(foreignPage.origin)
    expect(await sdkCall(foreign, serverMode.url)).toMatchObject({ ok: false, tag: "IntercomTransportError" })
    const raw = await foreign.evaluate(
      (baseUrl) => fetch(`${baseUrl}/me`).then((r) => r.status, (e: Error) => e.name),
      serverMode.url,
    )
    expect(raw).toBe("TypeError")
    await foreign.close()
  })

  it("a visitor trades a token for a session key, the SDK uses only the key, and revocation ends it", async () => {
    const page = await open(allowedPage.origin)
    const session = await page.evaluate(
      async ({ baseUrl, token }) => {
        const created = await fetch(`${baseUrl}/_gateway/sessions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token }),
        })
        return ((await created.json()) as { session: string }).session
      },
      { baseUrl: sessionMode.url, token: VISITOR_TOKEN },
    )
    expect(session).toMatch(/^igs_/)
    expect(await sdkCall(page, sessionMode.url, session)).toEqual({ ok: true, type: "conversation" })
    expect(await sdkCall(page, sessionMode.url)).toMatchObject({ ok: false, status: 401 })
    const revoked = await page.evaluate(
      ([baseUrl, key]) =>
        fetch(`${baseUrl}/_gateway/sessions`, { method: "DELETE", headers: { "x-gateway-session": key! } }).then((r) =>
          r.status
        ),
      [sessionMode.url, session] as const,
    )
    expect(revoked).toBe(204)
    expect(await sdkCall(page, sessionMode.url, session)).toMatchObject({ ok: false, status: 401 })
    await page.close()
  })

  it("the server token never reached the browser, and no token reached the logs", () => {
    // The gateways' logger does hide both tokens when an entry carries them (the server token as the secret the gateway
    // gave it, the visitor's as an Authorization value): their absence below is not for want of a way in.
    const probe = {
      level: "info",
      event: "probe",
      token: SERVER_TOKEN,
      authorization: `Bearer ${VISITOR_TOKEN}`,
    } as const
    expect(JSON.stringify(probe)).toContain(SERVER_TOKEN)
    logger.log(probe)
    expect(JSON.parse(logs.lines.at(-1)!)).toMatchObject({
      event: "probe",
      token: "[redacted]",
      authorization: "[redacted]",
    })
    expect(seenByPage.length).toBeGreaterThan(10)
    expect(seenByPage.join("\n")).not.toContain(SERVER_TOKEN)
    expect(logs.lines.join("\n")).not.toContain(SERVER_TOKEN)
    expect(logs.lines.join("\n")).not.toContain(VISITOR_TOKEN)
  })
})
