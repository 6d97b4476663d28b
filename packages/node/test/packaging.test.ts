// Release readiness of the four published packages: each one packs, and the tarball passes publint (strict) and
// @arethetypeswrong/cli; `pnpm -r publish --dry-run` passes. The work is done by scripts/check-packages.sh (the same
// command a release runs); this file makes it part of the test results. It needs every package's dist/, which is
// why turbo builds this package before its tests (turbo.json: "@utdk/intercom#test").
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import { repoRoot } from "@utdk/intercom-testing/spec"
import { describe, expect, it } from "vitest"

const run = promisify(execFile)
const script = join(repoRoot, "scripts/check-packages.sh")
const published = ["packages/core", "packages/node", "packages/browser", "packages/gateway"] as const

const check = async (...args: Array<string>) => {
  try {
    const { stdout } = await run(script, args, { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 })
    return { ok: true, output: stdout }
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    return { ok: false, output: `${e.stdout ?? ""}\n${e.stderr ?? e.message}` }
  }
}

describe.each(published)("%s", (dir) => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8"))

  it("declares what a published ESM package needs", () => {
    expect(manifest.private).toBeUndefined()
    expect(manifest.type).toBe("module")
    expect(manifest.license).toBe("MIT")
    expect(manifest.sideEffects).toBe(false)
    expect(manifest.engines.node).toMatch(/^>=22/)
    expect(manifest.files).toEqual(expect.arrayContaining(["dist", "README.md", "LICENSE", "THIRD_PARTY_NOTICES.md"]))
    expect(manifest.repository.directory).toBe(dir)
    expect(manifest.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" })
    expect(readFileSync(join(repoRoot, dir, "LICENSE"), "utf8")).toMatch(/^MIT License/)
    // The generated code carries the spec's text: its MIT notice ships with it.
    expect(readFileSync(join(repoRoot, dir, "THIRD_PARTY_NOTICES.md"), "utf8")).toContain(
      "Copyright (c) 2022 Intercom, Inc.",
    )
    expect(readFileSync(join(repoRoot, dir, "README.md"), "utf8")).toContain(`# ${manifest.name}`)
  })

  it("packs clean under publint --strict and attw", async () => {
    const { ok, output } = await check(dir)
    expect(output).toContain(`attw: no problems in ${manifest.name}`)
    expect(ok, output).toBe(true)
  }, 600_000) // attw checks every public module the exports map names (262 for core), minutes on a loaded machine
})

it("pnpm -r publish --dry-run passes", async () => {
  const { ok, output } = await check("--publish-dry-run")
  for (const dir of published) {
    const { name, version } = JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8"))
    expect(output).toContain(`${name}@${version}`)
  }
  expect(ok, output).toBe(true)
}, 120_000)
