// Prints "N passed, N failed" from the vitest JSON reports of every workspace package with a test script.
// A package whose report is missing (crashed set-up, no run) counts as one failure, so CI cannot go green silently.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const root = new URL("..", import.meta.url).pathname
const dirs = ["packages", "apps"].flatMap((top) =>
  existsSync(join(root, top)) ? readdirSync(join(root, top)).map((d) => join(root, top, d)) : []
)
let passed = 0
let failed = 0
let skipped = 0
for (const dir of dirs) {
  const pkgFile = join(dir, "package.json")
  if (!existsSync(pkgFile) || !JSON.parse(readFileSync(pkgFile, "utf8")).scripts?.test) continue
  const report = join(dir, ".vitest-results.json")
  if (!existsSync(report)) {
    console.error(`count-results: no test report in ${dir}`)
    failed += 1
    continue
  }
  const r = JSON.parse(readFileSync(report, "utf8"))
  passed += r.numPassedTests
  failed += r.numFailedTests + (r.success === false && r.numFailedTests === 0 ? 1 : 0)
  skipped += r.numPendingTests + r.numTodoTests
  console.error(`count-results: ${dir.slice(root.length)}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
process.exit(failed > 0 ? 1 : 0)
