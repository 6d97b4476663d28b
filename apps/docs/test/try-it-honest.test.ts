// The playground's gateway awareness, honesty, accessibility and small-screen layout, in Chromium against the
// built site, Prism and intercom-gateway: server and session gateways get different credential panels, four
// different ways of getting no answer are four different messages, the SDK's error class is taught with code, axe
// finds no serious or critical violations on three page kinds in both themes, snippet tabs follow the ARIA tabs
// pattern, identifiers never break mid-word at 390 px, and search excerpts keep words apart.
import { readdirSync } from "node:fs"
import { join } from "node:path"
import { freePort } from "@utdk/intercom-testing/prism"
import { prismUrl } from "@utdk/intercom-testing/inject"
import type { BrowserContext, Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { seriousViolations } from "./support/axe.ts"
import { artifacts, docsRoot, looks, themedContext, useDemoStack } from "./support/demoStack.ts"
import { startGateway } from "../tools/gateway.ts"

const stack = useDemoStack()

/** A page of the site with the Try it island mounted, the gateway URL given as the demo gives it (`?gateway=`). */
const open = async (context: BrowserContext, path: string, gatewayUrl = stack.gateway.url): Promise<Page> => {
  const page = await context.newPage()
  await page.goto(`${stack.site.url}${path}?gateway=${encodeURIComponent(gatewayUrl)}`)
  await page.locator("[data-try-it][data-ready=true]").waitFor()
  return page
}

const sendAndRead = async (page: Page) => {
  await page.locator("[data-send]").click()
  const response = page.locator("[data-response]")
  await response.waitFor({ state: "visible" })
  await expect.poll(() => page.locator("[data-send]").innerText()).toBe("Send")
  return {
    status: await response.locator("[data-status]").innerText(),
    error: await response.locator("[data-error]").innerText(),
    failure: await response.locator("[data-error]").getAttribute("data-failure"),
  }
}

describe("Try it knows its gateway (/_gateway/info)", () => {
  it("hides the token box when the gateway holds the credentials, and labels the stand-in's answers as examples", async () => {
    const context = await stack.browser.newContext()
    const page = await open(context, "/operations/update-conversation/")
    await expect.poll(() => page.locator("[data-auth]").getAttribute("data-mode")).toBe("server")
    expect(await page.locator("[data-token]").isVisible()).toBe(false)
    expect(await page.locator("[data-connect]").isVisible()).toBe(false)
    const lead = await page.locator("[data-credentials-lead]").innerText()
    expect(lead).toContain("This gateway holds the credentials")
    expect(lead).toContain("local stand-in")
    // Were the form submitted anyway, the answer says sessions are not offered (not "could not reach").
    await page.evaluate(() => document.querySelector<HTMLFormElement>("[data-auth]")!.requestSubmit())
    await expect.poll(() => page.locator("[data-session-status]").textContent()).toBe(
      "Paste an Intercom access token first.",
    )
    await page.locator("[data-token]").evaluate((input: HTMLInputElement) => (input.value = "tok_test_0123456789"))
    await page.evaluate(() => document.querySelector<HTMLFormElement>("[data-auth]")!.requestSubmit())
    await expect.poll(() => page.locator("[data-session-status]").textContent()).toContain("does not offer sessions")

    await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")
    const seen = await sendAndRead(page)
    expect(seen.status).toBe("200")
    expect(await page.locator("[data-example-note]").innerText()).toContain(
      "Canned example from the mock, not your data",
    )
    await context.close()
  })

  it("shows the token box, Start session and Forget when the gateway takes the visitor's token", async () => {
    const sessionGateway = await startGateway({
      upstream: prismUrl(),
      credentials: { mode: "session", secret: "a-test-secret-that-is-at-least-32-bytes-long" },
      allowOrigins: [stack.site.url],
    })
    try {
      const context = await stack.browser.newContext()
      const page = await open(context, "/operations/update-conversation/", sessionGateway.url)
      await expect.poll(() => page.locator("[data-auth]").getAttribute("data-mode")).toBe("session")
      for (const control of ["[data-token]", "[data-connect]", "[data-forget]"]) {
        expect(await page.locator(control).isVisible(), control).toBe(true)
      }
      expect(await page.locator("[data-credentials-lead]").innerText()).toContain("uses your own Intercom access token")
      await context.close()
    } finally {
      await sessionGateway.stop()
    }
  })
})

describe("Try it says what happened", () => {
  it("takes the gateway URL from ?gateway=, stores it and drops it from the address bar", async () => {
    const context = await stack.browser.newContext()
    const page = await open(context, "/operations/update-conversation/")
    expect(await page.locator("[data-gateway]").inputValue()).toBe(stack.gateway.url)
    expect(new URL(page.url()).searchParams.has("gateway")).toBe(false)
    await page.goto(`${stack.site.url}/operations/list-tags/`)
    await page.locator("[data-try-it][data-ready=true]").waitFor()
    expect(await page.locator("[data-gateway]").inputValue()).toBe(stack.gateway.url)
    await context.close()
  })

  /** The one diagnosis of the gateway, as the panel, Send and its hint all show it. */
  const gatewayVerdict = async (page: Page, status: string) => {
    await page.locator(`[data-try-it][data-gateway-status=${status}]`).waitFor()
    return {
      lead: await page.locator("[data-credentials-lead]").innerText(),
      hint: await page.locator("[data-send-hint]").innerText(),
      sendOff: await page.locator("[data-send]").isDisabled(),
    }
  }

  it.each(looks)(
    "gives one diagnosis per failure in the panel, the Send hint and the response (%s, %i px)",
    async (theme, width) => {
      const context = await themedContext(stack.browser, theme, width)
      // The whole island: the panel's verdict, Send with its hint, and the response when there is one.
      const shot = (page: Page, name: string) =>
        page.locator("[data-try-it]").screenshot({ path: join(artifacts, `diagnosis-${name}-${theme}-${width}.png`) })

      // Nothing listens on a port that was free a moment ago: Send is off, and says why.
      const dead = `http://127.0.0.1:${await freePort()}`
      let page = await open(context, "/operations/update-conversation/", dead)
      let seen = await gatewayVerdict(page, "Unreachable")
      expect(seen.sendOff).toBe(true)
      expect(seen.lead).toContain(`Nothing answers at ${dead}`)
      expect(seen.hint).toContain("(nothing listening)")
      expect(seen.hint).toContain(`Nothing answers at ${dead}`)
      await shot(page, "nothing-listening")
      await page.close()

      // The docs site itself is a web page, not a gateway.
      page = await open(context, "/operations/update-conversation/", stack.site.url)
      seen = await gatewayVerdict(page, "NotAGateway")
      expect(seen.sendOff).toBe(true)
      expect(seen.hint).toContain("(not a gateway)")
      expect(seen.lead).toMatch(/is not an Intercom gateway: its \/_gateway\/info is a web page \(404\)/)
      await shot(page, "not-a-gateway")
      await page.close()

      // A path after the gateway's address.
      page = await open(context, "/operations/update-conversation/", `${stack.gateway.url}/api`)
      seen = await gatewayVerdict(page, "PathSuffix")
      expect(seen.sendOff).toBe(true)
      expect(seen.hint).toContain(`The gateway is at ${stack.gateway.url}, without /api`)
      await shot(page, "path-suffix")
      await page.close()

      // A gateway that does not list this site's origin.
      const elsewhere = await startGateway({
        upstream: prismUrl(),
        credentials: { mode: "server", token: "demo-token" },
        allowOrigins: ["https://example.com"],
      })
      try {
        page = await open(context, "/operations/update-conversation/", elsewhere.url)
        seen = await gatewayVerdict(page, "OriginNotAllowed")
        expect(seen.sendOff).toBe(true)
        expect(seen.hint).toContain("(origin not allowed)")
        expect(seen.lead).toContain(`add ${stack.site.url} to its allowed origins`)
        await shot(page, "origin-not-allowed")
        await page.close()
      } finally {
        await elsewhere.stop()
      }

      // A gateway that stops after the page read it: the Send gets no answer, the gateway is checked again, and the
      // response, the panel and Send agree that nothing listens any more.
      const shortLived = await startGateway({
        upstream: prismUrl(),
        credentials: { mode: "server", token: "demo-token" },
        allowOrigins: [stack.site.url],
      })
      page = await open(context, "/operations/update-conversation/", shortLived.url)
      await gatewayVerdict(page, "Ready")
      await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")
      await expect.poll(() => page.locator("[data-send]").isDisabled()).toBe(false)
      await shortLived.stop()
      const outcome = await sendAndRead(page)
      expect(outcome.status).toBe("nothing listening")
      expect(outcome.error).toContain(`Nothing answers at ${shortLived.url}`)
      seen = await gatewayVerdict(page, "Unreachable")
      expect(seen.sendOff).toBe(true)
      expect(seen.lead).toContain(`Nothing answers at ${shortLived.url}`)
      expect(await page.locator("[data-example-note]").isVisible()).toBe(false)
      await shot(page, "gateway-stopped")
      await page.close()

      // The stand-in refuses an id the description types as an integer: a 422 with its finding once, at its field.
      page = await open(context, "/operations/delete-conversation/")
      await gatewayVerdict(page, "Ready")
      await page.locator("[data-field=\"path.conversation_id\"] input").fill("not-a-number")
      await expect.poll(() => page.locator("[data-send]").isDisabled()).toBe(false)
      const refused = await sendAndRead(page)
      expect(refused.status).toBe("422")
      expect(await page.locator("[data-verdict]").innerText()).toBe("refused by the stand-in")
      expect(refused.error).toMatch(/^Refused by the stand-in \(422\), not by Intercom/)
      expect(refused.error).not.toContain("Intercom understood")
      expect(await page.locator("[data-example-note]").isVisible()).toBe(false)
      const items = await page.locator("[data-violations] li").allInnerTexts()
      expect(items).toEqual(["conversation_id Request path parameter conversation_id must be integer"])
      expect(await page.locator("[data-field=\"path.conversation_id\"] .field-violation").allInnerTexts()).toEqual([
        "Refused: Request path parameter conversation_id must be integer",
      ])
      // The form labels the id as the table does.
      expect(await page.locator("[data-field=\"path.conversation_id\"] .type").innerText()).toBe("string | integer")
      await shot(page, "stand-in-422")
      await page.close()

      // Intercom answers a call recording with a redirect to the file.
      page = await open(context, "/operations/show-call-recording/")
      await gatewayVerdict(page, "Ready")
      await page.locator("[data-field^=\"path.\"] input").first().fill("123")
      await expect.poll(() => page.locator("[data-send]").isDisabled()).toBe(false)
      const redirect = await sendAndRead(page)
      expect(redirect).toMatchObject({ status: "redirect", failure: "Redirect" })
      expect(redirect.error).toMatch(/^Redirect: Intercom answered showCallRecording with a redirect/)
      await page.close()

      // The SDK's own input check, before anything leaves: an empty path parameter, refused in every validation mode
      // (a value the spec merely does not allow, such as per_page above its maximum, is sent as written and reported).
      page = await open(context, "/operations/list-tags/")
      const chunk = readdirSync(join(docsRoot, "dist", "_astro")).find((f) =>
        f.startsWith("send.") && f.endsWith(".js")
      )!
      // Passed as text: vitest rewrites dynamic import() in test code, which the page does not know.
      const notSent = (await page.evaluate(`(async () => {
      const { send } = await import("/_astro/${chunk}")
      return send({ gateway: ${
        JSON.stringify(stack.gateway.url)
      }, session: undefined, operation: "retrieveConversation", args: { conversation_id: "" } })
    })()`)) as { failure?: { _tag: string }; error?: { tag: string }; request?: unknown }
      expect(notSent.failure).toEqual({ _tag: "NotSent" })
      expect(notSent.error?.tag).toBe("IntercomInvalidInputError")
      expect(notSent.request).toBeUndefined()
      await context.close()
    },
    180_000,
  )

  it("teaches the SDK error class of an error status, with code that catches it", async () => {
    const sessionGateway = await startGateway({
      upstream: prismUrl(),
      credentials: { mode: "session", secret: "a-test-secret-that-is-at-least-32-bytes-long" },
      allowOrigins: [stack.site.url],
    })
    try {
      const context = await stack.browser.newContext()
      const page = await open(context, "/operations/update-conversation/", sessionGateway.url)
      await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")
      const seen = await sendAndRead(page)
      expect(seen.status).toBe("401")
      expect(await page.locator("[data-verdict]").innerText()).toBe("refused by the gateway")
      expect(seen.error).toMatch(/^Refused by the gateway \(401 /)
      const errorClass = page.locator("[data-error-class]")
      expect(await errorClass.locator("[data-error-tag]").innerText()).toBe("IntercomUnauthorizedError")
      await errorClass.locator("summary").click()
      const promise = await errorClass.locator("[data-error-promise]").innerText()
      expect(promise).toContain("import intercom, { IntercomUnauthorizedError } from \"@utdk/intercom\"")
      expect(promise).toContain("if (error instanceof IntercomUnauthorizedError)")
      expect(promise).toContain("conversation_id: \"123\"")
      expect(await errorClass.locator("[data-error-effect]").innerText()).toContain(
        "Effect.catchTag(\"IntercomUnauthorizedError\"",
      )
      await context.close()
    } finally {
      await sessionGateway.stop()
    }
  })
})

describe("accessibility", () => {
  it.each(["light", "dark"] as const)(
    "axe finds no serious or critical violation on an operation page, the index and the landing page (%s)",
    async (theme) => {
      const context = await stack.browser.newContext({ colorScheme: theme, viewport: { width: 1280, height: 900 } })
      await context.addInitScript(`localStorage.setItem("starlight-theme", "${theme}")`)
      // The operation page with a response on screen: the viewer and its notes are checked too.
      const page = await open(context, "/operations/update-conversation/")
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme)
      await page.locator("[data-field=\"path.conversation_id\"] input").fill("123")
      expect((await sendAndRead(page)).status).toBe("200")
      expect({ page: "operation", violations: await seriousViolations(page) }).toEqual({
        page: "operation",
        violations: [],
      })
      // The same page with an error on screen: the stand-in's 422, its finding at the field.
      const failing = await open(context, "/operations/delete-conversation/")
      await failing.locator("[data-field=\"path.conversation_id\"] input").fill("not-a-number")
      await expect.poll(() => failing.locator("[data-send]").isDisabled()).toBe(false)
      expect((await sendAndRead(failing)).status).toBe("422")
      expect({ page: "operation with an error", violations: await seriousViolations(failing) }).toEqual({
        page: "operation with an error",
        violations: [],
      })
      await failing.close()
      for (const path of ["/operations/", "/"]) {
        await page.goto(stack.site.url + path)
        expect({ page: path, violations: await seriousViolations(page) }).toEqual({ page: path, violations: [] })
      }
      await context.close()
    },
    120_000,
  )

  it("snippet tabs follow the ARIA tabs pattern: one Tab stop, arrows, Home and End move focus and selection", async () => {
    const context = await stack.browser.newContext()
    const page = await open(context, "/operations/update-conversation/")
    const state = () =>
      page.evaluate(() => ({
        focused: (document.activeElement as HTMLElement | null)?.dataset.snippetTab,
        selected: [...document.querySelectorAll<HTMLElement>("[data-snippet-tab][aria-selected=true]")].map((t) =>
          t.dataset.snippetTab
        ),
        tabStops: [...document.querySelectorAll<HTMLElement>("[data-snippet-tab]")].filter((t) => t.tabIndex === 0).map(
          (t) => t.dataset.snippetTab,
        ),
        visible: [...document.querySelectorAll<HTMLElement>("[role=tabpanel]")].filter((p) => !p.hidden).map((p) =>
          p.id
        ),
      }))
    await page.locator("[data-snippet-tab=typescript]").focus()
    expect(await state()).toEqual({
      focused: "typescript",
      selected: ["typescript"],
      tabStops: ["typescript"],
      visible: ["snippet-typescript"],
    })
    await page.keyboard.press("ArrowRight")
    expect(await state()).toEqual({
      focused: "effect",
      selected: ["effect"],
      tabStops: ["effect"],
      visible: ["snippet-effect"],
    })
    await page.keyboard.press("End")
    expect(await state()).toEqual({
      focused: "curl",
      selected: ["curl"],
      tabStops: ["curl"],
      visible: ["snippet-curl"],
    })
    await page.keyboard.press("ArrowRight") // wraps around
    expect((await state()).focused).toBe("typescript")
    await page.keyboard.press("ArrowLeft") // and back
    expect((await state()).focused).toBe("curl")
    await page.keyboard.press("Home")
    expect(await state()).toEqual({
      focused: "typescript",
      selected: ["typescript"],
      tabStops: ["typescript"],
      visible: ["snippet-typescript"],
    })
    // Tab leaves the tab list (no second stop on another tab).
    await page.keyboard.press("Tab")
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).not.toBe("tab")
    await context.close()
  })
})

