import type { TestProject } from "vitest/node"
import "./inject.ts"
import { startPrism } from "./prism.ts"

/**
 * Vitest global setup: the Prism of this test run, its URL given to tests through `prismUrl()` from `./inject`.
 * `scripts/test.sh` starts one Prism for all packages and passes it as `PRISM_URL` (one 35k-line spec load instead of
 * one per package running at once); a package tested on its own starts its own.
 */
export default async function setup(project: TestProject) {
  const shared = process.env.PRISM_URL
  if (shared !== undefined && shared !== "") {
    project.provide("prismUrl", shared)
    return
  }
  const prism = await startPrism()
  project.provide("prismUrl", prism.url)
  return () => prism.stop()
}
