// The JavaScript an operation page makes Chromium download before anyone touches it, measured in the browser (every
// script response until the network is idle, and the page's inline scripts), gzipped as a server would send it:
// at most 60 KB. The SDK's chunk is not among them; it arrives on the first sign of use.
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { useDemoStack } from "./support/demoStack.ts"

const stack = useDemoStack()
const budget = 60_000

describe("page weight", () => {
  it("loads at most 60 KB of JavaScript (gzip) with an operation page, and the SDK on first use", async () => {
    const context = await stack.browser.newContext()
    const page = await context.newPage()
    const scripts = new Map<string, Promise<Buffer>>()
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.set(response.url(), response.body())
    })
    await page.goto(
      `${stack.site.url}/operations/update-conversation/?gateway=${encodeURIComponent(stack.gateway.url)}`,
      { waitUntil: "networkidle" },
    )
    await page.locator("[data-try-it][data-ready=true]").waitFor()
    await page.locator("[data-try-it][data-gateway-status=Ready]").waitFor()
    await page.waitForLoadState("networkidle")
    const inline =
      (await page.evaluate(() =>
        [...document.querySelectorAll("script:not([src]):not([type='application/json'])")].map((s) =>
          s.textContent ?? ""
        )
      )) as Array<string>
    const bodies = [...(await Promise.all(scripts.values())), ...inline.map((code) => Buffer.from(code))]
    const gzipBytes = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0)
    const rawBytes = bodies.reduce((sum, body) => sum + body.length, 0)
    console.log(
      `page JS on load: ${(gzipBytes / 1000).toFixed(1)} KB gzip (${
        (rawBytes / 1000).toFixed(1)
      } KB raw), ${scripts.size} files: ${
        [...scripts.keys()].map((u) => new URL(u).pathname.split("/").pop()).join(", ")
      }`,
    )
    expect(await page.locator("[data-try-it]").getAttribute("data-sdk")).toBeNull()
    expect(gzipBytes).toBeLessThanOrEqual(budget)
    // First use: focus in the island loads the SDK, and its verdict appears.
    await page.locator("[data-field=\"path.conversation_id\"] input").focus()
    await page.locator("[data-try-it][data-sdk=ready]").waitFor()
    await context.close()
  })
})
