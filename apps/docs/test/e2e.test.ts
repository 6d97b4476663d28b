// End to end in Chromium: the built site on 127.0.0.1, intercom-gateway in front of Prism (the mock built from
// Intercom's description), and the Try it island of "Update a conversation" driven like a visitor would.
import { readdirSync } from "node:fs"
import { join } from "node:path"
import { prismUrl } from "@utdk/intercom-testing/inject"
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { artifacts, docsRoot, useDemoStack } from "./support/demoStack.ts"
import { loadOperations } from "../src/lib/operations.ts"
import { startGateway } from "../tools/gateway.ts"

const opPath = "/operations/update-conversation/"

const stack = useDemoStack()

const snippet = (page: Page) => page.locator("[data-snippet=typescript]").innerText()

/** Runs an input step and checks the TypeScript snippet changed and now contains `expected`. */
const changes = async (page: Page, step: () => Promise<void>, expected: string) => {
  const before = await snippet(page)
  await step()
  await expect.poll(() => snippet(page)).not.toBe(before)
  expect(await snippet(page)).toContain(expected)
}

describe("Try it on Update a conversation", () => {
  it("sends through the gateway, keeps the gateway URL, and is found by search", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: "light" })
    const page = await context.newPage()
    const errors: Array<string> = []
    page.on("pageerror", (e) => errors.push(e.message))
    await page.goto(stack.site.url + opPath)
    await page.locator("[data-try-it][data-ready=true]").waitFor()

    // The page itself: method, path, named callouts.
    await expect.poll(() => page.locator("h1").innerText()).toBe("Update a conversation")
    expect(await page.locator(".endpoint-line").first().innerText()).toContain("PUT")
    // The danger callout carries its name from the spec (read here, never copied into the repo).
    const update = (await loadOperations()).find((op) => op.name === "updateConversation")!
    const dangerName = update.description.match(/^:::danger\[([^\]]+)\]$/m)![1]!
    expect(await page.locator("aside.starlight-aside--danger").innerText()).toContain(dangerName)

    // Sending needs a gateway.
    const send = page.locator("[data-send]")
    expect(await send.isDisabled()).toBe(true)
    expect(await page.locator("[data-send-hint]").innerText()).toBe("Enter a gateway URL above to enable sending")
    await page.locator("[data-gateway]").fill(stack.gateway.url)
    // The SDK's own check (loaded after first paint) keeps Send off while the required id is missing, and says so.
    await page.locator("[data-try-it][data-sdk=ready]").waitFor()
    expect(await send.isDisabled()).toBe(true)
    await expect.poll(() => page.locator("[data-send-hint]").innerText()).toMatch(
      /^Send is off until this is fixed: conversation_id: Missing/,
    )
    const idField = page.locator("[data-field=\"path.conversation_id\"]")
    expect(await page.locator("[data-response]").isHidden()).toBe(true)

    // Before any input, the required id is a typed placeholder (the snippet compiles); every input changes it.
    expect(await snippet(page)).toMatch(/await intercom\.updateConversation\(\{\n {2}conversation_id: /)
    await changes(page, () => idField.locator("input").fill("456"), "conversation_id: \"456\"")
    expect(await idField.locator("[data-sdk-issue]").count()).toBe(0)
    expect(await send.isDisabled()).toBe(false)
    await changes(
      page,
      () => page.locator("[data-field=\"body.title\"] input").fill("Refund request"),
      "title: \"Refund request\"",
    )
    await changes(
      page,
      async () => void (await page.locator("[data-field=\"body.read\"] select").selectOption({ label: "true" })),
      "read: true",
    )
    const attributes = page.locator("[data-field=\"body.custom_attributes\"]")
    await attributes.locator("[data-add]").click()
    await changes(
      page,
      () => attributes.locator("[data-map-key]").fill("issue_type"),
      `custom_attributes: {\n    issue_type: "",`,
    )
    await changes(page, () => attributes.locator("[data-map-value]").fill("Billing"), "issue_type: \"Billing\"")
    expect(await snippet(page)).toContain("import intercom from \"@utdk/intercom\"")
    await page.locator("[data-snippet-tab=curl]").click()
    const curl = await page.locator("[data-snippet=curl]").innerText()
    expect(curl).toContain("curl -X PUT 'https://api.intercom.io/conversations/456'")
    expect(curl).toContain("\"issue_type\": \"Billing\"")
    expect(curl).toContain("$INTERCOM_ACCESS_TOKEN")
    await page.locator("[data-snippet-tab=typescript]").click()

    // Send: 200 from Prism through the gateway, decoded body shown.
    await send.click()
    const response = page.locator("[data-response]")
    await response.waitFor({ state: "visible" })
    expect(await response.locator("[data-status]").innerText()).toBe("200")
    expect(await response.locator("[data-time]").innerText()).toMatch(/^\d+ ms$/)
    expect(await response.locator("[data-error]").isHidden()).toBe(true)
    // The body's viewer is its own chunk, loaded after the status is shown: wait for it rather than read once.
    await expect.poll(() => response.locator("[data-body]").innerText()).toContain("\"type\": ")
    const body = await response.locator("[data-body]").innerText()
    expect(body).toContain("\"conversation\"")
    expect(Number(await response.locator("[data-header-count]").innerText())).toBeGreaterThan(0)

    // Screenshots, light then dark, of the page top and of the Try it panel with its response.
    // The Try it panel is clipped out of a full-page capture so the sticky header does not cover it.
    const shoot = async (theme: string) => {
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(artifacts, `update-conversation-${theme}.png`) })
      const box = await page.locator("[data-try-it]").boundingBox()
      const scrollY = await page.evaluate(() => window.scrollY)
      if (box) {
        await page.screenshot({
          path: join(artifacts, `try-it-${theme}.png`),
          fullPage: true,
          clip: { ...box, y: box.y + scrollY },
        })
      }
    }
    await shoot("light")
    await page.emulateMedia({ colorScheme: "dark" })
    await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"))
    await shoot("dark")

    // The gateway URL survives a reload.
    await page.reload()
    await page.locator("[data-try-it][data-ready=true]").waitFor()
    expect(await page.locator("[data-gateway]").inputValue()).toBe(stack.gateway.url)
    expect(await send.isDisabled()).toBe(false)

    // Search finds the page.
    await page.locator("site-search button[data-open-modal]").click()
    await page.locator("site-search input").fill("update conversation")
    const result = page.locator(`site-search a[href^="${opPath}"]`).first()
    await result.waitFor({ timeout: 15_000 })
    await result.click()
    await page.waitForURL((url) => url.pathname === opPath)
    expect(await page.locator("h1").innerText()).toBe("Update a conversation")

    expect(errors).toEqual([])
    await context.close()
  }, 120_000)

  // How fast it renders is measured by bench/json-view.ts, not asserted here (a loaded CI machine would flake).
  it("shows a 1 MB response body with bounded DOM (branches render when opened)", async () => {
    const page = await stack.browser.newPage()
    await page.goto(stack.site.url + opPath)
    const chunk = readdirSync(join(docsRoot, "dist", "_astro")).find((f) =>
      f.startsWith("json-view.") && f.endsWith(".js")
    )
    expect(chunk).toBeDefined()
    // Passed as text: vitest rewrites dynamic import() in test code, which the page does not know.
    const result = (await page.evaluate(`(async () => {
      const { renderJson } = await import("/_astro/${chunk}")
      const items = Array.from({ length: 4000 }, (_, i) => ({
        type: "contact",
        id: "6762f1301bb69f9f2193" + String(i).padStart(4, "0"),
        name: "Contact number " + i,
        custom_attributes: { plan: "pro", seats: i, notes: "x".repeat(120) },
      }))
      const body = { type: "list", data: items, total_count: items.length }
      const size = JSON.stringify(body).length
      const el = document.createElement("div")
      document.body.append(el)
      renderJson(el, body)
      await new Promise((r) => requestAnimationFrame(() => r(undefined)))
      return { size, nodes: el.querySelectorAll("*").length, top: el.textContent.slice(0, 200) }
    })()`)) as { size: number; nodes: number; top: string }
    expect(result.size).toBeGreaterThan(1_000_000)
    // Only the top level and the first 100 items' summaries exist until the visitor opens more.
    expect(result.nodes).toBeLessThan(2000)
    expect(result.top).toContain("4000")
    await page.close()
  })

  it("trades a token for a session key, stores only the key, and forgets it", async () => {
    const sessionGateway = await startGateway({
      upstream: prismUrl(),
      credentials: { mode: "session", secret: "a-test-secret-that-is-at-least-32-bytes-long" },
      allowOrigins: [stack.site.url],
    })
    const token = "tok_test_0123456789_secret_wxyz"
    try {
      const page = await stack.browser.newPage()
      await page.goto(stack.site.url + opPath)
      await page.locator("[data-try-it][data-ready=true]").waitFor()
      await page.locator("[data-gateway]").fill(sessionGateway.url)
      await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")

      // Without a session this gateway refuses, and says so itself: its code and status, not Intercom's.
      await page.locator("[data-send]").click()
      await page.locator("[data-response]").waitFor({ state: "visible" })
      expect(await page.locator("[data-status]").innerText()).toBe("401")
      expect(await page.locator("[data-error]").innerText()).toMatch(
        /^Refused by the gateway \(401 session_required\): /,
      )

      await page.locator("[data-token]").fill(token)
      await page.locator("[data-connect]").click()
      await expect.poll(() => page.locator("[data-session-status]").innerText()).toMatch(
        /^Session active for token ••••wxyz/,
      )
      expect(await page.locator("[data-token]").inputValue()).toBe("")
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }))
      expect(stored).not.toContain(token)
      expect(stored).toMatch(/"key\\":\\"igs_/)
      expect(await page.content()).not.toContain(token)

      await page.locator("[data-send]").click()
      await expect.poll(() => page.locator("[data-status]").innerText()).toBe("200")

      await page.locator("[data-forget]").click()
      expect(await page.evaluate(() => localStorage.getItem("intercom-docs:session"))).toBeNull()
      expect(await page.locator("[data-session-status]").innerText()).toMatch(/^No session/)
      await page.close()
    } finally {
      await sessionGateway.stop()
    }
  })
})
