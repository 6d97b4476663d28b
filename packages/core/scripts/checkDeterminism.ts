/**
 * CI's check on the generator: two generations of the same description are byte-identical (same files, same bytes),
 * so the generated folder, which is build output and never committed, is a pure function of spec + overrides.
 *
 *   node scripts/checkDeterminism.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { generate } from "./generate.ts"

const files = (dir: string): Array<string> =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()

const first = mkdtempSync(join(tmpdir(), "intercom-generate-a-"))
const second = mkdtempSync(join(tmpdir(), "intercom-generate-b-"))
try {
  await generate({ out: first, quiet: true })
  await generate({ out: second, quiet: true })
  const a = files(first)
  const b = files(second)
  const differing = [...new Set([...a, ...b])].filter((file) => {
    try {
      return !readFileSync(join(first, file)).equals(readFileSync(join(second, file)))
    } catch {
      return true
    }
  })
  if (differing.length > 0) {
    process.stderr.write(
      `generate: two generations differ in ${differing.length} files: ${differing.slice(0, 10).join(", ")}\n`,
    )
    process.exitCode = 1
  } else {
    process.stdout.write(`generate: two generations are byte-identical (${a.length} files)\n`)
  }
} finally {
  rmSync(first, { recursive: true, force: true })
  rmSync(second, { recursive: true, force: true })
}
