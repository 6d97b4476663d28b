/**
 * The docs playground's response viewer on a 1 MB body (4000 contacts): time from `renderJson` to the next frame
 * in Chromium (layout included), against a baseline in the same page, `JSON.stringify(body, null, 2)` into a `<pre>` (what a plain
 * viewer does). Moved here from the e2e test, where a wall-clock bound would flake on a loaded CI machine.
 *
 *   node json-view.ts [--rounds N]
 *
 * Needs the docs site built (`pnpm build`) and Chromium (scripts/bootstrap.sh). Prints a table, then one JSON line.
 */
import { readdirSync } from "node:fs"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { launchChromium } from "@utdk/intercom-testing/chromium"
import { serveStatic } from "../apps/docs/tools/serve.ts"
import { median } from "./src/stats.ts"

const { values } = parseArgs({ options: { rounds: { type: "string", default: "9" } } })
const rounds = Number(values.rounds)
const dist = join(import.meta.dirname, "..", "apps", "docs", "dist")
const chunk = readdirSync(join(dist, "_astro")).find((f) => f.startsWith("json-view.") && f.endsWith(".js"))
if (!chunk) throw new Error("no json-view chunk in apps/docs/dist/_astro: build the docs first (pnpm build)")

const site = await serveStatic(dist)
const browser = await launchChromium()
try {
  const page = await browser.newPage()
  await page.goto(`${site.url}/operations/update-conversation/`)
  const samples = { viewer: [] as Array<number>, baseline: [] as Array<number> }
  let size = 0
  // Interleaved rounds, each on a fresh element; the first round of each warms up and is dropped.
  for (let round = 0; round <= rounds; round++) {
    const r = (await page.evaluate(`(async () => {
      const { renderJson } = await import("/_astro/${chunk}")
      const items = Array.from({ length: 4000 }, (_, i) => ({
        type: "contact",
        id: "6762f1301bb69f9f2193" + String(i).padStart(4, "0"),
        name: "Contact number " + i,
        custom_attributes: { plan: "pro", seats: i, notes: "x".repeat(120) },
      }))
      const body = { type: "list", data: items, total_count: items.length }
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)))
      const time = async (render) => {
        const el = document.createElement("div")
        document.body.append(el)
        const started = performance.now()
        render(el)
        void el.offsetHeight // style and layout of what was rendered, inside the timing
        await frame()
        const ms = performance.now() - started
        el.remove()
        return ms
      }
      const viewer = await time((el) => renderJson(el, body))
      const baseline = await time((el) => { const pre = document.createElement("pre"); pre.textContent = JSON.stringify(body, null, 2); el.append(pre) })
      return { viewer, baseline, size: JSON.stringify(body).length }
    })()`)) as { viewer: number; baseline: number; size: number }
    size = r.size
    if (round === 0) continue
    samples.viewer.push(r.viewer)
    samples.baseline.push(r.baseline)
  }
  const viewer = median(samples.viewer)
  const baseline = median(samples.baseline)
  console.log(`| figure (${(size / 1e6).toFixed(2)} MB body, median of ${rounds}) | ms |`)
  console.log(`| --- | ---: |`)
  console.log(`| renderJson to next frame | ${viewer.toFixed(1)} |`)
  console.log(`| baseline: JSON.stringify into <pre> | ${baseline.toFixed(1)} |`)
  console.log(`| ratio viewer / baseline | ${(viewer / baseline).toFixed(3)}x |`)
  console.log(JSON.stringify({ bytes: size, rounds, viewerMs: viewer, baselineMs: baseline, ratio: viewer / baseline }))
} finally {
  await browser.close()
  await site.close()
}
