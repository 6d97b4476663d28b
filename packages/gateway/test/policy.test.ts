// The gateway's pure policy against the real registry: routing of all 231 operations, property tests on hostile
// targets, session crypto, redaction, upstream and CORS configuration, and the web-standard handler.
import { operationList } from "@utdk/intercom-core/registry"
import { routes } from "@utdk/intercom-core/Versions"
import { normalizeOrigins } from "../src/Cors.ts"
import { makeGatewayHandler } from "../src/index.ts"
import { makeLogger, redact } from "../src/Log.ts"
import { makeRouter, parseRequestTarget } from "../src/Router.ts"
import { isSessionKey, makeSessionCrypto } from "../src/Session.ts"
import { makeMemoryStore } from "../src/Store.ts"
import { resolveUpstream } from "../src/Upstream.ts"
import { prismUrl } from "@utdk/intercom-testing/inject"
import { build } from "esbuild"
import fc from "fast-check"
import { fileURLToPath } from "node:url"
import { describe, expect, it, vi } from "vitest"
import { parseGatewayConfig } from "../src/node/config.ts"
import { startGatewayServer } from "../src/node/server.ts"

const router = makeRouter(operationList)
const sample = (path: string) => path.replace(/\{[^}]+\}/g, (m) => `v${m.length}x9`)

