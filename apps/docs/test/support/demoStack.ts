// The demo stack every Chromium test drives: the built site on 127.0.0.1, intercom-gateway (holding a token) in
// front of the run's Prism, and one Chromium. Started before the file's tests, stopped after them.
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { launchChromium } from "@utdk/intercom-testing/chromium"
import { prismUrl } from "@utdk/intercom-testing/inject"
import type { Browser, BrowserContext } from "playwright-core"
import { afterAll, beforeAll } from "vitest"
import { startGateway, type RunningGateway } from "../../tools/gateway.ts"
import { serveStatic, type StaticSite } from "../../tools/serve.ts"

export const docsRoot = join(import.meta.dirname, "..", "..")
/** Screenshots and other files a test leaves for people to look at. */
export const artifacts = join(docsRoot, "test-artifacts")

export interface DemoStack {
  readonly site: StaticSite
  readonly gateway: RunningGateway
  readonly browser: Browser
}

/** Registers the stack's start and stop hooks; its members are there once the file's `beforeAll` has run. */
export const useDemoStack = (): DemoStack => {
  const stack = {} as { site: StaticSite; gateway: RunningGateway; browser: Browser }
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    stack.site = await serveStatic(join(docsRoot, "dist"))
    stack.gateway = await startGateway({
      upstream: prismUrl(),
      credentials: { mode: "server", token: "demo-token" },
      allowOrigins: [stack.site.url],
    })
    stack.browser = await launchChromium()
  })
  afterAll(async () => {
    await stack.browser?.close()
    await stack.gateway?.stop()
    await stack.site?.close()
  })
  return stack
}

/** The looks every screenshot is taken in: light and dark at desktop width, and a 390 px phone. */
export const looks = [
  ["light", 1280],
  ["dark", 1280],
  ["light", 390],
] as const

/** A browser context in one theme (Starlight's stored choice and the system's) at one width. */
export const themedContext = async (
  browser: Browser,
  theme: "light" | "dark",
  width: number,
): Promise<BrowserContext> => {
  const context = await browser.newContext({ colorScheme: theme, viewport: { width, height: 900 } })
  await context.addInitScript(`localStorage.setItem("starlight-theme", "${theme}")`)
  return context
}
