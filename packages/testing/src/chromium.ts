// Launches Debian's Chromium through playwright-core for the browser tests, and serves a page of scripts to it.
import { once } from "node:events"
import { existsSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { chromium, type Browser } from "playwright-core"

/** Debian's Chromium (installed by scripts/bootstrap.sh --browser); playwright cannot download browsers here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

/** Launches headless Chromium with the flags this network needs; throws a clear error when it is missing. */
export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: run scripts/bootstrap.sh --browser (apt-get install chromium)`,
    )
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  })
}

export interface ScriptPage {
  /** `http://127.0.0.1:<port>`: the page's origin, which CORS checks see. */
  readonly origin: string
  readonly close: () => Promise<void>
}

/** Serves a one-page site on 127.0.0.1 that runs `script` (an ES module) at `/`, for code to run in Chromium. */
export const serveScriptPage = async (script: string): Promise<ScriptPage> => {
  const server = createServer((req, res) => {
    if (req.url === "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript" })
      return res.end(script)
    }
    res.writeHead(200, { "content-type": "text/html" })
    res.end("<!doctype html><html><head><script type=\"module\" src=\"/app.js\"></script></head><body></body></html>")
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
    },
  }
}
