/**
 * A version's description as Prism can serve it. 2.7–2.11 refer to a `custom_attributes` model they never define
 * (the SDK's generator takes it from a newer description), and Prism refuses to start on a dangling reference; the
 * copy served defines each missing model as any value. Other descriptions are served as they are.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { specPath } from "./spec.ts"

/** The models `components.schemas` of the YAML `text` is referred to by but does not define. */
export const missingModels = (text: string): ReadonlyArray<string> => {
  const start = text.indexOf("\ncomponents:\n  schemas:\n")
  if (start < 0) return []
  const section = text.slice(start).split(/\n(?=  \S)/)[1] ?? ""
  const defined = new Set([...section.matchAll(/^ {4}([^\s:]+):/gm)].map((m) => m[1]))
  const referred = new Set([...text.matchAll(/#\/components\/schemas\/([^"'\s]+)/g)].map((m) => m[1]!))
  return [...referred].filter((name) => !defined.has(name)).sort()
}

const servable = new Map<string, string>()

/** The path of the description of `folder` ("2.11", "0" …) that Prism can load: the original, or a patched copy. */
export const servableSpec = (folder: string): string => {
  const original = specPath(folder)
  let path = servable.get(original)
  if (path === undefined) {
    const text = readFileSync(original, "utf8")
    const missing = missingModels(text)
    path = original
    if (missing.length > 0) {
      path = join(mkdtempSync(join(tmpdir(), "intercom-spec-")), "api.intercom.io.yaml")
      const defined = missing.map((name) => `    ${name}: {}\n`).join("")
      writeFileSync(path, text.replace("\ncomponents:\n  schemas:\n", `\ncomponents:\n  schemas:\n${defined}`))
    }
    servable.set(original, path)
  }
  return path
}
