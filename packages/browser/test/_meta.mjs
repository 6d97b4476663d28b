import { build } from "esbuild"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
const srcDir = process.cwd() + "/src/"
const ownSources = { name: "own", setup(b) {
  b.onResolve({ filter: /^@utdk\/intercom-browser(\/.*)?$/ }, (args) => ({ path: `${srcDir}${args.path === "@utdk/intercom-browser" ? "index" : args.path.slice("@utdk/intercom-browser/".length)}.ts` }))
  b.onResolve({ filter: /[\\/]versions[\\/][^\\/]+[\\/]registry\.js$/ }, (args) => ({ path: args.path, external: true }))
}}
const r = await build({ stdin: { contents: `
  import { request } from "@utdk/intercom-browser/request"
  import { updateConversation } from "@utdk/intercom-browser/operations"
  export const run = (baseUrl) => request(updateConversation, { conversation_id: "507", read: true }, { baseUrl })
`, resolveDir: process.cwd() + "/test", loader: "ts", sourcefile: "app.ts" }, bundle: true, write: false, minify: true, format: "esm", platform: "browser", target: "es2022", legalComments: "none", metafile: true, logLevel: "silent", plugins: [ownSources] })
const out = Object.values(r.metafile.outputs)[0]
const bytes = r.outputFiles[0].contents
console.log("total", bytes.byteLength, "gz", gzipSync(bytes, { level: 9 }).byteLength)
const rows = Object.entries(out.inputs).filter(([, i]) => i.bytesInOutput > 0).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
let eff = 0
for (const [p, i] of rows) { if (p.includes("effect")) eff += i.bytesInOutput; console.log(i.bytesInOutput, p.replace(/.*node_modules\//, "nm/")) }
console.log("effect total", eff)
if (process.argv[2]) { // why chain
  const ins = r.metafile.inputs
  const target = Object.keys(ins).find(k => k.includes(process.argv[2]))
  const seen = new Set([target]); let q = [[target]]
  // reverse graph
  const rev = {}; for (const [k, v] of Object.entries(ins)) for (const imp of v.imports) (rev[imp.path] ??= []).push(k)
  while (q.length) { const path = q.shift(); const h = path[path.length-1]; if (h === "<stdin>" || !rev[h]) { console.log(path.map(p=>p.replace(/.*node_modules\//,"nm/")).join("\n  <- ")); break } for (const n of rev[h]) if (!seen.has(n)) { seen.add(n); q.push([...path, n]) } }
}
