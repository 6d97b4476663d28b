// Vitest global setup: starts the stand-in (one Prism per version behind a router) unless PRISM_URL names one.
import type { TestProject } from "vitest/node"
import "./inject.ts"
import { startPrismRouter } from "./prismRouter.ts"

/**
 * Vitest global setup: the stand-in Intercom of this test run (`./prismRouter.ts`: one Prism per version, chosen by
 * the request's `Intercom-Version`, the newest without it), its URL given to tests through `prismUrl()` from `./inject`.
 * `scripts/test.sh` starts one stand-in for all packages and passes it as `PRISM_URL` (one 35k-line spec load instead of
 * one per package running at once); a package tested on its own starts its own.
 */
export default async function setup(project: TestProject) {
  const shared = process.env.PRISM_URL
  if (shared !== undefined && shared !== "") {
    project.provide("prismUrl", shared)
    return
  }
  const router = await startPrismRouter()
  project.provide("prismUrl", router.url)
  return () => router.stop()
}
