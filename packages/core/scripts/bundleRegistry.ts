/**
 * After `tsc`, rewrites `dist/generated/registry.js` as one module with every operation and model inlined, built from
 * the sources (so an incremental `tsc -b` that re-emits only a model cannot leave a stale bundle)
 * (`effect` stays external): importing the client then loads one file instead of ~550, the main cost of a cold
 * import. The per-operation modules stay as they are for programs that import one operation (tree-shaking); the
 * declarations (`registry.d.ts`) are tsc's.
 *
 *   node scripts/bundleRegistry.ts
 */
import { build } from "esbuild"
import { cpSync } from "node:fs"
import { fileURLToPath } from "node:url"

await build({
  entryPoints: [fileURLToPath(new URL("../src/generated/registry.ts", import.meta.url))],
  outfile: fileURLToPath(new URL("../dist/generated/registry.js", import.meta.url)),
  allowOverwrite: true,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["effect", "effect/*"],
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
})

// The other versions' registry modules and types are generated as JavaScript and declarations (tsc emits neither):
// copied as they are.
cpSync(
  fileURLToPath(new URL("../src/generated/versions", import.meta.url)),
  fileURLToPath(new URL("../dist/generated/versions", import.meta.url)),
  {
    recursive: true,
  },
)
