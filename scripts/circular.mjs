#!/usr/bin/env node
// Fails (exit 1) on any import cycle inside packages/*/src, type-only imports included: a cycle makes the load order
// decide what a module sees at start-up, and a type-only one still couples the two files. Run as `pnpm circular`.
import madge from "madge"
import { readdirSync, existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { join } from "node:path"

const root = fileURLToPath(new URL("..", import.meta.url))
const sources = readdirSync(join(root, "packages"))
  .map((name) => join(root, "packages", name, "src"))
  .filter((dir) => existsSync(dir))

const graph = await madge(sources, {
  baseDir: root,
  fileExtensions: ["ts"],
  tsConfig: join(root, "tsconfig.base.json"),
  detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
})
const cycles = graph.circular()
if (cycles.length === 0) {
  console.log(`circular: no import cycle in ${Object.keys(graph.obj()).length} modules of packages/*/src`)
} else {
  console.error(`circular: ${cycles.length} import cycle(s) in packages/*/src:`)
  for (const cycle of cycles) console.error(`  ${[...cycle, cycle[0]].join(" -> ")}`)
  process.exit(1)
}
