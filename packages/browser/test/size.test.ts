// Size budgets of what a browser app ships (esbuild, ESM, minified, tree-shaken, browser platform), deterministic so
// they run in CI: one operation through the function form well under intercom-client 7.0.3's one call gzipped (31.1 KB,
// bench/src/size.ts measures both side by side), with none of Schema's machinery and none of effect's fiber runtime. This package's own
// modules are bundled from src/ (its dist/ may not be built when tests run); @utdk/intercom-core and effect resolve
// through their package exports, as in an app. The measured bundle is also run, so a budget cannot be met by a
// bundle that lost the code it is measured for.
import { createServer, type Server } from "node:http"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import { build, type Plugin } from "esbuild"
import { operations } from "@utdk/intercom-core/registry"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const srcDir = fileURLToPath(new URL("../src/", import.meta.url))

/** `@utdk/intercom-browser[/x]` → `src/index.ts` or `src/x.ts`. */
const ownSources: Plugin = {
  name: "own-sources",
  setup(b) {
    b.onResolve({ filter: /^@utdk\/intercom-browser(\/.*)?$/ }, (args) => ({
      path: `${srcDir}${
        args.path === "@utdk/intercom-browser" ? "index" : args.path.slice("@utdk/intercom-browser/".length)
      }.ts`,
    }))
    // Another version's registry is imported on demand (`import()`): a chunk of its own in an app's bundle, loaded
    // only by a client pinned to that version. Left out, as an app's bundler splits it off.
    b.onResolve(
      { filter: /[\\/]versions[\\/][^\\/]+[\\/]registry\.js$/ },
      (args) => ({ path: args.path, external: true }),
    )
  },
}

interface Bundle {
  readonly code: string
  readonly bytes: number
  readonly gzip: number
  readonly inputs: ReadonlyArray<string>
}

const bundle = async (contents: string): Promise<Bundle> => {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts", sourcefile: "app.ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
    plugins: [ownSources],
  })
  const bytes = result.outputFiles[0]!.contents
  return {
    code: result.outputFiles[0]!.text,
    bytes: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    // The modules that put code in the bundle (a re-exporting module parses all it names, and keeps only what is used).
    inputs: Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

const oneOperation = `
  import { request } from "@utdk/intercom-browser/request"
  import { updateConversation } from "@utdk/intercom-browser/operations"
  export const run = (baseUrl) => request(updateConversation, { conversation_id: "507", read: true }, { baseUrl })
`

const wholePackage = `
  import * as browser from "@utdk/intercom-browser"
  import { request } from "@utdk/intercom-browser/request"
  export const run = (baseUrl) => new browser.Intercom({ baseUrl }).updateConversation({ conversation_id: "507", read: true })
  export { browser, request }
`

// A gateway stand-in on 127.0.0.1 answering updateConversation with a conversation, to run the bundles against.
let server: Server
let baseUrl: string
const seen: Array<{ method: string; url: string; body: string }> = []

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ""
    req.on("data", (chunk: Buffer) => (body += chunk.toString()))
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", body })
      res.writeHead(200, { "content-type": "application/json" })
      res.end(JSON.stringify({ type: "conversation", id: "507", read: true, state: "open", extra: { kept: true } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const load = async (b: Bundle): Promise<{ run: (baseUrl: string) => Promise<unknown> }> =>
  import(`data:text/javascript;base64,${Buffer.from(b.code).toString("base64")}`)

describe("browser bundle size budgets", () => {
  it("one operation via @utdk/intercom-browser/request: <= 25 KB gzip, no Schema, no fiber runtime, and it works", async () => {
    const b = await bundle(oneOperation)
    console.log(`size: one operation = ${kb(b.bytes)} minified, ${kb(b.gzip)} gzip`)
    expect(b.bytes).toBeLessThanOrEqual(80 * 1024)
    expect(b.gzip).toBeLessThanOrEqual(25 * 1024)
    // Its checks are the compact ones: no Schema model, parser or AST, no descriptor with Schemas, no registry.
    expect(
      b.inputs.filter((path) => /effect\/dist\/Schema|generated\/(models|operations)\/|generated\/registry/.test(path)),
    ).toEqual([])
    // The Promise path runs on plain promises and timers: none of effect's runtime (Effect values, fibers, their
    // scheduler) nor its Duration. By module, and by the fiber's type id, which goes wherever the runtime's code goes.
    expect(
      b.inputs.filter((path) =>
        /effect\/dist\/(internal\/effect|Effect|Fiber|Scheduler|Duration|Clock)\.js$/.test(path)
      ),
    ).toEqual([])
    expect(b.code.includes("\"~effect/Fiber\""), "the fiber's type id is in the bundle").toBe(false)
    expect(b.code).toContain("\"/conversations/{conversation_id}\"")
    expect(b.code).not.toContain("\"/conversations/{conversation_id}/tags\"")
    // And the bundle is the real thing: it sends the request and decodes the answer (unknown fields kept).
    const before = seen.length
    const conversation = await (await load(b)).run(baseUrl)
    expect(conversation).toMatchObject({ id: "507", read: true, extra: { kept: true } })
    expect(seen.slice(before)).toEqual([{
      method: "PUT",
      url: "/conversations/507",
      body: JSON.stringify({ read: true }),
    }])
  })

  it("the whole package (every operation, class and function forms) stays under 1.5 MB minified", async () => {
    const whole = await bundle(wholePackage)
    const one = await bundle(oneOperation)
    console.log(`size: whole @utdk/intercom-browser = ${kb(whole.bytes)} minified, ${kb(whole.gzip)} gzip`)
    // Every operation's descriptor is in the bundle (core ships its registry as one bundled module, so count names).
    const missing = Object.values(operations).filter((op) => !whole.code.includes(JSON.stringify(op.path)))
    expect(Object.keys(operations)).toHaveLength(231)
    expect(missing.map((op) => op.name)).toEqual([])
    expect(whole.bytes).toBeGreaterThan(one.bytes * 2)
    expect(whole.bytes).toBeLessThanOrEqual(1536 * 1024)
    const conversation = await (await load(whole)).run(baseUrl)
    expect(conversation).toMatchObject({ id: "507", read: true })
  }, 180_000) // two bundles of the whole registry: seconds alone, minutes on a loaded 2-core machine
})
