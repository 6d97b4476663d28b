// Every operation page through the demo stack (the built site, intercom-gateway, Prism): the page's first request
// example ("Use this example"), or the required-field hints when it has none, then Send, must answer 2xx. The few
// the spec or the stand-in make impossible are listed, each with its reason, in sweep-exceptions.json; a listed page
// that starts passing fails the test too, so the list cannot go stale. One browser, one page, reused.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { useDemoStack } from "./support/demoStack.ts"
import { loadOperations } from "../src/lib/operations.ts"
import type { TryItOperation } from "../src/lib/try-it-data.ts"

/** Page slug → why "Use this example" then Send cannot answer 2xx there. */
const exceptions = JSON.parse(readFileSync(join(import.meta.dirname, "sweep-exceptions.json"), "utf8")) as Record<string, string>

const stack = useDemoStack()

/** Fills the required parameters the page's hints name, the way a visitor would type them. */
const fillRequiredParameters = async (page: Page, op: TryItOperation) => {
  for (const location of ["path", "query", "header"] as const) {
    for (const [name, value] of Object.entries(op.placeholders[location])) {
      const field = page.locator(`[data-field="${location}.${name}"]`)
      const select = field.locator("select").first()
      if (value !== null && typeof value === "object" && !Array.isArray(value) && (await select.count()) > 0) {
        // A union of objects: the first variant, then its fields from the hint, in order.
        await select.selectOption("0")
        const inputs = field.locator(".variant-slot input")
        const entries = Object.values(value)
        for (let i = 0; i < entries.length && i < (await inputs.count()); i++) await inputs.nth(i).fill(String(entries[i]))
      } else if ((await select.count()) > 0) await select.selectOption(String(value))
      else {
        const input = field.locator("input").first()
        if ((await input.inputValue()) === "") await input.fill(typeof value === "string" ? value : JSON.stringify(value))
      }
    }
  }
}

/** One page: example (or hints), Send, and what came back. */
const sweep = async (page: Page, slug: string): Promise<string> => {
  await page.goto(`${stack.site.url}/operations/${slug}/`, { waitUntil: "domcontentloaded" })
  await page.locator("[data-try-it][data-ready=true]").waitFor()
  const op = JSON.parse((await page.locator("[data-try-it] script[data-operation]").textContent()) ?? "{}") as TryItOperation
  const example = page.locator("[data-use-example]").first()
  if ((await example.count()) > 0) await example.click()
  else if (op.placeholders.body !== undefined) {
    await page.locator("[data-json-editor] summary").click()
    await page.locator("[data-json-body]").fill(JSON.stringify(op.placeholders.body, null, 2))
  }
  await fillRequiredParameters(page, op)
  const send = page.locator("[data-send]")
  if (await send.isDisabled()) return `Send stays off: ${await page.locator("[data-send-hint]").innerText()}`
  await send.click()
  await expect.poll(() => send.innerText(), { timeout: 30_000 }).toBe("Send")
  const status = await page.locator("[data-response] [data-status]").innerText()
  if (/^2\d\d$/.test(status)) return "2xx"
  return `${status}: ${(await page.locator("[data-response] [data-error]").innerText()).slice(0, 300)}`
}

describe("sweep of every operation page", () => {
  it("answers 2xx on the first Send with the page's example or hints, except the listed few", async () => {
    const slugs = (await loadOperations()).map((op) => op.slug)
    expect(slugs).toHaveLength(231)
    for (const slug of Object.keys(exceptions)) expect(slugs, `sweep-exceptions.json lists ${slug}`).toContain(slug)
    const page = await stack.browser.newPage()
    const errors: Array<string> = []
    page.on("pageerror", (e) => errors.push(e.message))
    // The demo's link stores the gateway URL; every later page reads it from storage.
    await page.goto(`${stack.site.url}/operations/list-tags/?gateway=${encodeURIComponent(stack.gateway.url)}`)
    await page.locator("[data-try-it][data-ready=true]").waitFor()
    const outcomes: Record<string, string> = {}
    for (const slug of slugs) outcomes[slug] = await sweep(page, slug).catch((error: unknown) => `sweep failed: ${String(error).slice(0, 300)}`)
    const failing = Object.fromEntries(Object.entries(outcomes).filter(([, outcome]) => outcome !== "2xx"))
    const unexpected = Object.fromEntries(Object.entries(failing).filter(([slug]) => !(slug in exceptions)))
    const nowPassing = Object.keys(exceptions).filter((slug) => outcomes[slug] === "2xx")
    console.log(`sweep: ${slugs.length - Object.keys(failing).length} of ${slugs.length} pages answered 2xx; listed exceptions: ${Object.keys(exceptions).length}`)
    expect({ unexpected, nowPassing, errors }).toEqual({ unexpected: {}, nowPassing: [], errors: [] })
    await page.close()
  }, 900_000)
})
