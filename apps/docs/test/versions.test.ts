// Every version in the docs (issue 20), in Chromium: the 2.14 page of Update a conversation shows the seed page's
// live snippet (`"Intercom-Version": "2.14"`), and its Try it sends 2.14 through the gateway to the stand-in, which
// answers in 2.14's shape. The version menu leads between versions of the same operation.
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { repoRoot } from "@utdk/intercom-testing/spec"
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { seriousViolations } from "./support/axe.ts"
import { artifacts, useDemoStack } from "./support/demoStack.ts"

const stack = useDemoStack()

// The seed page (the page this project reproduces), outside the repository: its live TypeScript snippet, whole.
const seedSnippet = (): string => {
  const dir = join(repoRoot, "../shared/seed")
  const text = readdirSync(dir).map((file) => readFileSync(join(dir, file), "utf8")).find((t) =>
    t.includes("Code snippet")
  )!
  const snippet = text.slice(text.indexOf("Code snippet"))
  return snippet.slice(snippet.indexOf("import "), snippet.indexOf("\n})") + 3)
}

/**
 * The seed's snippet as our SDK's correct usage writes it, each difference for a reason:
 * - the method is `updateConversation`: the seed's `updateconversation` is no method (a TypeError);
 * - the client is pinned, `new Intercom({ version: "2.14" })`: the default client sends the newest version and refuses
 *   a call whose "Intercom-Version" field disagrees with it (IntercomInvalidInputError), and is typed by the newest;
 * - the required `conversation_id` the empty form lacks is a typed placeholder, so the snippet compiles;
 * - the repository's code style: double quotes, no semicolons, a comma after each argument.
 */
const asOurSdkWritesIt = (seed: string): string =>
  seed
    .replace("intercom.updateconversation(", "intercom.updateConversation(")
    .replace(
      "import intercom from '@utdk/intercom';\n",
      "import { Intercom } from \"@utdk/intercom\"\n\nconst intercom = new Intercom({ version: \"2.14\" })\n",
    )
    .replace("  \"Intercom-Version\": \"2.14\"\n", "  \"Intercom-Version\": \"2.14\",\n  conversation_id: 123,\n")

// The difference the issue names: `conversation.priority` in 2.14.
const priorities214 = ["priority", "not_priority"]

describe("the 2.14 page of Update a conversation", () => {
  it("shows the seed's snippet and sends 2.14 through the gateway to the 2.14 stand-in", async () => {
    const seed = seedSnippet()
    expect(seed).toContain("\"Intercom-Version\": \"2.14\"")

    const context = await stack.browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: "light" })
    const page = await context.newPage()
    const errors: Array<string> = []
    page.on("pageerror", (e) => errors.push(e.message))
    await page.goto(`${stack.site.url}/2.14/operations/update-conversation/`)
    await page.locator("[data-try-it][data-ready=true]").waitFor()
    expect(await page.locator("h1").innerText()).toContain("Update a conversation")
    expect(await page.locator("[data-version-current]").innerText()).toBe("2.14")

    const snippet = () => page.locator("[data-snippet=typescript]").innerText()
    // The empty form's snippet is the seed's, but for what our SDK needs (asOurSdkWritesIt says each difference).
    expect(await snippet()).toBe(asOurSdkWritesIt(seed))
    // The version menu open, the marks shown: nothing serious for axe, and a screenshot to look at.
    await page.locator(".version-menu summary").click()
    expect(await page.locator(".version-menu a[aria-current=\"page\"]").innerText()).toContain("2.14")
    expect(await page.locator(".endpoint .flag--changed").count()).toBe(1)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(artifacts, "versions-2.14-update-conversation.png") })
    await page.locator(".version-menu summary").click()

    await page.locator("[data-gateway]").fill(stack.gateway.url)
    await page.locator("[data-try-it][data-sdk=ready]").waitFor()
    await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")
    // The field the seed's snippet sets is still there once the form is filled.
    await expect.poll(snippet).toContain("conversation_id: \"123\"")
    expect(await snippet()).toContain("\"Intercom-Version\": \"2.14\"")

    const sent = page.waitForRequest((r) => r.url().startsWith(stack.gateway.url) && r.method() === "PUT")
    const answered = page.waitForResponse((r) =>
      r.url().startsWith(stack.gateway.url) && r.request().method() === "PUT"
    )
    await page.locator("[data-send]").click()
    expect((await sent).headers()["intercom-version"]).toBe("2.14")
    const response = await answered
    expect(response.status()).toBe(200)
    const conversation = (await response.json()) as { type: string; priority: string }
    expect(conversation.type).toBe("conversation")
    expect(priorities214).toContain(conversation.priority)
    await page.locator("[data-response]").waitFor({ state: "visible" })
    expect(await page.locator("[data-response] [data-status]").innerText()).toBe("200")
    const box = await page.locator("[data-try-it]").boundingBox()
    const scrollY = await page.evaluate(() => window.scrollY)
    if (box) {
      await page.screenshot({
        path: join(artifacts, "versions-2.14-try-it.png"),
        fullPage: true,
        clip: { ...box, y: box.y + scrollY },
      })
    }

    // The menu leads to the same operation in the newest version, at today's URL, whose snippet pins nothing.
    await page.locator(".version-menu summary").click()
    await page.locator(".version-menu a[data-version=\"2.16\"]").click()
    await page.waitForURL((url) => url.pathname === "/operations/update-conversation/")
    expect(await page.locator("[data-version-current]").innerText()).toBe("2.16")
    expect(await snippet()).not.toContain("Intercom-Version")
    expect(errors).toEqual([])
    await context.close()
  }, 180_000)
})

