// End to end in real Chromium: a page on one origin uses @utdk/intercom-browser through the gateway, which forwards
// to Prism (the real spec). The page never holds a token; a page on another origin is stopped by CORS; the
// per-visitor session flow works from the page.
import { makeLogger } from "@utdk/intercom-core/gateway/Log"
import { operationList } from "@utdk/intercom-core/generated/registry"
import { launchChromium } from "@utdk/intercom-testing/chromium"
import { prismUrl } from "@utdk/intercom-testing/inject"
import { build } from "esbuild"
import { once } from "node:events"
import { createServer, type Server } from "node:http"
import { fileURLToPath } from "node:url"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startGatewayServer, type RunningGatewayServer } from "../src/gateway/server.ts"
import { logCapture } from "./gateway-fixtures.ts"

const SERVER_TOKEN = "dG9rOmUyZS1zZXJ2ZXItdG9rZW4tbm90LWZvci1icm93c2Vycw=="
const VISITOR_TOKEN = "dG9rOmUyZS12aXNpdG9yLXRva2VuLWZyb20tcGxheWdyb3VuZA=="
const SECRET = "e2e-gateway-secret-at-least-thirty-two-bytes"

// The page's script: the browser SDK, bundled by esbuild as an app would.
const pageEntry = `
import { Intercom } from "@utdk/intercom-browser"
window.updateConversation = async (baseUrl) => {
  const intercom = new Intercom({ baseUrl })
  return await intercom.updateConversation({ conversation_id: "123", read: true })
}
`

const startPageServer = async (script: string): Promise<{ origin: string; server: Server }> => {
  const server = createServer((req, res) => {
    if (req.url === "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript" })
      return res.end(script)
    }
    res.writeHead(200, { "content-type": "text/html" })
    res.end('<!doctype html><html><head><script type="module" src="/app.js"></script></head><body>gateway e2e</body></html>')
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server }
}

const stop = async (server: Server | undefined) => {
  if (server === undefined) return
  server.closeAllConnections()
  await new Promise<void>((r) => server.close(() => r()))
}

describe("gateway end to end in Chromium", () => {
  let browser: Browser
  let allowedPage: { origin: string; server: Server }
  let foreignPage: { origin: string; server: Server }
  let serverMode: RunningGatewayServer
  let sessionMode: RunningGatewayServer
  const logs = logCapture()
  const seenByPage: Array<string> = []

  const open = async (origin: string): Promise<Page> => {
    const page = await browser.newPage()
    page.on("request", (request) => seenByPage.push(JSON.stringify({ url: request.url(), headers: request.headers(), body: request.postData() })))
    page.on("response", async (response) => {
      seenByPage.push(JSON.stringify(await response.allHeaders()))
      seenByPage.push(await response.text().catch(() => ""))
    })
    await page.goto(`${origin}/`)
    return page
  }

  beforeAll(async () => {
    browser = await launchChromium()
    allowedPage = await startPageServer("")
    foreignPage = await startPageServer("")
    const logger = makeLogger({ sink: logs.sink })
    const common = { operations: operationList, upstream: prismUrl(), cors: { allowedOrigins: [allowedPage.origin] }, logger }
    serverMode = await startGatewayServer({ gateway: { ...common, credentials: { mode: "server", token: SERVER_TOKEN } }, logger })
    sessionMode = await startGatewayServer({ gateway: { ...common, credentials: { mode: "session", secret: SECRET } }, logger })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await serverMode?.close()
    await sessionMode?.close()
    await stop(allowedPage?.server)
    await stop(foreignPage?.server)
  })

  it("@utdk/intercom-browser calls updateConversation through the gateway to Prism", async () => {
    const bundle = await build({
      stdin: { contents: pageEntry, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "js" },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      minify: true,
    })
    const script = bundle.outputFiles[0]!.text
    allowedPage.server.removeAllListeners("request")
    allowedPage.server.on("request", (req, res) => {
      if (req.url === "/app.js") {
        res.writeHead(200, { "content-type": "text/javascript" })
        return res.end(script)
      }
      res.writeHead(200, { "content-type": "text/html" })
      res.end('<!doctype html><html><head><script type="module" src="/app.js"></script></head><body>sdk</body></html>')
    })
    const page = await open(allowedPage.origin)
    await page.waitForFunction(() => typeof (window as unknown as { updateConversation?: unknown }).updateConversation === "function")
    const result = await page.evaluate(
      (baseUrl) => (window as unknown as { updateConversation: (u: string) => Promise<{ type: string; id: string }> }).updateConversation(baseUrl),
      serverMode.url,
    )
    expect(result.type).toBe("conversation")
    await page.close()
    const requestLog = logs.lines.map((l) => JSON.parse(l) as { event: string; operation?: string; status?: number })
    expect(requestLog.some((l) => l.event === "request" && l.operation === "updateConversation" && l.status === 200)).toBe(true)
  })

  it("a page on an allowed origin reaches Prism; one on another origin is stopped by CORS", async () => {
    const call = (baseUrl: string) =>
      fetch(`${baseUrl}/conversations/123`, {
        method: "PUT",
        headers: { "content-type": "application/json", "intercom-version": "2.16" },
        body: JSON.stringify({ read: true }),
      }).then(
        async (r) => ({ status: r.status, type: ((await r.json()) as { type: string }).type, remaining: r.headers.get("x-request-id") }),
        (e: Error) => ({ error: e.name }),
      )
    const allowed = await open(allowedPage.origin)
    expect(await allowed.evaluate(call, serverMode.url)).toMatchObject({ status: 200, type: "conversation" })
    const foreign = await open(foreignPage.origin)
    expect(await foreign.evaluate(call, serverMode.url)).toEqual({ error: "TypeError" })
    await allowed.close()
    await foreign.close()
  })

  it("a visitor trades a token for a session key and uses only the key", async () => {
    const page = await open(allowedPage.origin)
    const outcome = await page.evaluate(
      async ({ baseUrl, token }) => {
        const created = await fetch(`${baseUrl}/_gateway/sessions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ token }),
        })
        const { session } = (await created.json()) as { session: string }
        const put = (key: string) =>
          fetch(`${baseUrl}/conversations/123`, {
            method: "PUT",
            headers: { "content-type": "application/json", "x-gateway-session": key },
            body: JSON.stringify({ read: true }),
          })
        const ok = await put(session)
        const okType = ((await ok.json()) as { type: string }).type
        const revoke = await fetch(`${baseUrl}/_gateway/sessions`, { method: "DELETE", headers: { "x-gateway-session": session } })
        const after = await put(session)
        return { created: created.status, ok: ok.status, okType, revoke: revoke.status, after: after.status, prefix: session.slice(0, 4) }
      },
      { baseUrl: sessionMode.url, token: VISITOR_TOKEN },
    )
    expect(outcome).toEqual({ created: 201, ok: 200, okType: "conversation", revoke: 204, after: 401, prefix: "igs_" })
    await page.close()
  })

  it("the server token never reached the browser or the logs", () => {
    expect(seenByPage.length).toBeGreaterThan(0)
    expect(seenByPage.join("\n")).not.toContain(SERVER_TOKEN)
    expect(logs.lines.join("\n")).not.toContain(SERVER_TOKEN)
    expect(logs.lines.join("\n")).not.toContain(VISITOR_TOKEN)
  })
})
