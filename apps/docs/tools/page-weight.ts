/**
 * JavaScript a built page makes the browser download before any interaction: its module scripts, their static
 * imports (transitively) and inline scripts, measured raw and gzipped. Dynamic imports (the SDK on Send, Pagefind
 * on search) are not counted: they load on demand.
 */
import { readFileSync } from "node:fs"
import { join, posix } from "node:path"
import { gzipSync } from "node:zlib"

export interface PageWeight {
  readonly files: ReadonlyArray<string>
  readonly bytes: number
  readonly gzipBytes: number
}

const staticImports = /(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g

export const pageWeight = (dist: string, pageFile: string): PageWeight => {
  const html = readFileSync(join(dist, pageFile), "utf8")
  const queue = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!)
  const seen = new Set<string>()
  let bytes = 0
  let gzipBytes = 0
  while (queue.length > 0) {
    const url = queue.shift()!
    if (seen.has(url)) continue
    seen.add(url)
    const code = readFileSync(join(dist, url))
    bytes += code.length
    gzipBytes += gzipSync(code, { level: 9 }).length
    for (const m of code.toString("utf8").matchAll(staticImports)) queue.push(posix.join(posix.dirname(url), m[1]!))
  }
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/json)[^>]*>([\s\S]*?)<\/script>/g)) {
    const code = Buffer.from(m[1]!)
    bytes += code.length
    gzipBytes += gzipSync(code, { level: 9 }).length
  }
  return { files: [...seen], bytes, gzipBytes }
}
