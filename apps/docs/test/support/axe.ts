// axe-core in a page: its serious and critical violations (id, impact, the first few nodes).
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import type { Page } from "playwright-core"

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

export const seriousViolations = async (
  page: Page,
): Promise<Array<{ id: string; impact: string; nodes: Array<string> }>> => {
  await page.addScriptTag({ content: axeSource })
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) })))`,
  )) as Array<{ id: string; impact: string; nodes: Array<string> }>
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical")
}
