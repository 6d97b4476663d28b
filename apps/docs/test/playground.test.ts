// The playground's own checks, in Chromium against the demo stack (the built site, intercom-gateway in front of
// Prism): the SDK's verdict at the fields with Send off, examples one click away, shareable links, history, and
// Next page following the operation's pagination. Screenshots (light, dark, 390 px) go to test-artifacts/.
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import type { BrowserContext, Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { seriousViolations } from "./support/axe.ts"
import { artifacts, looks, themedContext, useDemoStack } from "./support/demoStack.ts"
import { startGateway } from "../tools/gateway.ts"
import { loadOperations } from "../src/lib/operations.ts"

const stack = useDemoStack()
/** A visitor's Intercom token, and a secret-looking value typed into the form: neither may reach a link or storage. */
const VISITOR_TOKEN = "tok_visitor_0123456789_in_the_token_box"
const FORM_SECRET = "s3cret-typed-into-a-custom-attribute"

/** Opens an operation page with the gateway filled in and the SDK's rules loaded; page errors are collected. */
const open = async (
  context: BrowserContext,
  slug: string,
  query = "",
): Promise<{ page: Page; errors: Array<string> }> => {
  const page = await context.newPage()
  const errors: Array<string> = []
  page.on("pageerror", (e) => errors.push(e.message))
  await page.goto(`${stack.site.url}/operations/${slug}/${query}`)
  await page.locator("[data-try-it][data-ready=true]").waitFor()
  // The SDK loads on the first sign of use (here: focus in the island), not with the page.
  await page.locator("[data-gateway]").focus()
  await page.locator("[data-try-it][data-sdk=ready]").waitFor()
  if ((await page.locator("[data-gateway]").inputValue()) === "") {
    await page.locator("[data-gateway]").fill(stack.gateway.url)
  }
  // The gateway's one verdict (credentials.ts) is in before Send's state means anything.
  await page.locator("[data-try-it]:not([data-gateway-status=checking])").waitFor()
  return { page, errors }
}

const send = (page: Page) => page.locator("[data-send]")
const hint = (page: Page) => page.locator("[data-send-hint]").innerText()

describe("the playground checks like the SDK", () => {
  it("flags per_page=500 at the field and keeps Send off with the reason", async () => {
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "list-macros")
    expect(await send(page).isDisabled()).toBe(false)
    const perPage = page.locator("[data-field=\"query.per_page\"]")
    await perPage.locator("input").fill("500")
    await expect.poll(() => perPage.locator("[data-sdk-issue]").innerText()).toMatch(/150/)
    expect(await send(page).isDisabled()).toBe(true)
    expect(await hint(page)).toMatch(/^Send is off until this is fixed: per_page: .*150/)
    expect(await page.locator("[data-request]").textContent()).toMatch(/refuses/)
    // Fixed: the error goes, Send comes back, and the preview is the request the SDK will send.
    await perPage.locator("input").fill("20")
    await expect.poll(() => send(page).isDisabled()).toBe(false)
    expect(await perPage.locator("[data-sdk-issue]").count()).toBe(0)
    const preview = (await page.locator("[data-request]").textContent()) ?? ""
    expect(preview.split("\n")[0]).toBe(`GET ${stack.gateway.url}/macros?per_page=20`)
    expect(preview).toMatch(/^intercom-version: /m)
    expect(preview).not.toMatch(/authorization/i)
    expect(errors).toEqual([])
    await context.close()
  })

  it("flags an empty required body field (query on search conversations)", async () => {
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "search-conversations")
    // Untouched: Send is off and says why; the field is not shouted at yet.
    expect(await send(page).isDisabled()).toBe(true)
    expect(await hint(page)).toMatch(/query: Missing/)
    // Once the visitor starts, the missing field is marked where it is.
    await page.locator("[data-field=\"body.query\"] select").first().selectOption({ index: 1 })
    await page.locator("[data-field=\"body.query\"] select").first().selectOption({ index: 0 })
    await expect.poll(() => page.locator("[data-field=\"body.query\"] [data-sdk-issue]").count()).toBeGreaterThan(0)
    expect(await send(page).isDisabled()).toBe(true)
    // The union picker reads as choices, not "Option 2: …".
    const labels = await page.locator("[data-field=\"body.query\"] select").first().locator("option").allInnerTexts()
    expect(labels.filter((l) => /^Option \d/.test(l))).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it("checks the search query's rules: a single filter without `field` is flagged at query", async () => {
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "search-contacts")
    await page.locator("[data-json-editor] summary").click()
    await page.locator("[data-json-body]").fill("{\"query\": {\"operator\": \"=\", \"value\": \"ada@example.com\"}}")
    const query = page.locator("[data-field=\"body.query\"]")
    await expect.poll(() => query.locator("[data-sdk-issue]").first().innerText()).toMatch(/field/)
    expect(await send(page).isDisabled()).toBe(true)
    await page.locator("[data-json-body]").fill(
      "{\"query\": {\"field\": \"email\", \"operator\": \"=\", \"value\": \"ada@example.com\"}}",
    )
    await expect.poll(() => send(page).isDisabled()).toBe(false)
    expect(await query.locator("[data-sdk-issue]").count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it("does not ask for an item while one is on screen (a required array)", async () => {
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "create-office-hours-schedule")
    const intervals = page.locator("[data-field=\"body.time_intervals\"]")
    await intervals.locator("[data-add]").first().click()
    await page.locator("[data-form]").evaluate((form: HTMLFormElement) => form.requestSubmit())
    const ownErrors = await intervals.locator(":scope > .field-error").allInnerTexts()
    expect(ownErrors.filter((t) => /add at least one item/.test(t))).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it("sends fields the description does not list as extraBody / extraQuery from the JSON editor, shown in the snippet", async () => {
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "update-conversation")
    await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")
    await page.locator("[data-json-editor] summary").click()
    await page.locator("[data-json-body]").fill(JSON.stringify({ title: "Refund", locale: "en" }))
    // The SDK refuses the unlisted key in the body, and says where it belongs.
    await expect.poll(() => hint(page)).toMatch(/locale: Unknown argument/)
    expect(await send(page).isDisabled()).toBe(true)
    await page.locator("[data-json-body]").fill(JSON.stringify({ title: "Refund" }))
    // Not an object of the two options: said at the editor, Send off.
    await page.locator("[data-json-extra]").fill("{\"locale\": \"en\"}")
    await expect.poll(() => page.locator("[data-json-extra-error]").innerText()).toMatch(
      /extraBody and\/or extraQuery \(not locale\)/,
    )
    expect(await send(page).isDisabled()).toBe(true)
    await page.locator("[data-json-extra]").fill(
      JSON.stringify({ extraBody: { locale: "en" }, extraQuery: { source: "docs" } }),
    )
    await expect.poll(() => send(page).isDisabled()).toBe(false)
    const snippet = await page.locator("[data-snippet=typescript]").innerText()
    expect(snippet).toContain("extraBody: {\n    locale: \"en\",\n  },")
    expect(snippet).toContain("extraQuery: {\n    source: \"docs\",\n  },")
    await page.locator("[data-request-preview] summary").click()
    await expect.poll(() => page.locator("[data-request]").innerText()).toContain("\"locale\": \"en\"")
    const previewLine = (await page.locator("[data-request]").innerText()).split("\n")[0]!
    expect(previewLine).toMatch(/^PUT .*\/conversations\/123\?.*source=docs/)
    await page.locator("[data-snippet-tab=curl]").click()
    expect(await page.locator("[data-snippet=curl]").innerText()).toContain("source=docs")
    const bodies: Array<string> = []
    page.on("request", (r) => void (r.method() === "PUT" && bodies.push(`${r.url()} ${r.postData() ?? ""}`)))
    await send(page).click()
    await expect.poll(() => page.locator("[data-status]").innerText(), { timeout: 20_000 }).toBe("200")
    expect(bodies).toHaveLength(1)
    expect(bodies[0]).toContain("source=docs")
    expect(bodies[0]).toContain("\"locale\":\"en\"")
    expect(errors).toEqual([])
    await context.close()
  })

  it("sends the custom_attributes schema's own example as written (booleans, decimals, dates: issue 18)", async () => {
    // The example is read from the manifest (the description's own), not copied here.
    const update = (await loadOperations()).find((op) => op.name === "updateConversation")!
    const example = update.body!.schema.properties!.find((p) => p.name === "custom_attributes")!.schema
      .example as Record<string, unknown>
    expect(example).toMatchObject({ paid_subscriber: true, monthly_spend: 155.5 })
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "update-conversation")
    await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")
    await page.locator("[data-json-editor] summary").click()
    await page.locator("[data-json-body]").fill(JSON.stringify({ custom_attributes: example }))
    await expect.poll(() => send(page).isDisabled()).toBe(false)
    const bodies: Array<string> = []
    page.on("request", (r) => void (r.method() === "PUT" && bodies.push(r.postData() ?? "")))
    await send(page).click()
    await page.locator("[data-response][data-diagnosis]").waitFor({ timeout: 20_000 })
    expect(bodies).toHaveLength(1)
    expect(JSON.parse(bodies[0]!)).toEqual({ custom_attributes: example })
    expect(errors).toEqual([])
    await context.close()
  })

  it("uses a request example in one click, mirrors it as JSON, and sends it (2xx)", async () => {
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "search-conversations")
    await page.locator("[data-use-example]").first().click()
    await expect.poll(() => send(page).isDisabled()).toBe(false)
    const json = JSON.parse(await page.locator("[data-json-body]").inputValue()) as { query?: unknown }
    expect(json.query).toBeDefined()
    expect(await page.locator("[data-snippet=typescript]").innerText()).toContain(
      "intercom.paginate.searchConversations(",
    )
    // Invalid JSON in the editor: said at the editor, Send off.
    await page.locator("[data-json-editor] summary").click()
    await page.locator("[data-json-body]").fill("{\"query\": ")
    await expect.poll(() => page.locator("[data-json-error]").isVisible()).toBe(true)
    expect(await send(page).isDisabled()).toBe(true)
    await page.locator("[data-use-example]").first().click()
    await expect.poll(() => send(page).isDisabled()).toBe(false)
    await send(page).click()
    await expect.poll(() => page.locator("[data-status]").innerText(), { timeout: 20_000 }).toMatch(/^2\d\d$/)
    expect(errors).toEqual([])
    await context.close()
  })
})

describe("the playground explains its answers", () => {
  it("lists a 422's violations from the stand-in and puts each at the field it names", async () => {
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "create-conversation")
    // The spec's first example passes the SDK; Prism refuses it (`from.id` must be a uuid and 24 characters at once).
    await page.locator("[data-use-example]").first().click()
    await expect.poll(() => send(page).isDisabled()).toBe(false)
    await send(page).click()
    await expect.poll(() => page.locator("[data-status]").innerText(), { timeout: 20_000 }).toBe("422")
    const violations = page.locator("[data-violations]")
    await expect.poll(() => violations.isVisible()).toBe(true)
    const text = await violations.innerText()
    expect(text).toMatch(/from\.id/)
    // The violation also stands at the field it names (Prism's problem document locates it as body › from › id).
    expect((await page.locator("[data-field=\"body.from.id\"] .field-violation").allInnerTexts()).join(" ")).toMatch(
      /uuid|characters/,
    )
    expect(errors).toEqual([])
    await context.close()
  })

  it("lists the fields of a 200 that do not match the SDK's model (warn mode)", async () => {
    // An upstream that deviates from the spec as the real Intercom sometimes does: a number where Conversation.id is a string.
    const upstream = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ type: "conversation", id: 5, read: true }),
      )
    })
    await new Promise<void>((done) => upstream.listen(0, "127.0.0.1", done))
    const deviating = await startGateway({
      upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      credentials: { mode: "server", token: "demo-token" },
      allowOrigins: [stack.site.url],
    })
    try {
      const context = await stack.browser.newContext()
      const { page, errors } = await open(context, "update-conversation")
      await page.locator("[data-gateway]").fill(deviating.url)
      await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")
      await expect.poll(() => send(page).isDisabled()).toBe(false)
      await send(page).click()
      await expect.poll(() => page.locator("[data-status]").innerText(), { timeout: 20_000 }).toBe("200")
      const mismatches = page.locator("[data-validation]")
      await expect.poll(() => mismatches.isVisible()).toBe(true)
      expect(await mismatches.innerText()).toMatch(/id.*expected.*string.*got.*number/s)
      expect(errors).toEqual([])
      await context.close()
    } finally {
      await deviating.stop()
      upstream.closeAllConnections()
      await new Promise((done) => upstream.close(done))
    }
  })
})

