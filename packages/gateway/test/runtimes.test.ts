// The gateway where users deploy it: the web-standard handler bundled and served by Deno, Bun and Cloudflare's
// workerd (through miniflare), and the Node server. Each runs in front of a local capture server (which answers a
// few hostile cases itself and forwards the rest to Prism), takes a core subset of the attack suite over raw
// sockets, and carries a real request from the browser SDK in Chromium.
import { launchChromium, serveScriptPage, type ScriptPage } from "@utdk/intercom-testing/chromium"
import { prismUrl } from "@utdk/intercom-testing/inject"
import { freePort } from "@utdk/intercom-testing/prism"
import { build } from "esbuild"
import { Miniflare } from "miniflare"
import { spawn, type ChildProcess } from "node:child_process"
import { once } from "node:events"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { createServer, type IncomingMessage, type Server } from "node:http"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startGatewayServer } from "../src/node/server.ts"
import { operationList } from "@utdk/intercom-core/registry"
import { rawRequest, startCanary, type RawResponse } from "./fixtures.ts"
import { refusedOperation } from "./runtimes/config.ts"

const TOKEN = "dG9rOnJ1bnRpbWUtbWF0cml4LXRva2VuLW5ldmVyLWVjaG9lZA=="
const here = fileURLToPath(new URL(".", import.meta.url))
const require = createRequire(import.meta.url)

interface Captured {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
}

/**
 * The upstream: records every request; answers a few hostile paths itself (`/contacts/redirect`, `/contacts/gzip`,
 * `/contacts/reflect…` echoing the token it received, `/contacts/html`, `/contacts/bomb`, `/contacts/slow`), proxies
 * the rest to Prism.
 */
const startCaptureServer = async (prism: string, canary: string) => {
  const requests: Array<Captured> = []
  // Requests to /contacts/held… in progress at once, and the most seen (pipelining must not fan out).
  const held = { now: 0, max: 0 }
  const server: Server = createServer(async (req, res) => {
    const chunks: Array<Buffer> = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const url = req.url ?? ""
    requests.push({ method: req.method ?? "", url, headers: req.headers })
    const common = {
      "set-cookie": "upstream=1; HttpOnly",
      "x-upstream-echo-authorization": String(req.headers.authorization),
    }
    if (url.startsWith("/contacts/redirect")) {
      res.writeHead(302, { ...common, location: `${canary}/stolen` })
      return res.end()
    }
    const received = String(req.headers.authorization).replace(/^Bearer /, "")
    if (url.startsWith("/contacts/reflect-large")) {
      // Streamed (over the buffering threshold), the token cut across two writes again and again.
      res.writeHead(200, { "content-type": "text/plain", link: `<https://x.test/?t=${received}>; rel="next"` })
      const half = Math.floor(received.length / 2)
      for (let i = 0; i < 300; i++) {
        res.write(`${"y".repeat(1000)}${received.slice(0, half)}`)
        await new Promise((r) => setImmediate(r))
        res.write(received.slice(half))
      }
      return res.end()
    }
    if (url.startsWith("/contacts/reflect")) {
      res.writeHead(200, {
        "content-type": "application/json",
        link: `<https://api.intercom.io/contacts?token=${encodeURIComponent(received)}>; rel="next"`,
        "content-disposition": `attachment; filename="${received}.json"`,
        location: `https://api.intercom.io/?t=${received}`,
      })
      return res.end(
        JSON.stringify({
          type: "contact",
          raw: received,
          escaped: received.replaceAll("/", "\\/"),
          url: encodeURIComponent(received),
        }).replaceAll("\\\\/", "\\/"),
      )
    }
    if (url.startsWith("/contacts/html")) {
      res.writeHead(200, { "content-type": "text/html" })
      return res.end("<script>alert(document.domain)</script>")
    }
    if (url.startsWith("/contacts/bomb")) {
      // 16 MiB of zeros in ~16 KiB of gzip: decompressed, it must be cut at the handler's 1 MiB cap.
      const body = gzipSync(Buffer.alloc(16 * 1024 * 1024))
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-encoding": "gzip",
        "content-length": String(body.byteLength),
      })
      return res.end(body)
    }
    if (url.startsWith("/contacts/held")) {
      held.max = Math.max(held.max, ++held.now)
      await new Promise((r) => setTimeout(r, 100))
      held.now--
      res.writeHead(200, { "content-type": "application/json" })
      return res.end("{\"type\":\"contact\",\"id\":\"held\"}")
    }
    if (url.startsWith("/contacts/slow")) {
      // Answers after 12 s: later than Bun's default idle timeout (10 s), within the gateway's deadline.
      await new Promise((r) => setTimeout(r, 12_000))
      res.writeHead(200, { "content-type": "application/json" })
      return res.end("{\"type\":\"contact\",\"id\":\"slow\"}")
    }
    if (url.startsWith("/contacts/gzip")) {
      const body = gzipSync(JSON.stringify({ type: "contact", id: "gzip" }))
      res.writeHead(200, {
        ...common,
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": String(body.byteLength),
      })
      return res.end(body)
    }
    const headers = new Headers()
    for (const name of ["authorization", "content-type", "accept", "intercom-version"]) {
      const value = req.headers[name]
      if (typeof value === "string") headers.set(name, value)
    }
    const answer = await fetch(prism + url, {
      method: req.method!,
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    })
    const out: Record<string, string> = { ...common }
    answer.headers.forEach((value, name) => {
      if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name)) out[name] = value
    })
    res.writeHead(answer.status, out)
    res.end(Buffer.from(await answer.arrayBuffer()))
  })
  server.listen(0, "127.0.0.1")
  await once(server, "listening")
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    held,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

