/**
 * Bundle sizes, as a browser app would ship them: esbuild, ESM, minified, tree-shaken, for the browser platform.
 * Entry programs are given as source text so the figures measure exactly one import and one call.
 *
 *   node src/size.ts      prints one JSON line
 */
import { gzipSync } from "node:zlib"
import { build } from "esbuild"

export interface BundleSize {
  readonly bytes: number
  readonly gzip: number
}

const benchDir = new URL("..", import.meta.url).pathname

/** Bundles `source` (an ES module resolved from the bench folder) and measures the minified output. */
export const bundleSize = async (source: string): Promise<BundleSize> => {
  const result = await build({
    stdin: { contents: source, resolveDir: benchDir, loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    logLevel: "silent",
  })
  const code = result.outputFiles[0]!.contents
  return { bytes: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength }
}

/** The programs whose sizes BENCHMARKS.md reports. */
export const programs: Record<string, string> = {
  "@utdk/intercom-browser, one operation": `
    import { request } from "@utdk/intercom-browser/request"
    import { updateConversation } from "@utdk/intercom-browser/operations"
    export const run = () => request(updateConversation, { conversation_id: 123, read: true }, { baseUrl: "/intercom" })
  `,
  "@utdk/intercom-browser, whole package": `
    export * from "@utdk/intercom-browser"
  `,
  "intercom-client 7.0.3, one call": `
    import { IntercomClient } from "intercom-client"
    export const run = () => new IntercomClient({ token: "t" }).conversations.update({ conversation_id: "123", read: true })
  `,
}

export const runSizes = async (
  only?: ReadonlyArray<string>,
): Promise<Record<string, BundleSize | { error: string }>> => {
  const out: Record<string, BundleSize | { error: string }> = {}
  for (const [name, source] of Object.entries(programs)) {
    if (only && !only.includes(name)) continue
    out[name] = await bundleSize(source).catch((e: Error) => ({ error: e.message.split("\n")[0]! }))
  }
  return out
}

if (import.meta.main) console.log(JSON.stringify(await runSizes()))