describe("the playground shares and repeats", () => {
  it("reproduces a form from a shared link, keeps history across a reload, and clears it", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: "light" })
    const { page, errors } = await open(context, "update-conversation")
    await page.locator("[data-field=\"path.conversation_id\"] input").fill("789")
    await page.locator("[data-field=\"body.title\"] input").fill("Shared title")
    await page.locator("[data-field=\"body.read\"] select").selectOption({ label: "true" })
    // Two secrets are in the page before anything is shared, so their absence below means something: a visitor's
    // token in the token box (not form state) and a secret-looking body value (masked in links and history).
    await page.locator("[data-token]").evaluate(
      (input: HTMLInputElement, token) => (input.value = token),
      VISITOR_TOKEN,
    )
    expect(await page.locator("[data-token]").inputValue()).toBe(VISITOR_TOKEN)
    await page.locator("[data-json-editor] summary").click()
    const body = JSON.parse(await page.locator("[data-json-body]").inputValue()) as Record<string, unknown>
    expect(body).toMatchObject({ title: "Shared title", read: true })
    await page.locator("[data-json-body]").fill(
      JSON.stringify({ ...body, custom_attributes: { api_token: FORM_SECRET } }),
    )
    await expect.poll(() => page.url()).toContain("api_token")
    expect(await page.locator("[data-json-body]").inputValue()).toContain(FORM_SECRET)
    const snippet = await page.locator("[data-snippet=typescript]").innerText()
    expect(snippet).toContain("api_token")
    expect(snippet).not.toContain(FORM_SECRET)
    const link = page.url()
    expect(new URL(link).searchParams.get("try")).not.toBeNull()
    expect(JSON.parse(new URL(link).searchParams.get("try")!)).toMatchObject({
      body: { custom_attributes: { api_token: "****" } },
    })
    for (const secret of [VISITOR_TOKEN, FORM_SECRET, "demo-token"]) {
      expect(decodeURIComponent(link)).not.toContain(secret)
    }

    // The link in a fresh browser context (no storage) shows the same form and the same snippet.
    const other = await stack.browser.newContext()
    const { page: shared } = await open(other, "update-conversation", new URL(link).search)
    expect(await shared.locator("[data-field=\"path.conversation_id\"] input").inputValue()).toBe("789")
    expect(await shared.locator("[data-field=\"body.title\"] input").inputValue()).toBe("Shared title")
    expect(await shared.locator("[data-snippet=typescript]").innerText()).toBe(snippet)
    await other.close()

    // Send, then reload: the request is in the history, and loads back into the form.
    await send(page).click()
    await expect.poll(() => page.locator("[data-status]").innerText(), { timeout: 20_000 }).toBe("200")
    await page.goto(`${stack.site.url}/operations/update-conversation/`)
    await page.locator("[data-try-it][data-ready=true]").waitFor()
    await page.locator("[data-gateway]").focus()
    await page.locator("[data-try-it][data-sdk=ready]").waitFor()
    const entries = page.locator("[data-history-entry]")
    expect(await entries.count()).toBe(1)
    expect(await entries.first().innerText()).toMatch(/200 · PUT \/conversations\/789/)
    expect(await page.locator("[data-field=\"body.title\"] input").inputValue()).toBe("")
    await entries.first().click()
    expect(await page.locator("[data-field=\"body.title\"] input").inputValue()).toBe("Shared title")
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }))
    expect(stored).toContain("api_token")
    for (const secret of [VISITOR_TOKEN, FORM_SECRET, "demo-token"]) expect(stored).not.toContain(secret)

    // Screenshots: light, dark, 390 px.
    const shoot = async (name: string) => {
      const box = await page.locator("[data-try-it]").boundingBox()
      const scrollY = await page.evaluate(() => window.scrollY)
      if (box) {
        await page.screenshot({
          path: join(artifacts, `playground-${name}.png`),
          fullPage: true,
          clip: { ...box, y: box.y + scrollY },
        })
      }
    }
    await page.locator("[data-request-preview] summary").click()
    await shoot("light")
    await page.emulateMedia({ colorScheme: "dark" })
    await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"))
    await shoot("dark")
    await page.setViewportSize({ width: 390, height: 900 })
    await shoot("390")

    await page.locator("[data-clear-history]").click()
    expect(await page.locator("[data-history]").isHidden()).toBe(true)
    await page.reload()
    await page.locator("[data-try-it][data-ready=true]").waitFor()
    expect(await page.locator("[data-history-entry]").count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it("fetches the next page the way the operation pages (cursor: starting_after)", async () => {
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "list-macros")
    expect(await page.locator("[data-snippet=typescript]").innerText()).toContain(
      "for await (const item of intercom.paginate.listMacros(",
    )
    await send(page).click()
    await expect.poll(() => page.locator("[data-status]").innerText(), { timeout: 20_000 }).toBe("200")
    const next = page.locator("[data-next-page]")
    await next.waitFor({ state: "visible" })
    const requests: Array<string> = []
    page.on("request", (r) => void (r.url().startsWith(stack.gateway.url) && requests.push(r.url())))
    await next.click()
    await expect.poll(() => requests.some((u) => new URL(u).searchParams.has("starting_after"))).toBe(true)
    await expect.poll(() => page.locator("[data-status]").innerText(), { timeout: 20_000 }).toBe("200")
    expect(await page.locator("[data-field=\"query.starting_after\"] input").inputValue()).not.toBe("")
    expect(errors).toEqual([])
    await context.close()
  })

  it.each(looks)(
    "confirms every write to a real-Intercom gateway in its own dialog, with the method and the actual URL (%s, %i px)",
    async (theme, width) => {
      const context = await themedContext(stack.browser, theme, width)
      // This gateway says its upstream is the real Intercom (its /_gateway/info answer, as a production gateway gives).
      await context.route("**/_gateway/info", (route) =>
        route.fulfill({
          status: 200,
          contentType: "application/json",
          headers: { "access-control-allow-origin": stack.site.url },
          body: JSON.stringify({
            gateway: "intercom-gateway",
            credentials: "server",
            operations: 231,
            apiVersion: "2.16",
            upstream: "intercom",
          }),
        }))
      const sent: Array<string> = []
      const browserDialogs: Array<string> = []
      const checkOne = async (slug: string, method: string, fill: (page: Page) => Promise<void>, path: string) => {
        const { page, errors } = await open(context, slug)
        page.on("request", (r) => void (r.method() === method && sent.push(r.url())))
        page.on("dialog", (d) => void (browserDialogs.push(d.message()), d.dismiss()))
        // The page has read the gateway's answer (server-held credentials, real Intercom upstream): the mark shows.
        await page.locator("[data-auth][data-mode=server]").waitFor()
        await fill(page)
        await expect.poll(() => send(page).isDisabled()).toBe(false)
        expect(await page.locator("[data-real-mark]").isVisible()).toBe(true)
        const dialog = page.locator("[data-confirm]")
        await send(page).click()
        await dialog.waitFor({ state: "visible" })
        expect(await dialog.locator("[data-confirm-method]").innerText()).toBe(method)
        // The URL the request goes to, id filled in (not the template), exactly as it is then sent.
        const shownUrl = await dialog.locator("[data-confirm-url]").innerText()
        expect(shownUrl.startsWith(`${stack.gateway.url}${path}`)).toBe(true)
        await page.screenshot({ path: join(artifacts, `confirm-${slug}-${theme}-${width}.png`) })
        // A modal dialog: focus starts on Cancel, and axe finds nothing serious with it open.
        expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-confirm-cancel"))).toBe(true)
        expect(await seriousViolations(page)).toEqual([])
        // Cancel (Escape does the same): nothing leaves.
        await dialog.locator("[data-confirm-cancel]").click()
        await dialog.waitFor({ state: "hidden" })
        expect(sent).toEqual([])
        expect(await hint(page)).toMatch(/^Not sent: cancelled/)
        await send(page).click()
        await dialog.locator("[data-confirm-send]").click()
        await expect.poll(() => sent.length).toBe(1)
        expect(sent[0]).toBe(shownUrl)
        sent.length = 0
        expect(errors).toEqual([])
        await page.close()
      }
      await checkOne(
        "delete-contact",
        "DELETE",
        (page) => page.locator("[data-field=\"path.contact_id\"] input").fill("6762f0d51bb69f9f2193bb7f"),
        "/contacts/6762f0d51bb69f9f2193bb7f",
      )
      await checkOne(
        "update-conversation",
        "PUT",
        (page) => page.locator("[data-field=\"path.conversation_id\"] input").fill("123"),
        "/conversations/123",
      )
      expect(browserDialogs).toEqual([])
      await context.close()
    },
    120_000,
  )

  it("confirms nothing against the stand-in: a write goes out on Send, with no real-Intercom mark", async () => {
    const context = await stack.browser.newContext()
    const { page, errors } = await open(context, "delete-contact")
    await page.locator("[data-auth][data-mode=server]").waitFor()
    await page.locator("[data-field=\"path.contact_id\"] input").fill("6762f0d51bb69f9f2193bb7f")
    await expect.poll(() => send(page).isDisabled()).toBe(false)
    expect(await page.locator("[data-real-mark]").isVisible()).toBe(false)
    await send(page).click()
    await expect.poll(() => page.locator("[data-status]").innerText(), { timeout: 20_000 }).toBe("200")
    expect(await page.locator("[data-confirm]").isVisible()).toBe(false)
    expect(errors).toEqual([])
    await context.close()
  })
})
