// Prints the subpaths a package's exports map makes public (not "." nor "./package.json"), one a line, each pattern
// ("./operations/*") expanded against the tarball's file list read from stdin. Used by scripts/check-packages.sh.
//
//   tar tzf pkg.tgz | node scripts/export-entries.mjs <(tar xzf pkg.tgz -O package/package.json)
import { readFileSync } from "node:fs"

const manifest = JSON.parse(readFileSync(process.argv[2], "utf8"))
const files = readFileSync(0, "utf8")
  .split("\n")
  .map((line) => line.replace(/^package\//, "./"))
const entries = new Set()
for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
  if (subpath === "." || subpath === "./package.json" || target === null) continue
  const types = typeof target === "string" ? target : target.types
  if (!subpath.includes("*")) {
    entries.add(subpath)
    continue
  }
  const [before, after] = types.split("*")
  for (const file of files) {
    if (file.startsWith(before) && file.endsWith(after) && file.length > before.length + after.length) {
      entries.add(subpath.replace("*", file.slice(before.length, file.length - after.length)))
    }
  }
}
for (const entry of [...entries].sort()) console.log(entry)