describe("router over the generated registry", () => {
  it("compiles every operation", () => {
    expect(operationList.length).toBe(231)
    expect(router.size).toBe(231)
  })

  it("routes every operation's own path and method to that operation", () => {
    for (const op of operationList) {
      const match = router.match(op.method, sample(op.path))
      expect(match._tag, `${op.method} ${op.path}`).toBe("Matched")
      if (match._tag === "Matched") {
        expect(match.operation.name).toBe(op.name)
        expect(match.upstreamPath).toBe(sample(op.path))
      }
    }
  })

  it("answers 405 data for a known path with a foreign method", () => {
    expect(router.match("POST", "/me")).toEqual({ _tag: "MethodNotAllowed", allow: ["GET"] })
    expect(router.match("PATCH", "/conversations/1")).toEqual({
      _tag: "MethodNotAllowed",
      allow: ["DELETE", "GET", "PUT"],
    })
  })

  it("prefers literal segments, without falling back to the parameter beside them (issue 23)", () => {
    const search = router.match("POST", "/contacts/search")
    expect(search._tag === "Matched" && search.operation.path).toBe("/contacts/search")
    expect(router.match("GET", "/contacts/search")).toEqual({ _tag: "MethodNotAllowed", allow: ["POST"] })
  })

  // Any target at all: a match only ever yields a registry template filled with single, re-encoded segments.
  const templates = operationList.map((op) => ({
    op,
    pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[A-Za-z0-9\\-_.!~*'()%]+")}$`),
  }))
  const targetChars = fc.constantFrom(
    ..."/.%2e5cfF0aAz?#@:\\\r\n\u0000 +%/".split(""),
    "%2f",
    "%2e",
    "%25",
    "%5c",
    "..",
    "//",
    "me",
    "contacts",
    "search",
    "conversations",
    "123",
  )
  const hostileTarget = fc.array(targetChars, { maxLength: 24 }).map((parts) => parts.join(""))

  it("never yields an upstream path outside the templates (property)", () => {
    fc.assert(
      fc.property(hostileTarget, fc.constantFrom("GET", "POST", "PUT", "DELETE"), (target, method) => {
        const match = router.match(method, target)
        if (match._tag !== "Matched") return
        const template = templates.find((t) => t.op === match.operation)!
        expect(match.upstreamPath).toMatch(template.pattern)
        expect(match.upstreamPath.split("/").slice(1)).not.toContain("..")
        expect(match.upstreamPath).not.toMatch(/%2f|%5c|%25|\/\//i)
      }),
      { numRuns: 5000 },
    )
  })

  it("round-trips any single-segment parameter value (property)", () => {
    const value = fc.string({ minLength: 1, maxLength: 30, unit: "grapheme" }).filter((v) =>
      !/[/\\%\u0000-\u001f\u007f]/.test(v) && v !== "." && v !== ".."
    )
    fc.assert(
      fc.property(value, (v) => {
        const match = router.match("GET", `/contacts/find_by_external_id/${encodeURIComponent(v)}`)
        expect(match._tag).toBe("Matched")
        if (match._tag === "Matched") expect(decodeURIComponent(match.upstreamPath.split("/")[3]!)).toBe(v)
      }),
      { numRuns: 1000 },
    )
  })

  it("refuses non-origin-form targets before routing", () => {
    for (
      const target of [
        "http://evil.test/me",
        "//evil.test/me",
        "*",
        "",
        "me",
        "/me/../admins",
        "/a//b",
        `/${"a".repeat(5000)}`,
      ]
    ) {
      expect(parseRequestTarget(target)._tag, target).toBe("Bad")
    }
  })
})

describe("session crypto", () => {
  const secret = "0123456789abcdef0123456789abcdef-gateway"
  it("seals a token that only the same key, secret and origin open, until it expires", async () => {
    const crypto = await makeSessionCrypto(secret)
    const key = crypto.newKey()
    expect(isSessionKey(key)).toBe(true)
    const id = await crypto.idOf(key)
    expect(id).not.toContain(key.slice(4))
    const origin = "https://docs.example.com"
    const record = await crypto.seal(key, "tok_secret_value_1234", 2_000, origin)
    expect(record).not.toContain("tok_secret_value_1234")
    expect(await crypto.open(key, record, 1_000, origin)).toBe("tok_secret_value_1234")
    expect(await crypto.open(key, record, 1_000, "https://other.example.com")).toBeUndefined()
    expect(await crypto.open(key, record, 1_000, "")).toBeUndefined()
    expect(await crypto.open(key, record, 2_000, origin)).toBeUndefined()
    expect(await crypto.open(crypto.newKey(), record, 1_000, origin)).toBeUndefined()
    const other = await makeSessionCrypto(`${secret}-other`)
    expect(await other.open(key, record, 1_000, origin)).toBeUndefined()
    const tampered = JSON.stringify({ ...(JSON.parse(record) as object), exp: 9_999_999 })
    expect(await crypto.open(key, tampered, 1_000, origin)).toBeUndefined()
  })

  it("refuses short secrets", async () => {
    await expect(makeSessionCrypto("short")).rejects.toThrow(/32 bytes/)
  })
})

describe("configuration", () => {
  it("resolves regions and refuses arbitrary or loopback upstreams without the flag", () => {
    expect(resolveUpstream({ region: "eu" })).toBe("https://api.eu.intercom.io")
    expect(resolveUpstream({ upstream: "https://api.au.intercom.io/" })).toBe("https://api.au.intercom.io")
    expect(() => resolveUpstream({ upstream: "https://evil.test" })).toThrow()
    expect(() => resolveUpstream({ upstream: "http://api.intercom.io" })).toThrow()
    expect(() => resolveUpstream({ upstream: "http://127.0.0.1:4010" })).toThrow(/allow-loopback-upstream/)
    expect(resolveUpstream({ upstream: "http://127.0.0.1:4010", allowLoopback: true })).toBe("http://127.0.0.1:4010")
    expect(() => resolveUpstream({ upstream: "http://10.0.0.1:4010", allowLoopback: true })).toThrow()
    expect(() => resolveUpstream({ upstream: "http://127.0.0.1:4010/api", allowLoopback: true })).toThrow(/origin/)
  })

  it("refuses wildcard and malformed CORS origins", () => {
    expect(normalizeOrigins(["https://docs.example.com"])).toEqual(["https://docs.example.com"])
    for (const bad of ["*", "null", "https://docs.example.com/path", "ftp://x.test", "docs.example.com"]) {
      expect(() => normalizeOrigins([bad]), bad).toThrow()
    }
  })

  it("reads flags before environment, secrets only from environment or files", () => {
    const config = parseGatewayConfig(
      [
        "--port",
        "9000",
        "--allow-origin",
        "https://a.test",
        "--allow-origin",
        "https://b.test",
        "--region",
        "eu",
        "--rate-limit",
        "0",
      ],
      { INTERCOM_ACCESS_TOKEN: "env-token-123", GATEWAY_PORT: "1234", GATEWAY_ALLOW_ORIGINS: "https://c.test" },
    )
    expect(config).toMatchObject({
      port: 9000,
      upstream: "https://api.eu.intercom.io",
      allowedOrigins: ["https://a.test", "https://b.test"],
      credentials: { mode: "server", token: "env-token-123" },
      rateLimit: false,
    })
    const fromFile = parseGatewayConfig(
      ["--token-file", "/run/secrets/t"],
      {},
      (path) => (path === "/run/secrets/t" ? "file-token-456\n" : ""),
    )
    expect(fromFile !== "help" && fromFile.credentials).toEqual({ mode: "server", token: "file-token-456" })
    expect(() => parseGatewayConfig(["--token", "x"], { INTERCOM_ACCESS_TOKEN: "t" })).toThrow(/token/)
    expect(() => parseGatewayConfig([], {})).toThrow(/INTERCOM_ACCESS_TOKEN/)
    expect(() => parseGatewayConfig(["--credentials", "session"], {})).toThrow(/GATEWAY_SESSION_SECRET/)
    expect(() => parseGatewayConfig(["--upstream", "http://127.0.0.1:1"], { INTERCOM_ACCESS_TOKEN: "t" })).toThrow(
      /loopback/,
    )
    expect(parseGatewayConfig(["--help"], {})).toBe("help")
  })
})

describe("logs", () => {
  it("redacts known secrets, session keys and Authorization values wherever they appear", () => {
    const lines: Array<string> = []
    const logger = makeLogger({ sink: (l) => lines.push(l), secrets: ["server-token-abc"] })
    logger.log({
      level: "info",
      event: "x",
      note: "server-token-abc",
      key: `igs_${"k".repeat(43)}`,
      header: "Bearer visitor-token-xyz",
    })
    expect(lines[0]).not.toMatch(/server-token-abc|kkkk|visitor-token-xyz/)
    expect(redact("Authorization: Basic dXNlcjpwYXNz", [])).toBe("Authorization: [redacted]")
  })

  it("writes each line as JSON with the time first, as Date#toISOString gives it, across seconds", () => {
    const lines: Array<string> = []
    const logger = makeLogger({ sink: (l) => lines.push(l) })
    const times = [
      "2026-01-02T03:04:05.007Z",
      "2026-01-02T03:04:05.099Z",
      "2026-01-02T03:04:05.100Z",
      "2026-01-02T03:04:06.000Z",
      "2027-12-31T23:59:59.999Z",
    ]
    vi.useFakeTimers()
    try {
      for (const time of times) {
        vi.setSystemTime(new Date(time))
        logger.log({ level: "info", event: "tick", status: 200 })
      }
    } finally {
      vi.useRealTimers()
    }
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(
      times.map((time) => ({ time, level: "info", event: "tick", status: 200 })),
    )
    expect(lines[0]!.startsWith(`{"time":"${times[0]}",`)).toBe(true)
  })
})

describe("web-standard handler", () => {
  const token = "handler-test-token-1234"
  const handler = makeGatewayHandler({
    upstream: prismUrl(),
    allowLoopbackUpstream: true,
    credentials: { mode: "server", token },
    cors: { allowedOrigins: ["https://docs.example.com"] },
    store: makeMemoryStore(),
  })

  it("forwards a registry operation to Prism and returns its answer", async () => {
    const response = await handler(
      new Request("https://gateway.example/conversations/123", {
        method: "PUT",
        headers: {
          "content-type": "application/json",
          origin: "https://docs.example.com",
          authorization: "Bearer caller",
        },
        body: JSON.stringify({ read: true }),
      }),
      { clientAddress: "198.51.100.7" },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get("access-control-allow-origin")).toBe("https://docs.example.com")
    expect(response.headers.get("sl-violations")).toBeNull()
    const body = (await response.json()) as { type: string }
    expect(body.type).toBe("conversation")
  })

  it("describes itself at /_gateway/info: mode, allowed operations, API version, upstream kind", async () => {
    const standIn = await handler(
      new Request("https://gateway.example/_gateway/info", { headers: { origin: "https://docs.example.com" } }),
    )
    expect(standIn.status).toBe(200)
    expect(standIn.headers.get("access-control-allow-origin")).toBe("https://docs.example.com")
    // By default every operation of every version is allowed (each only in the versions that have it).
    expect(await standIn.json()).toEqual({
      gateway: "@utdk/intercom-gateway",
      credentials: "server",
      operations: routes.length,
      apiVersion: "2.16",
      upstream: "stand-in",
    })
    const narrowed = makeGatewayHandler({
      upstream: "https://api.eu.intercom.io",
      credentials: { mode: "session", secret: "a-gateway-secret-of-at-least-32-bytes-for-info" },
      operations: operationList.slice(0, 2),
    })
    expect(await (await narrowed(new Request("https://gateway.example/_gateway/info"))).json()).toEqual({
      gateway: "@utdk/intercom-gateway",
      credentials: "session",
      operations: 2,
      apiVersion: "2.16",
      upstream: "intercom",
    })
    const preflight = await handler(
      new Request("https://gateway.example/_gateway/info", {
        method: "OPTIONS",
        headers: { origin: "https://docs.example.com", "access-control-request-method": "GET" },
      }),
    )
    expect(preflight.status).toBe(204)
    expect((await handler(new Request("https://gateway.example/_gateway/info", { method: "POST" }))).status).toBe(405)
  })

  it("answers 404 and 405 itself", async () => {
    expect((await handler(new Request("https://gateway.example/not/an/operation"))).status).toBe(404)
    const r405 = await handler(new Request("https://gateway.example/me", { method: "DELETE" }))
    expect(r405.status).toBe(405)
    expect(((await r405.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe("method_not_allowed")
  })
})

describe("edge deployability", () => {
  // ...and without effect's HTTP client: the handler sends with the platform's `fetch`. (effect's Schema, which the
  // registry's models need, brings `http/Headers` and `http/UrlParams`: not the client.)
  it("the handler bundles for a browser-like runtime with no Node built-ins and no effect HTTP client", async () => {
    const result = await build({
      metafile: true,
      stdin: {
        contents:
          `import { makeGatewayHandler } from "../src/index.ts"; export default { fetch: makeGatewayHandler({ upstream: "https://api.intercom.io", credentials: { mode: "server", token: "t0000000" } }) }`,
        resolveDir: fileURLToPath(new URL(".", import.meta.url)),
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      minify: true,
      logLevel: "silent",
    })
    const code = result.outputFiles[0]!.text
    expect(code).not.toMatch(/from\s*"node:|require\("node:/)
    expect(code.length).toBeGreaterThan(0)
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.some((path) => path.endsWith("src/Gateway.ts"))).toBe(true)
    expect(inputs.filter((path) => /effect\/dist\/http\/(HttpClient|FetchHttpClient)/.test(path))).toEqual([])
  })
})

describe("client address behind proxies", () => {
  it("ignores X-Forwarded-For by default and uses the n-th entry from the right with trusted proxies", async () => {
    const gateway = (trustedProxies: number) =>
      startGatewayServer({
        gateway: {
          operations: operationList,
          upstream: prismUrl(),
          credentials: { mode: "server", token: "proxy-test-token" },
          rateLimit: { requests: 1, windowSeconds: 60 },
        },
        trustedProxies,
      })
    const direct = await gateway(0)
    const behindProxy = await gateway(1)
    try {
      const get = (url: string, xff: string) =>
        fetch(`${url}/me`, { headers: { "x-forwarded-for": xff } }).then((r) => r.status)
      // Default: every request is 127.0.0.1, whatever the header says.
      expect([await get(direct.url, "10.0.0.1"), await get(direct.url, "10.0.0.2")]).toEqual([200, 429])
      // One trusted proxy: the last entry is the client; what the client itself put before it does not count.
      expect(await get(behindProxy.url, "6.6.6.6, 10.0.0.1")).toBe(200)
      expect(await get(behindProxy.url, "7.7.7.7, 10.0.0.1")).toBe(429)
      expect(await get(behindProxy.url, "10.0.0.2")).toBe(200)
    } finally {
      await direct.close()
      await behindProxy.close()
    }
  })
})
