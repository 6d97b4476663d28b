// Where the Intercom OpenAPI descriptions are (../shared/intercom-openapi, or INTERCOM_OPENAPI_DIR).
import { existsSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

/** The repository root (the folder with pnpm-workspace.yaml). */
export const repoRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const up = dirname(dir)
    if (up === dir) throw new Error("intercom-testing: cannot find the repository root")
    dir = up
  }
  return dir
})()

/** Where the Intercom OpenAPI descriptions live: `../shared/intercom-openapi` beside the repo, or $INTERCOM_OPENAPI_DIR. */
export const specDir: string = process.env.INTERCOM_OPENAPI_DIR ?? resolve(repoRoot, "../shared/intercom-openapi")

/** Path of the description of one API version folder ("2.16", "2.14", … or "0" for Preview). */
export const specPath = (version: string = "2.16"): string => {
  const path = join(specDir, version, "api.intercom.io.yaml")
  if (!existsSync(path)) throw new Error(`intercom-testing: spec not found at ${path} (set INTERCOM_OPENAPI_DIR)`)
  return path
}