describe("small screens and search", () => {
  it(
    "keeps every identifier on one line at 390 px (tables, headings, endpoint) with nothing wider than the screen",
    async () => {
      const context = await stack.browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
        colorScheme: "light",
      })
      const page = await context.newPage()
      for (
        const path of [
          "/operations/update-conversation/",
          "/operations/create-conversation/",
          "/operations/search-contacts/",
          "/operations/create-ticket/",
        ]
      ) {
        await page.goto(stack.site.url + path)
        // Every nested table open, so its rows are laid out too.
        await page.evaluate(() =>
          document.querySelectorAll(".sl-markdown-content details").forEach((
            d,
          ) => ((d as HTMLDetailsElement).open = true))
        )
        const report = await page.evaluate(() => {
          const identifiers = [
            ...document.querySelectorAll<HTMLElement>("td.field-name > code, .sdk-key code, .endpoint-meta code"),
          ]
          const split = identifiers.filter((c) => c.getClientRects().length > 1).map((c) => c.textContent)
          // The path breaks only at its <wbr>s: each segment stays on one line.
          const path = document.querySelector<HTMLElement>(".endpoint-path")!
          const range = document.createRange()
          const segments = [...path.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent !== "")
          const splitSegments = segments.filter((n) => {
            range.selectNodeContents(n)
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1
          })
          const h1 = document.querySelector("h1")!
          const h1Words = h1.textContent!.trim().split(/\s+/).length
          return {
            checked: identifiers.length,
            split,
            splitSegments: splitSegments.map((n) => n.textContent),
            // A heading broken inside a word has more lines than words could explain; at least, no line holds a fragment.
            h1Lines: Math.round(h1.getBoundingClientRect().height / parseFloat(getComputedStyle(h1).lineHeight)),
            h1Words,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          }
        })
        expect(report.checked, path).toBeGreaterThan(3)
        expect({ path, split: report.split, splitSegments: report.splitSegments, overflow: report.overflow }).toEqual({
          path,
          split: [],
          splitSegments: [],
          overflow: 0,
        })
        expect(report.h1Lines).toBeLessThanOrEqual(report.h1Words)
      }
      await page.goto(stack.site.url + "/operations/update-conversation/")
      await page.screenshot({ path: join(artifacts, "update-conversation-390.png"), fullPage: false })
      await page.locator("table.fields").first().scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(artifacts, "update-conversation-390-parameters.png") })
      await context.close()
    },
    120_000,
  )

  it("shows search excerpts with words apart (no 'conversation_idrequired')", async () => {
    const context = await stack.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${stack.site.url}/`)
    await page.locator("site-search button[data-open-modal]").click()
    await page.locator("site-search input").fill("conversation_id")
    const excerpt = page.locator("site-search .pagefind-ui__result-excerpt").first()
    await excerpt.waitFor({ timeout: 15_000 })
    const texts = await page.locator("site-search .pagefind-ui__result-excerpt").allInnerTexts()
    expect(texts.length).toBeGreaterThan(0)
    expect(texts.join(" ")).toContain("conversation_id")
    for (const text of texts) {
      expect(text).not.toMatch(/conversation_idrequired|NameTypeDescription|ConversationsCustom|stringenum/)
    }
    await context.close()
  })
})