interface Ctx {
  readonly canary: string
  readonly origin: string
}

interface Case {
  readonly name: string
  readonly send: (ctx: Ctx) => string
  /** Statuses accepted (a runtime may refuse a malformed target itself, before the handler). */
  readonly status: ReadonlyArray<number>
  readonly forwarded: number
  /**
   * Runtimes that resolve the target before the handler sees it (noted in the README): there the request arrives as
   * `normalised`, and is then judged like a request for that path (forwarded only when it is an allowed operation).
   */
  readonly normalisedBy?: ReadonlyArray<
    {
      readonly runtimes: ReadonlyArray<string>
      readonly status: ReadonlyArray<number>
      readonly upstream: ReadonlyArray<string>
    }
  >
  readonly check?: (response: RawResponse, captured: ReadonlyArray<Captured>) => void
}

const http = (method: string, target: string, headers: ReadonlyArray<readonly [string, string]> = [], body?: string) =>
  [
    `${method} ${target} HTTP/1.1`,
    "Host: gateway.test",
    ...headers.map(([k, v]) => `${k}: ${v}`),
    ...(body === undefined ? [] : [`Content-Length: ${Buffer.byteLength(body)}`]),
    "Connection: close",
    "",
    body ?? "",
  ].join("\r\n")

// A core subset of the attack suite (attacks.test.ts has the rest, against the Node server).
const cases: ReadonlyArray<Case> = [
  {
    name: "a registry operation is forwarded with the gateway's token only",
    send: () =>
      http("GET", "/me", [["Authorization", "Bearer caller-token-not-this"], ["Cookie", "a=b"], [
        "X-Forwarded-Host",
        "evil.test",
      ]]),
    status: [200],
    forwarded: 1,
    check: (_r, up) => {
      expect(up[0]!.headers["authorization"]).toBe(`Bearer ${TOKEN}`)
      expect(up[0]!.headers["cookie"]).toBeUndefined()
      expect(up[0]!.headers["x-forwarded-host"]).toBeUndefined()
    },
  },
  {
    name: "absolute-form URL aimed at the canary",
    send: (c) => http("GET", `${c.canary}/me`),
    status: [400, 404],
    forwarded: 0,
    // Deno and Bun take an absolute-form target as the request URL; the handler keeps only its path, for the fixed upstream.
    normalisedBy: [
      { runtimes: ["deno", "bun"], status: [200], upstream: ["GET /me"] },
      // workerd (miniflare's entry) refuses it before the Worker runs.
      { runtimes: ["workerd"], status: [500], upstream: [] },
    ],
  },
  { name: "path outside the spec", send: () => http("GET", "/admin/secret"), status: [404], forwarded: 0 },
  {
    name: "plain .. traversal",
    send: () => http("GET", "/contacts/../me"),
    status: [400, 404],
    forwarded: 0,
    normalisedBy: [{ runtimes: ["bun", "workerd"], status: [200], upstream: ["GET /me"] }],
  },
  {
    name: "%2e%2e segments are refused before normalisation",
    send: () => http("GET", "/conversations/%2e%2e/%2e%2e/admins/x"),
    status: [400, 404],
    forwarded: 0,
    normalisedBy: [{ runtimes: ["bun", "workerd"], status: [200, 404, 422], upstream: ["GET /admins/x"] }],
  },
  {
    name: "encoded slash inside a parameter",
    send: () => http("GET", "/contacts/123%2f..%2fme"),
    status: [400, 404],
    forwarded: 0,
  },
  {
    name: "wrong Origin",
    send: () => http("GET", "/me", [["Origin", "https://evil.test"]]),
    status: [403],
    forwarded: 0,
  },
  {
    name: "preflight for an allowed origin is answered locally",
    send: (c) =>
      http("OPTIONS", "/conversations/1", [["Origin", c.origin], ["Access-Control-Request-Method", "PUT"], [
        "Access-Control-Request-Headers",
        "content-type",
      ]]),
    status: [204],
    forwarded: 0,
    check: (r) => expect(r.headers["access-control-allow-origin"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/),
  },
  {
    name: "preflight asking to send Authorization",
    send: (c) =>
      http("OPTIONS", "/me", [["Origin", c.origin], ["Access-Control-Request-Method", "GET"], [
        "Access-Control-Request-Headers",
        "authorization",
      ]]),
    status: [403],
    forwarded: 0,
  },
  {
    name: "body over the cap",
    send: () =>
      http(
        "POST",
        "/contacts/search",
        [["Content-Type", "application/json"]],
        JSON.stringify({ pad: "x".repeat(2000) }),
      ),
    status: [413],
    forwarded: 0,
  },
  {
    name: "malformed JSON body",
    send: () => http("POST", "/contacts/search", [["Content-Type", "application/json"]], "{nope"),
    status: [400],
    forwarded: 0,
  },
  {
    name: "upstream redirect to the canary is answered, not followed; Set-Cookie and echoes dropped",
    send: () => http("GET", "/contacts/redirect"),
    status: [302],
    forwarded: 1,
  },
  {
    name: "a compressed answer is labelled consistently",
    send: () => http("GET", "/contacts/gzip"),
    status: [200],
    forwarded: 1,
    check: (r) => {
      // Either the bytes are still gzip and say so, or they were decoded and carry no Content-Encoding.
      if (r.headers["content-encoding"] === "gzip") expect(r.body.charCodeAt(0)).toBe(0x1f)
      else {
        expect(r.headers["content-encoding"]).toBeUndefined()
        expect(JSON.parse(r.body)).toEqual({ type: "contact", id: "gzip" })
      }
    },
  },
  {
    name: "/_gateway/info describes the gateway without secrets",
    send: (c) => http("GET", "/_gateway/info", [["Origin", c.origin]]),
    status: [200],
    forwarded: 0,
    check: (r) => {
      expect(JSON.parse(r.body)).toEqual({
        gateway: "@utdk/intercom-gateway",
        credentials: "server",
        operations: operationList.length - 1,
        apiVersion: "2.16",
        upstream: "stand-in",
      })
      expect(r.headers["access-control-allow-origin"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    },
  },
]

// Issue 23's breaks that reach the handler, on every runtime.
const issue23: ReadonlyArray<Case> = [
  {
    name: "break 1: a percent-encoded letter does not turn a refused literal into a parameter",
    send: () => http("GET", "/admins/%61ctivity_logs"),
    status: [403],
    forwarded: 0,
    check: (r) => expect(r.headers["x-gateway-error"]).toBe("operation_not_allowed"),
  },
  {
    name: "break 8: a token the upstream reflects is removed from the body, Link, Content-Disposition and Location",
    send: () => http("GET", "/contacts/reflect"),
    status: [200],
    forwarded: 1,
    check: (r) => {
      expect(r.raw).not.toContain(encodeURIComponent(TOKEN))
      expect(JSON.parse(r.body)).toEqual({
        type: "contact",
        raw: "[redacted]",
        escaped: "[redacted]",
        url: "[redacted]",
      })
      for (const name of ["link", "content-disposition", "location"]) {
        expect(r.headers[name], name).toContain("[redacted]")
      }
    },
  },
  {
    name: "break 8: a reflected token split across streamed chunks is removed",
    send: () => http("GET", "/contacts/reflect-large"),
    status: [200],
    forwarded: 1,
    check: (r) => {
      expect(r.body.length).toBe(300 * (1000 + "[redacted]".length))
      expect(r.body.split("[redacted]").length - 1).toBe(300)
    },
  },
  {
    name: "break 5: deeply nested JSON is refused before parsing",
    send: () =>
      http("POST", "/contacts/search", [["Content-Type", "application/json"]], `${"[".repeat(400)}${"]".repeat(400)}`),
    status: [400],
    forwarded: 0,
    check: (r) => expect(r.headers["x-gateway-error"]).toBe("body_malformed"),
  },
  {
    name: "break 6: a stalled request body is cut at the handler's own deadline",
    send: () =>
      [
        "POST /contacts/search HTTP/1.1",
        "Host: gateway.test",
        "Content-Type: application/json",
        "Content-Length: 100",
        "",
        "{\"query\":",
      ].join("\r\n"),
    status: [408],
    forwarded: 0,
    check: (r) => expect(r.headers["x-gateway-error"]).toBe("body_timeout"),
  },
  {
    name: "break 11: a Host header that is not host[:port] cannot rewrite the target",
    send: () => ["GET /me HTTP/1.1", "Host: x/admins?", "Connection: close", "", ""].join("\r\n"),
    status: [400],
    forwarded: 0,
    normalisedBy: [
      // Node routes by the request line and ignores Host: the request is the GET /me it says it is.
      { runtimes: ["node"], status: [200], upstream: ["GET /me"] },
      // workerd (miniflare's entry) cannot make a URL of it and refuses it before the Worker runs.
      { runtimes: ["workerd"], status: [500], upstream: [] },
    ],
  },
  {
    name: "break 10: Content-Length with Transfer-Encoding is refused, nothing smuggled runs",
    send: () =>
      [
        "POST /contacts/search HTTP/1.1",
        "Host: gateway.test",
        "Content-Type: application/json",
        "Content-Length: 4",
        "Transfer-Encoding: chunked",
        "Connection: close",
        "",
        "2",
        "{}",
        "0",
        "",
        "GET /admins HTTP/1.1",
        "Host: gateway.test",
        "",
        "",
      ].join("\r\n"),
    status: [400],
    forwarded: 0,
  },
  {
    name: "a non-JSON upstream answer is sandboxed",
    send: () => http("GET", "/contacts/html"),
    status: [200],
    forwarded: 1,
    check: (r) => {
      expect(r.headers["content-security-policy"]).toBe("sandbox")
      expect(r.headers["x-content-type-options"]).toBe("nosniff")
    },
  },
  {
    name: "a compression bomb from the upstream is cut at the decompression cap",
    send: () => http("GET", "/contacts/bomb"),
    status: [200, 502],
    forwarded: 1,
    check: (r) => expect(r.raw.length).toBeLessThan(2 * 1024 * 1024),
  },
  {
    name: "a refusal for an allowed origin carries CORS headers, its preflight passes",
    send: (c) => http("OPTIONS", "/wrong/prefix/me", [["Origin", c.origin], ["Access-Control-Request-Method", "GET"]]),
    status: [204],
    forwarded: 0,
    check: (r) => expect(r.headers["access-control-allow-origin"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/),
  },
  {
    name: "an upstream answer slower than the runtime's default idle timeout still arrives",
    send: () => http("GET", "/contacts/slow"),
    status: [200],
    forwarded: 1,
    check: (r) => expect(JSON.parse(r.body)).toEqual({ type: "contact", id: "slow" }),
  },
]

// The page's script: the browser SDK, bundled as an app would.
const pageEntry = `
import { Intercom } from "@utdk/intercom-browser"
window.updateConversation = async (baseUrl) => {
  const intercom = new Intercom({ baseUrl, maxRetries: 0 })
  try {
    const conversation = await intercom.updateConversation({ conversation_id: "123", read: true })
    return { ok: true, type: conversation.type }
  } catch (error) {
    return { ok: false, tag: error._tag, status: error.status, message: String(error.message) }
  }
}
window.wrongPrefix = async (baseUrl) => {
  const intercom = new Intercom({ baseUrl: baseUrl + "/wrong", maxRetries: 0 })
  try {
    await intercom.updateConversation({ conversation_id: "123", read: true })
    return { ok: true }
  } catch (error) {
    return { ok: false, tag: error._tag, status: error.status }
  }
}
`

interface Running {
  readonly port: number
  readonly stop: () => Promise<void>
}

type Env = { GATEWAY_UPSTREAM: string; GATEWAY_TOKEN: string; GATEWAY_ORIGINS: string }

const bundle = async (entry: string, dir: string): Promise<string> => {
  const out = join(dir, entry.replace(/\.ts$/, ".mjs"))
  await build({
    entryPoints: [join(here, "runtimes", entry)],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    outfile: out,
    logLevel: "silent",
  })
  return out
}

// Starts a runtime binary on a bundled entry and reads the port it prints.
const spawnRuntime = async (command: string, args: ReadonlyArray<string>, env: Env): Promise<Running> => {
  const child: ChildProcess = spawn(command, args, {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), DENO_NO_UPDATE_CHECK: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    let line = ""
    child.stdout!.on("data", (c: Buffer) => {
      line += c.toString()
      const match = /\{"port":(\d+)\}/.exec(line)
      if (match) resolve(Number(match[1]))
    })
    child.once("exit", (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)))
    setTimeout(() => reject(new Error(`${command} did not start:\n${output}`)), 30_000).unref()
  })
  return {
    port,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = once(child, "exit")
      child.kill("SIGTERM")
      await exited
    },
  }
}

const runtimes: Record<string, (env: Env, dir: string) => Promise<Running>> = {
  node: async (env) => {
    const server = await startGatewayServer({
      gateway: {
        // As test/runtimes/config.ts has it for the web handler.
        operations: operationList.filter((o) => o.name !== refusedOperation),
        upstream: env.GATEWAY_UPSTREAM,
        credentials: { mode: "server", token: env.GATEWAY_TOKEN },
        cors: { allowedOrigins: env.GATEWAY_ORIGINS.split(",") },
        maxBodyBytes: 1024,
        upstreamTimeoutMs: 15_000,
        requestTimeoutMs: 2000,
        maxDecodedResponseBytes: 1024 * 1024,
      },
    })
    return { port: server.port, stop: server.close }
  },
  deno: async (env, dir) =>
    spawnRuntime(denoBinary(), ["run", "--allow-net", "--allow-env", "--no-prompt", await bundle("deno.ts", dir)], env),
  bun: async (env, dir) =>
    spawnRuntime(join(dirname(require.resolve("bun/package.json")), "bin", "bun.exe"), [
      "run",
      await bundle("bun.ts", dir),
    ], env),
  workerd: async (env, dir) => {
    const port = await freePort()
    const mf = new Miniflare({
      modules: true,
      script: readFileSync(await bundle("worker.ts", dir), "utf8"),
      compatibilityDate: "2026-08-01",
      bindings: env,
      host: "127.0.0.1",
      port,
    })
    await mf.ready
    return { port, stop: () => mf.dispose() }
  },
}

// The npm package `deno` ships its binary in a platform package (`@deno/linux-x64-glibc`); running it directly
// (not through the package's Node launcher) lets the test stop it with a signal.
const denoBinary = (): string => {
  const fromDeno = createRequire(require.resolve("deno/package.json"))
  const target = `${process.platform}-${process.arch}${process.platform === "linux" ? "-glibc" : ""}`
  return join(dirname(fromDeno.resolve(`@deno/${target}/package.json`)), "deno")
}

describe.each(Object.keys(runtimes))("the gateway on %s", (runtime) => {
  let canary: Awaited<ReturnType<typeof startCanary>>
  let upstream: Awaited<ReturnType<typeof startCaptureServer>>
  let running: Running
  let browser: Browser
  let pageServer: ScriptPage
  let origin: string

  beforeAll(async () => {
    canary = await startCanary()
    upstream = await startCaptureServer(prismUrl(), canary.url)
    const page = await build({
      stdin: { contents: pageEntry, resolveDir: here, loader: "js" },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      minify: true,
    })
    pageServer = await serveScriptPage(page.outputFiles[0]!.text)
    origin = pageServer.origin
    const dir = mkdtempSync(join(tmpdir(), `gateway-${runtime}-`))
    writeFileSync(join(dir, "package.json"), "{\"type\":\"module\"}")
    running = await runtimes[runtime]!({
      GATEWAY_UPSTREAM: upstream.url,
      GATEWAY_TOKEN: TOKEN,
      GATEWAY_ORIGINS: origin,
    }, dir)
    browser = await launchChromium()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await running?.stop()
    await upstream?.close()
    await canary?.close()
    await pageServer?.close()
  })

  for (const attack of [...cases, ...issue23]) {
    it(attack.name, async () => {
      const before = upstream.requests.length
      const response = await rawRequest(running.port, attack.send({ canary: canary.url, origin }), {
        timeoutMs: 20_000,
        endOnResponse: true,
      })
      const normalised = attack.normalisedBy?.find((n) => n.runtimes.includes(runtime))
      expect(normalised?.status ?? attack.status, `status, got:\n${response.raw.slice(0, 400)}`).toContain(
        response.status,
      )
      await new Promise((r) => setTimeout(r, 30))
      const captured = upstream.requests.slice(before)
      if (normalised === undefined) expect(captured.length, "requests forwarded upstream").toBe(attack.forwarded)
      else expect(captured.map((r) => `${r.method} ${r.url}`)).toEqual(normalised.upstream)
      expect(canary.seen()).toEqual({ connections: 0, requests: 0 })
      expect(response.raw).not.toContain(TOKEN)
      expect(response.raw.toLowerCase()).not.toContain("set-cookie")
      expect(response.raw.toLowerCase()).not.toContain("x-upstream-echo-authorization")
      for (const seen of captured) {
        expect(operationList.some((o) => o.method === seen.method), seen.url).toBe(true)
        expect(seen.headers["authorization"]).toBe(`Bearer ${TOKEN}`)
      }
      attack.check?.(response, captured)
    })
  }

  it("carries a request from the browser SDK in Chromium", async () => {
    const page: Page = await browser.newPage()
    await page.goto(`${origin}/`)
    await page.waitForFunction(() =>
      typeof (window as unknown as { updateConversation?: unknown }).updateConversation === "function"
    )
    const before = upstream.requests.length
    const outcome = await page.evaluate(
      (url) => (window as unknown as { updateConversation: (u: string) => Promise<unknown> }).updateConversation(url),
      `http://127.0.0.1:${running.port}`,
    )
    expect(outcome).toEqual({ ok: true, type: "conversation" })
    const forwarded = upstream.requests.slice(before)
    expect(forwarded.map((r) => `${r.method} ${r.url}`)).toEqual(["PUT /conversations/123"])
    expect(forwarded[0]!.headers["authorization"]).toBe(`Bearer ${TOKEN}`)
    expect(canary.seen()).toEqual({ connections: 0, requests: 0 })
    await page.close()
  })

  it("break 9: pipelined requests on one connection reach the upstream one at a time", async () => {
    upstream.held.max = 0
    const pipelined = Array.from(
      { length: 5 },
      (_, i) => `GET /contacts/held${i} HTTP/1.1\r\nHost: gateway.test\r\n\r\n`,
    ).join("")
    const response = await rawRequest(running.port, pipelined, { timeoutMs: 3000 })
    // Bun 1.4.4's own HTTP layer answers none of several requests sent in one write (nothing reaches the handler,
    // so nothing fans out either); the others answer all five, in order.
    expect(response.statuses).toEqual(runtime === "bun" ? [] : [200, 200, 200, 200, 200])
    expect(upstream.held.max).toBeLessThanOrEqual(1)
  })

  it("a browser app with a wrong baseUrl prefix gets the gateway's 404, not a network error", async () => {
    const page: Page = await browser.newPage()
    await page.goto(`${origin}/`)
    await page.waitForFunction(() => typeof (window as unknown as { wrongPrefix?: unknown }).wrongPrefix === "function")
    const before = upstream.requests.length
    const outcome = await page.evaluate(
      (url) => (window as unknown as { wrongPrefix: (u: string) => Promise<unknown> }).wrongPrefix(url),
      `http://127.0.0.1:${running.port}`,
    )
    expect(outcome).toMatchObject({ ok: false, status: 404 })
    expect(upstream.requests.length).toBe(before)
    await page.close()
  })
})

// The README's recipes as written (recipes/), bundled with the package name pointing at this source, run on their
// runtime with Prism as the upstream for local development.
const recipesDir = join(here, "..", "recipes")
const bundleRecipe = async (file: string, dir: string): Promise<string> => {
  const out = join(dir, file.replace(/\.ts$/, ".mjs"))
  await build({
    entryPoints: [join(recipesDir, file)],
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    alias: { "@utdk/intercom-gateway": join(here, "..", "src", "index.ts") },
    outfile: out,
    logLevel: "silent",
  })
  return out
}

interface RecipeRun {
  readonly exited: Promise<{ code: number | null; output: string }>
  readonly stop: () => Promise<void>
}

const startRecipe = (command: string, args: ReadonlyArray<string>, env: Record<string, string>): RecipeRun => {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), DENO_NO_UPDATE_CHECK: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()))
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()))
  const exited = once(child, "exit").then(([code]) => ({ code: code as number | null, output }))
  return {
    exited,
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill("SIGTERM")
      await exited
    },
  }
}

