// Search scoped to the version shown (issue 20), in Chromium: every version's pages are in the one Pagefind index,
// and the search on a page of version V finds V's pages only (its filter, preselected; a visitor may uncheck it).
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { launchChromium } from "@utdk/intercom-testing/chromium"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { serveStatic, type StaticSite } from "../tools/serve.ts"
import { seriousViolations } from "./support/axe.ts"
import { artifacts, docsRoot } from "./support/demoStack.ts"

let site: StaticSite
let browser: Browser
beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true })
  site = await serveStatic(join(docsRoot, "dist"))
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
})

/** The paths of every result (and sub-result) the search panel lists for `term`, once the search has answered. */
const search = async (page: Page, term: string): Promise<ReadonlyArray<string>> => {
  await page.locator("button[data-open-modal]").click()
  await page.locator("#starlight__search input[type=text], #starlight__search input[type=search]").first().fill(term)
  // "12 results for …" or "No results for …", once Pagefind has searched (its index loads on the first search).
  await expect
    .poll(() => page.locator("#starlight__search .pagefind-ui__message").first().textContent(), { timeout: 30_000 })
    .toMatch(new RegExp(`results? for ${term}`))
  const links = page.locator("#starlight__search .pagefind-ui__result-link")
  // Every result Pagefind found, not only the first page of them.
  const more = page.locator("#starlight__search .pagefind-ui__button")
  while (await more.isVisible()) await more.click()
  return (await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))) as Array<string>
}

const olderPrefix = /^\/(?:\d+\.\d+|Preview)\//

describe("search", () => {
  it("on a 2.14 page finds 2.14's pages only, on a newest page the newest's only", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()

    await page.goto(`${site.url}/2.14/operations/update-conversation/`)
    const older = await search(page, "conversation")
    expect(older.length).toBeGreaterThan(5)
    expect(older.filter((path) => !path.startsWith("/2.14/"))).toEqual([])
    expect(older).toContain("/2.14/operations/update-conversation/")
    // The scope is shown: the search box names the version, and the version filter has it checked.
    expect(await page.locator("#starlight__search .pagefind-ui__search-input").getAttribute("placeholder")).toBe(
      "Search API 2.14",
    )
    expect(
      await page.locator("#starlight__search input[type=checkbox]:checked").evaluateAll((els) =>
        els.map((el) => (el as HTMLInputElement).value)
      ),
    ).toEqual(["2.14"])
    // The search panel open, with its results: nothing serious for axe (Pagefind's box alone has only a title).
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(artifacts, "search-2.14.png") })
    // Unchecked, the filter lets every version's pages through.
    await page.locator("#starlight__search input[type=checkbox]:checked").uncheck()
    await expect.poll(async () =>
      new Set(
        (await page.locator("#starlight__search .pagefind-ui__result-link").evaluateAll((as) =>
          as.map((a) => (a as HTMLAnchorElement).pathname.split("/operations/")[0])
        )) as Array<string>,
      ).size
    ).toBeGreaterThan(1)

    await page.goto(`${site.url}/operations/update-conversation/`)
    const newest = await search(page, "conversation")
    expect(newest.length).toBeGreaterThan(5)
    expect(newest.filter((path) => olderPrefix.test(path))).toEqual([])
    expect(newest).toContain("/operations/update-conversation/")

    // The home page documents the newest version: its search finds the newest's pages, and the home page itself.
    await page.goto(`${site.url}/`)
    const home = await search(page, "gateway")
    expect(home.filter((path) => olderPrefix.test(path))).toEqual([])
    expect(home).toContain("/")

    // An operation only the preview has is found from a Preview page, and not from the newest version's.
    await page.goto(`${site.url}/Preview/operations/list-folders/`)
    const preview = await search(page, "folders")
    expect(preview.filter((path) => !path.startsWith("/Preview/"))).toEqual([])
    expect(preview).toContain("/Preview/operations/list-folders/")
    await page.goto(`${site.url}/operations/update-conversation/`)
    expect(await search(page, "folders")).not.toContain("/Preview/operations/list-folders/")
    await context.close()
  }, 120_000)
})
