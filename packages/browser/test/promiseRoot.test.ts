// The Promise root of @utdk/intercom-browser as an app bundles it (esbuild, code splitting): the chunk the page loads
// holds no effect module (the engine is a chunk of its own, fetched at the first call), and in real Chromium a call
// completes without its request being aborted afterwards (no `net::ERR_ABORTED` / "canceled" in DevTools), even
// once the page's garbage is collected.
import { once } from "node:events"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { launchChromium } from "@utdk/intercom-testing/chromium"
import { build } from "esbuild"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const pageEntry = `
import { Intercom } from "@utdk/intercom-browser"
import { request } from "@utdk/intercom-browser/request"
import { updateConversation } from "@utdk/intercom-browser/operations"

// Every abort of the page, with whether the request it belongs to had already answered.
window.aborts = []
const abort = AbortController.prototype.abort
AbortController.prototype.abort = function (reason) {
  window.aborts.push(String(reason?.name ?? reason))
  return abort.call(this, reason)
}

window.sdk = {
  classForm: async (count) => {
    const intercom = new Intercom({ baseUrl: "/api" })
    const results = []
    for (let i = 0; i < count; i++) results.push((await intercom.updateConversation({ conversation_id: String(i), read: true })).id)
    // Without a declared length the body is read as a stream, counted: the other way a body is read.
    results.push((await intercom.retrieveConversation({ conversation_id: "chunked" })).id)
    return results
  },
  functionForm: async () => (await request(updateConversation, { conversation_id: "f", read: true }, { baseUrl: "/api" })).id,
}
window.ready = true
`

/** The page, its chunks, and a stand-in for the gateway under `/api` (same origin). */
const serve = async (
  files: ReadonlyMap<string, string>,
): Promise<{ readonly server: Server; readonly origin: string }> => {
  const server = createServer((req, res) => {
    const url = req.url ?? "/"
    if (url.startsWith("/api/")) {
      req.resume()
      const id = url.split("/")[3]!.split("?")[0]!
      const body = JSON.stringify({ type: "conversation", id })
      if (id === "chunked") {
        res.writeHead(200, { "content-type": "application/json" })
        res.write(body.slice(0, 10))
        return setTimeout(() => res.end(body.slice(10)), 20)
      }
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
      return res.end(body)
    }
    const file = files.get(url.slice(1))
    if (file !== undefined) {
      res.writeHead(200, { "content-type": "text/javascript" })
      return res.end(file)
    }
    res.writeHead(200, { "content-type": "text/html" })
    res.end("<!doctype html><html><head><script type=\"module\" src=\"/app.js\"></script></head><body></body></html>")
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

let browser: Browser
let page: Page
let server: Server
const requested: Array<string> = []
const failed: Array<string> = []

beforeAll(async () => {
  const bundle = await build({
    stdin: {
      contents: pageEntry,
      resolveDir: fileURLToPath(new URL(".", import.meta.url)),
      loader: "js",
      sourcefile: "app.js",
    },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: "/out",
    entryNames: "app",
    write: false,
    logLevel: "silent",
  })
  const files = new Map(bundle.outputFiles.map((file) => [file.path.replace(/^\/out\//, ""), file.text]))
  const served = await serve(files)
  server = served.server
  browser = await launchChromium()
  page = await browser.newPage()
  page.on("request", (r) => requested.push(new URL(r.url()).pathname))
  page.on("requestfailed", (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`))
  await page.goto(served.origin)
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true)
}, 60_000)

afterAll(async () => {
  await browser?.close()
  server?.closeAllConnections()
  server?.close()
})

describe("the Promise root in a bundle", () => {
  it("loads no effect module with the page: the engine (with what it needs of effect) is a chunk of its own", async () => {
    const { metafile } = await build({
      stdin: {
        contents:
          `import { Intercom, isIntercomError } from "@utdk/intercom-browser"\nwindow.sdk = { Intercom, isIntercomError }`,
        resolveDir: fileURLToPath(new URL(".", import.meta.url)),
        loader: "js",
      },
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      outdir: "/out",
      write: false,
      metafile: true,
      logLevel: "silent",
    })
    // The entry chunk and the chunks it imports statically: what the page loads before any call.
    // The page's own entry (each dynamically imported module, e.g. a version's registry, is an entry point too).
    const entry = Object.keys(metafile.outputs).find((path) => metafile.outputs[path]!.entryPoint === "<stdin>")!
    const atLoad = new Set<string>([entry])
    for (const path of atLoad) {
      for (const imported of metafile.outputs[path]!.imports) {
        if (imported.kind === "import-statement") atLoad.add(imported.path)
      }
    }
    const inputs = [...atLoad].flatMap((path) => Object.keys(metafile.outputs[path]!.inputs))
    expect(inputs.some((input) => input.endsWith("dist/Intercom.js"))).toBe(true)
    expect(inputs.filter((input) => /\/effect\//.test(input))).toEqual([])
    // The registry and the interpreter are not in it either: they come with the engine.
    expect(inputs.filter((input) => /generated\/registry|promiseInterpreter/.test(input))).toEqual([])
    const lazy = Object.values(metafile.outputs).flatMap((output) =>
      output.imports.filter((i) => i.kind === "dynamic-import")
    )
    expect(lazy.length).toBeGreaterThan(0)
  })

  it("fetches the engine chunk at the first call; calls complete and no request is aborted after it answered", async () => {
    const chunksAtLoad = requested.filter((path) => path.endsWith(".js")).length
    const ids = await page.evaluate(() =>
      (window as unknown as { sdk: { classForm: (n: number) => Promise<unknown> } }).sdk.classForm(5)
    )
    expect(ids).toEqual(["0", "1", "2", "3", "4", "chunked"])
    expect(
      await page.evaluate(() =>
        (window as unknown as { sdk: { functionForm: () => Promise<unknown> } }).sdk.functionForm()
      ),
    ).toBe("f")
    expect(requested.filter((path) => path.endsWith(".js")).length).toBeGreaterThan(chunksAtLoad)
    // A finished response that is collected must not abort its request (a FinalizationRegistry did, now and then).
    const cdp = await page.context().newCDPSession(page)
    await cdp.send("HeapProfiler.collectGarbage")
    await page.waitForTimeout(200)
    await cdp.send("HeapProfiler.collectGarbage")
    await page.waitForTimeout(200)
    expect(requested.filter((path) => path.startsWith("/api/"))).toHaveLength(7)
    expect(failed).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { aborts: Array<string> }).aborts)).toEqual([])
  })
})