const answering = async (url: string, exited: Promise<unknown>): Promise<void> => {
  let gone = false
  void exited.then(() => (gone = true))
  const deadline = Date.now() + 30_000
  for (;;) {
    if (gone) throw new Error("the recipe exited before answering")
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) })
      return
    } catch {
      if (Date.now() > deadline) throw new Error(`nothing answered at ${url}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }
}

const recipeCommands: Record<"deno" | "bun", (bundled: string) => [string, Array<string>]> = {
  deno: (bundled) => [denoBinary(), ["run", "--allow-net", "--allow-env", "--no-prompt", bundled]],
  bun: (bundled) => [join(dirname(require.resolve("bun/package.json")), "bin", "bun.exe"), ["run", bundled]],
}

describe("the README's recipes, as written", () => {
  const origin = "https://docs.example.com"
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gateway-recipes-"))
    writeFileSync(join(dir, "package.json"), "{\"type\":\"module\"}")
  })

  for (const runtime of ["deno", "bun"] as const) {
    it(`${runtime}: serves a registry operation from Prism on 127.0.0.1, and refuses a loopback upstream without the opt-in`, async () => {
      const bundled = await bundleRecipe(`${runtime}.ts`, dir)
      const [command, args] = recipeCommands[runtime](bundled)
      const port = await freePort()
      const env = {
        INTERCOM_ACCESS_TOKEN: TOKEN,
        GATEWAY_UPSTREAM: prismUrl(),
        GATEWAY_ALLOW_ORIGINS: origin,
        PORT: String(port),
      }
      const run = startRecipe(command, args, { ...env, GATEWAY_ALLOW_LOOPBACK_UPSTREAM: "1" })
      try {
        await answering(`http://127.0.0.1:${port}/healthz`, run.exited)
        const response = await fetch(`http://127.0.0.1:${port}/me`, { headers: { origin } })
        expect(response.status).toBe(200)
        expect(response.headers.get("access-control-allow-origin")).toBe(origin)
        expect(((await response.json()) as { type: string }).type).toBe("admin")
      } finally {
        await run.stop()
      }
      const refused = startRecipe(command, args, env)
      const { code, output } = await refused.exited
      expect(code).not.toBe(0)
      expect(output).toContain("allow-loopback-upstream")
    })
  }

  it("workerd: the Worker and its wrangler.toml (main, compatibility_date, vars) serve a registry operation from Prism", async () => {
    const toml = readFileSync(join(recipesDir, "wrangler.toml"), "utf8")
    const main = /^main\s*=\s*"([^"]+)"/m.exec(toml)![1]!
    const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1]!
    const vars = Object.fromEntries(
      [...(toml.split("[vars]")[1] ?? "").matchAll(/^(\w+)\s*=\s*"([^"]*)"/gm)].map((m) => [m[1]!, m[2]!]),
    )
    expect(vars).toEqual({ GATEWAY_ALLOW_ORIGINS: origin })
    const port = await freePort()
    const mf = new Miniflare({
      modules: true,
      script: readFileSync(await bundleRecipe(main, dir), "utf8"),
      compatibilityDate,
      bindings: {
        ...vars,
        INTERCOM_ACCESS_TOKEN: TOKEN,
        GATEWAY_UPSTREAM: prismUrl(),
        GATEWAY_ALLOW_LOOPBACK_UPSTREAM: "1",
      },
      host: "127.0.0.1",
      port,
    })
    try {
      await mf.ready
      const response = await fetch(`http://127.0.0.1:${port}/me`, { headers: { origin } })
      expect(response.status).toBe(200)
      expect(response.headers.get("access-control-allow-origin")).toBe(origin)
      expect(((await response.json()) as { type: string }).type).toBe("admin")
    } finally {
      await mf.dispose()
    }
  })
})
