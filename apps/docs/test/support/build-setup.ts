// Vitest global setup: builds the site when dist/ is missing (turbo's `test` runs after the `build` task, so in CI
// the build is already there). DOCS_REBUILD=1 forces a fresh build.
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"

export default function setup() {
  const root = join(import.meta.dirname, "..", "..")
  if (existsSync(join(root, "dist", "index.html")) && process.env.DOCS_REBUILD !== "1") return
  const astro = join(createRequire(join(root, "package.json")).resolve("astro/package.json"), "..", "bin", "astro.mjs")
  // Vitest sets NODE_ENV=test, which would make a development build (Starlight leaves search out of those).
  execFileSync(process.execPath, [astro, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  })
}
