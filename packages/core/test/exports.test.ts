// The public surface is the exports map, listed by name: each entry points at a module that exists, and a new
// top-level module is a decision (list it, or move it to internal/), not an accident of a "./*" pattern.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { expect, it } from "vitest"

const root = new URL("..", import.meta.url)
const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  exports: Record<string, string | { types: string; default: string }>
}
const sourceOf = (target: string) => target.replace(/^\.\/dist\//, "src/").replace(/\.(d\.ts|js)$/, ".ts")

it("every entry of the exports map names a source module, and none is a catch-all pattern", () => {
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    expect(subpath, "a catch-all pattern").not.toBe("./*")
    if (typeof target === "string") continue
    expect(target.types, subpath).toBe(target.default.replace(/\.js$/, ".d.ts"))
    const source = sourceOf(target.default)
    if (source.includes("*")) {
      const dir = source.slice(0, source.lastIndexOf("/"))
      expect(readdirSync(new URL(dir, root)).length, subpath).toBeGreaterThan(0)
    } else expect(existsSync(new URL(source, root)), `${subpath} -> ${source}`).toBe(true)
  }
})

it("every top-level module of src is public by name (internal code lives in src/internal)", () => {
  const listed = new Set(
    Object.values(manifest.exports).flatMap((t) => (typeof t === "string" ? [] : [sourceOf(t.default)])),
  )
  const modules = readdirSync(new URL("src", root)).filter((name) => name.endsWith(".ts"))
  expect(modules.map((name) => `src/${name}`).filter((path) => !listed.has(path))).toEqual([])
})
