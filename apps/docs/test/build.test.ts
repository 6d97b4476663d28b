// The built site (dist/): one page per operation, no raw Markdoc, every internal link and fragment resolves, the
// Pagefind index exists and covers the pages, and the sidebar lists two-tag operations twice with one URL.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { operationList } from "@utdk/intercom-core"
import { beforeAll, describe, expect, it } from "vitest"
import { loadOperations } from "../src/lib/operations.ts"
import { pageWeight } from "../tools/page-weight.ts"
import { fileFor } from "../tools/serve.ts"

const dist = join(import.meta.dirname, "..", "dist")

const htmlFiles = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === "pagefind" || entry.name === "_astro" ? [] : htmlFiles(path)
    return entry.name.endsWith(".html") ? [path] : []
  })

/** URL path of a page file: dist/operations/x/index.html → /operations/x/. */
const urlOf = (file: string) => `/${relative(dist, file).replace(/index\.html$/, "")}`

const pages = new Map<string, string>()
const idsOf = new Map<string, Set<string>>()

beforeAll(() => {
  for (const file of htmlFiles(dist)) pages.set(urlOf(file), readFileSync(file, "utf8"))
})

const ids = (url: string): Set<string> => {
  let found = idsOf.get(url)
  if (!found) {
    found = new Set([...(pages.get(url) ?? "").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!))
    idsOf.set(url, found)
  }
  return found
}

describe("built site", () => {
  it("has one page per operation of the registry", async () => {
    const slugOf = new Map((await loadOperations()).map((op) => [op.name, op.slug]))
    const opPages = [...pages.keys()].filter((url) => /^\/operations\/[^/]+\/$/.test(url))
    expect(opPages.length).toBe(231)
    expect(operationList.length).toBe(231)
    for (const op of operationList) {
      const html = pages.get(`/operations/${slugOf.get(op.name)}/`)
      expect(html, op.name).toBeDefined()
      expect(html).toContain(`intercom.${op.name}()`)
      expect(html).toContain(`>${op.method}</span>`)
    }
  })

  it("leaves no raw {% markup in any page", () => {
    const offenders = [...pages].filter(([, html]) => html.includes("{%")).map(([url]) => url)
    expect(offenders).toEqual([])
  })

  it("renders Intercom's admonitions as named Starlight asides", async () => {
    const operations = await loadOperations()
    // The seed page's case: each named admonition of updateConversation (names read from the manifest, not copied
    // here) is an aside with that name and the matching kind (info → note, danger → danger).
    const update = operations.find((op) => op.name === "updateConversation")!
    const html = pages.get(`/operations/${update.slug}/`)!
    const named = [...update.description.matchAll(/^:::(note|danger)\[([^\]]+)\]$/gm)]
    expect(named.map(([, type]) => type)).toEqual(["note", "danger"])
    for (const [, type, name] of named) {
      expect(html).toContain(`<aside aria-label="${name}" class="starlight-aside starlight-aside--${type}">`)
    }
    // Every aside of an operation's description is an aside on its page.
    for (const op of operations) {
      const expected = op.description.match(/^:::\w+/gm)?.length ?? 0
      const asides = pages.get(`/operations/${op.slug}/`)?.match(/class="starlight-aside starlight-aside--/g)?.length ??
        0
      expect(asides, op.name).toBeGreaterThanOrEqual(expected)
    }
  })

  it("resolves every internal link and fragment", () => {
    const broken: Array<string> = []
    let checked = 0
    for (const [url, html] of pages) {
      for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        const raw = match[1]!.replace(/&amp;/g, "&")
        if (/^(?:[a-z]+:|\/\/)/i.test(raw)) continue // external, mailto:, data:
        const target = new URL(raw, `http://site${url}`)
        const path = decodeURIComponent(target.pathname)
        checked++
        if (!fileFor(dist, path)) {
          broken.push(`${url} → ${raw}`)
          continue
        }
        const fragment = decodeURIComponent(target.hash.slice(1))
        if (fragment !== "" && path.endsWith("/") && !ids(path).has(fragment)) {
          broken.push(`${url} → ${raw} (no #${fragment})`)
        }
      }
    }
    expect(broken).toEqual([])
    expect(checked).toBeGreaterThan(231 * 231)
  })

  it("lists an operation with two tags under both, with one URL", () => {
    const html = pages.get("/operations/retrieve-conversation/")!
    const start = html.indexOf("id=\"starlight__sidebar\"")
    const sidebar = html.slice(start, html.indexOf("</nav>", start))
    const link = "href=\"/operations/update-conversation/\""
    expect(sidebar.split(link).length - 1).toBe(2)
    for (const group of ["Conversations", "Custom Object Instances"]) {
      const label = new RegExp(`<span class="large[^"]*">${group}</span>`).exec(sidebar)
      expect(label, group).not.toBeNull()
      const end = sidebar.indexOf("</details>", label!.index)
      expect(sidebar.slice(label!.index, end)).toContain(link)
    }
  })

  it("labels a nested union once per type (custom_attributes: no repeated `string | integer`)", () => {
    const html = pages.get("/operations/update-conversation/")!
    // The overrides widen the values (booleans, decimals, dates, lists of ids): each type still named once.
    expect(html).toContain("map of string | number | boolean | integer | Custom Object Instances | array of string")
    const labels = [...html.matchAll(/map of ([^<]+)</g)].map((m) => m[1]!.split(" | "))
    expect(labels.length).toBeGreaterThan(0)
    for (const parts of labels) expect(parts).toEqual([...new Set(parts)])
  })

  it("builds the Pagefind index over every page", () => {
    expect(existsSync(join(dist, "pagefind", "pagefind.js"))).toBe(true)
    const entry = JSON.parse(readFileSync(join(dist, "pagefind", "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>
    }
    const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0)
    expect(indexed).toBeGreaterThanOrEqual(232)
  })

  it("ships little JavaScript on an operation page (the SDK loads on Send)", () => {
    const weight = pageWeight(dist, "operations/update-conversation/index.html")
    console.log(`JS per operation page: ${weight.bytes} B, ${weight.gzipBytes} B gzip, ${weight.files.length} files`)
    expect(weight.files.some((f) => f.includes("TryIt"))).toBe(true)
    expect(weight.gzipBytes).toBeLessThan(25_000)
  })
})