/** Opens a page of `path`, points its Try it at the stack's gateway and waits for the SDK's verdict. */
const openTryIt = async (path: string) => {
  const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const errors: Array<string> = []
  page.on("pageerror", (e) => errors.push(e.message))
  await page.goto(`${stack.site.url}${path}`)
  await page.locator("[data-try-it][data-ready=true]").waitFor()
  await page.locator("[data-gateway]").fill(stack.gateway.url)
  await page.locator("[data-try-it][data-sdk=ready]").waitFor()
  await page.locator("[data-try-it][data-gateway-status=Ready]").waitFor()
  return { context, page, errors }
}

/** Sends the form and returns the request as it left and the answer (the stand-in answers in the version it names). */
const sendForm = async (page: Page) => {
  await expect.poll(() => page.locator("[data-send]").isDisabled()).toBe(false)
  const sent = page.waitForRequest((r) => r.url().startsWith(stack.gateway.url) && r.method() !== "OPTIONS")
  const answered = page.waitForResponse((r) =>
    r.url().startsWith(stack.gateway.url) && r.request().method() !== "OPTIONS"
  )
  await page.locator("[data-send]").click()
  const request = await sent
  const response = await answered
  await page.locator("[data-response]").waitFor({ state: "visible" })
  return { request, response }
}

describe("Try it on a page of another version sends with that version's own descriptors", () => {
  it("sends an operation only older versions have (2.11's Run assignment rules) to the 2.11 stand-in", async () => {
    const { context, page, errors } = await openTryIt("/2.11/operations/auto-assign-conversation/")
    await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")
    const { request, response } = await sendForm(page)
    expect(request.method()).toBe("POST")
    expect(new URL(request.url()).pathname).toBe("/conversations/123/run_assignment_rules")
    expect(request.headers()["intercom-version"]).toBe("2.11")
    expect(response.status()).toBe(200)
    expect(await page.locator("[data-response] [data-status]").innerText()).toBe("200")
    expect(await page.locator("[data-response] [data-error]").isHidden()).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)

  it("sends an operation only the preview has (List folders) to the Preview stand-in", async () => {
    const { context, page, errors } = await openTryIt("/Preview/operations/list-folders/")
    const { request, response } = await sendForm(page)
    expect(new URL(request.url()).pathname).toBe("/folders")
    expect(request.headers()["intercom-version"]).toBe("Preview")
    expect(response.status()).toBe(200)
    expect(await page.locator("[data-response] [data-status]").innerText()).toBe("200")
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)

  it("checks a field by the page's version: 2.14 lists data attributes of conversations, 2.16 does not", async () => {
    const { context, page, errors } = await openTryIt("/2.14/operations/list-data-attributes/")
    await page.locator("[data-field=\"query.model\"] select").selectOption("conversation")
    // 2.14's rules take the value: no finding, and the request preview carries it.
    await expect.poll(() => page.locator("[data-request]").textContent()).toContain("model=conversation")
    expect(await page.locator("[data-request]").textContent()).not.toContain("Not sent")
    const { request, response } = await sendForm(page)
    expect(new URL(request.url()).searchParams.get("model")).toBe("conversation")
    expect(request.headers()["intercom-version"]).toBe("2.14")
    expect(response.status()).toBe(200)
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})
