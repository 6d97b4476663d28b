import type { TestProject } from "vitest/node"
import "./inject.ts"
import { startPrism } from "./prism.ts"

/** Vitest global setup: one Prism per test run, its URL given to tests through `prismUrl()` from `./inject`. */
export default async function setup(project: TestProject) {
  const prism = await startPrism()
  project.provide("prismUrl", prism.url)
  return () => prism.stop()
}
