// Bundle size of a browser program, as an app would ship it: esbuild, ESM, minified, tree-shaken, browser platform,
// resolved through the packages' `exports` (their dist/). Budget for one operation: 150 KB minified, 50 KB gzip.
import { gzipSync } from "node:zlib"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import { describe, expect, it } from "vitest"

const measure = async (contents: string) => {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    metafile: true,
    logLevel: "silent",
  })
  const code = result.outputFiles[0]!.contents
  return { bytes: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, inputs: Object.keys(result.metafile.inputs) }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

describe("browser bundle size", () => {
  it("one operation through the function form fits the budget (150 KB min / 50 KB gzip)", async () => {
    const size = await measure(`
      import { request } from "@utdk/intercom-browser/request"
      import { updateConversation } from "@utdk/intercom-core/generated/operations/updateConversation"
      export const run = () => request(updateConversation, { conversation_id: "123", read: true, title: "Refund" }, { baseUrl: "/intercom" })
    `)
    console.log(`bundle: request + updateConversation = ${kb(size.bytes)} min, ${kb(size.gzip)} gzip`)
    // Only the one operation (and the models it references) is in the bundle, not the registry.
    expect(size.inputs.some((path) => path.includes("generated/registry"))).toBe(false)
    expect(size.inputs.filter((path) => path.includes("generated/operations/"))).toHaveLength(1)
    expect(size.bytes).toBeLessThanOrEqual(150 * 1024)
    expect(size.gzip).toBeLessThanOrEqual(50 * 1024)
  })

  it("reports the class form (every operation) for comparison", async () => {
    const size = await measure(`
      import { Intercom } from "@utdk/intercom-browser/Intercom"
      export const run = () => new Intercom({ baseUrl: "/intercom" }).updateConversation({ conversation_id: "123", read: true })
    `)
    console.log(`bundle: new Intercom() (all 231 operations) = ${kb(size.bytes)} min, ${kb(size.gzip)} gzip`)
    expect(size.inputs.filter((path) => path.includes("generated/operations/")).length).toBe(231)
  })
})
