// requireOrigin next to its module and through the gateway and the bin's flag: with it, a request without an
// Origin is refused before it can reach the upstream; without it, the same request is forwarded.
import { operationList } from "@utdk/intercom-core/registry"
import { describe, expect, it } from "vitest"
import {
  applyCorsHeaders,
  CorsConfigError,
  decideOrigin,
  decidePreflight,
  normalizeOrigins,
  type CorsPolicy,
} from "../src/Cors.ts"
import { makeGateway } from "../src/Gateway.ts"
import { parseGatewayConfig } from "../src/node/config.ts"
import { runGateway } from "../src/node/run.ts"
import type { UpstreamRequest } from "../src/Upstream.ts"

const TOKEN = "dG9rOnJlcXVpcmUtb3JpZ2lu"
const ORIGIN = "https://docs.example.com"
const policy = (requireOrigin: boolean): CorsPolicy => ({ allowedOrigins: [ORIGIN], requireOrigin, maxAgeSeconds: 600 })

const recordingGateway = (cors: Partial<CorsPolicy>) => {
  const seen: Array<UpstreamRequest> = []
  const gateway = makeGateway({
    operations: operationList,
    upstream: "http://upstream.test",
    credentials: { mode: "server", token: TOKEN },
    cors,
    transport: async (request) => {
      seen.push(request)
      const body = new TextEncoder().encode(`{"type":"admin"}`)
      return {
        status: 200,
        headers: new Headers({ "content-type": "application/json" }),
        bytes: async () => body,
        stream: () => new ReadableStream(),
        discard: async () => {},
        decoded: true,
      }
    },
  })
  const get = (headers: Record<string, string> = {}) =>
    gateway.handle({
      method: "GET",
      target: "/me",
      headers: new Headers(headers),
      body: null,
      clientAddress: "10.0.0.1",
    })
  return { seen, get }
}

describe("decideOrigin", () => {
  it("refuses a request without an Origin only when one is required", () => {
    expect(decideOrigin(policy(true), new Headers())).toEqual({ _tag: "Denied" })
    expect(decideOrigin(policy(false), new Headers())).toEqual({ _tag: "NoOrigin" })
  })

  it("allows listed origins and denies others either way", () => {
    for (const required of [true, false]) {
      expect(decideOrigin(policy(required), new Headers({ origin: ORIGIN }))).toEqual({
        _tag: "Allowed",
        origin: ORIGIN,
      })
      expect(decideOrigin(policy(required), new Headers({ origin: "https://evil.example" }))).toEqual({
        _tag: "Denied",
      })
    }
  })
})

describe("the gateway's requireOrigin", () => {
  it("answers 403 origin_not_allowed to a request without an Origin, forwarding nothing", async () => {
    const { seen, get } = recordingGateway({ allowedOrigins: [ORIGIN], requireOrigin: true })
    const refused = await get()
    expect(refused.status).toBe(403)
    expect(refused.headers["x-gateway-error"]).toBe("origin_not_allowed")
    expect(seen).toHaveLength(0)
    // The same gateway still serves its allowed origin.
    const allowed = await get({ origin: ORIGIN })
    expect(allowed.status).toBe(200)
    expect(allowed.headers["access-control-allow-origin"]).toBe(ORIGIN)
    expect(seen).toHaveLength(1)
  })

  it("is off by default: server-side callers without an Origin are served", async () => {
    const { seen, get } = recordingGateway({ allowedOrigins: [ORIGIN] })
    expect((await get()).status).toBe(200)
    expect(seen).toHaveLength(1)
  })
})

describe("--require-origin", () => {
  const env = { INTERCOM_ACCESS_TOKEN: TOKEN }
  const base = [
    "--port",
    "0",
    "--allow-origin",
    ORIGIN,
    "--upstream",
    "http://127.0.0.1:9",
    "--allow-loopback-upstream",
    "--rate-limit",
    "0",
  ]

  it("is parsed from the flag and the environment, off otherwise", () => {
    const parsed = (argv: ReadonlyArray<string>, extra: Record<string, string> = {}) => {
      const config = parseGatewayConfig([...base, ...argv], { ...env, ...extra })
      if (config === "help") throw new Error("help")
      return config.requireOrigin
    }
    expect(parsed(["--require-origin"])).toBe(true)
    expect(parsed([], { GATEWAY_REQUIRE_ORIGIN: "1" })).toBe(true)
    expect(parsed([])).toBe(false)
  })

  it("makes the running bin refuse requests without an Origin", async () => {
    for (const [argv, expected] of [[["--require-origin"], 403], [[], 502]] as const) {
      const config = parseGatewayConfig([...base, ...argv], env)
      if (config === "help") throw new Error("help")
      const running = await runGateway(config, { sink: () => {} })
      try {
        // The upstream (port 9) is unreachable: 502 shows the request got past the origin check.
        const response = await fetch(`${running.url}/me`)
        expect(response.status, argv.join(" ")).toBe(expected)
        await response.body?.cancel()
      } finally {
        await running.close()
      }
    }
  })
})

describe("normalizeOrigins", () => {
  it("keeps exact http(s) origins, without a trailing slash", () => {
    expect(normalizeOrigins(["https://a.example/", "http://localhost:4321"])).toEqual([
      "https://a.example",
      "http://localhost:4321",
    ])
  })

  it("refuses wildcards, null, non-URLs, other schemes and paths, saying which and why", () => {
    const refusal = (origin: string) => {
      try {
        normalizeOrigins([origin])
      } catch (error) {
        expect(error).toBeInstanceOf(CorsConfigError)
        expect((error as Error).name).toBe("CorsConfigError")
        return (error as Error).message
      }
      throw new Error(`accepted ${origin}`)
    }
    expect(refusal("*")).toBe("allowed origin * is not allowed: list exact origins")
    expect(refusal("null")).toBe("allowed origin null is not allowed: list exact origins")
    expect(refusal("docs.example.com")).toBe("allowed origin is not a URL: docs.example.com")
    expect(refusal("ftp://a.example")).toBe("allowed origin must be http(s): ftp://a.example")
    expect(refusal("https://a.example/path")).toBe("allowed origin must be a bare origin: https://a.example/path")
  })
})

describe("applyCorsHeaders and decidePreflight", () => {
  it("names the origin, varies on it and exposes the SDK's headers", () => {
    const headers = applyCorsHeaders({}, ORIGIN)
    expect(headers["access-control-allow-origin"]).toBe(ORIGIN)
    expect(headers["vary"]).toBe("Origin")
    expect(headers["access-control-expose-headers"]).toContain("x-request-id")
  })

  const preflight = (method: string | null, requested?: string) => {
    const headers = new Headers()
    if (method !== null) headers.set("access-control-request-method", method)
    if (requested !== undefined) headers.set("access-control-request-headers", requested)
    return decidePreflight(policy(false), ORIGIN, headers, ["GET", "PUT"])
  }

  it("allows a method the path takes with allow-listed headers, in any case and spacing", () => {
    expect(preflight("PUT", " Content-Type ,X-Gateway-Session,, traceparent")).toEqual({
      _tag: "Allowed",
      headers: {
        "access-control-allow-origin": ORIGIN,
        "access-control-allow-methods": "PUT",
        "access-control-allow-headers": expect.stringContaining("x-gateway-session"),
        "access-control-max-age": "600",
        vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      },
    })
    expect(preflight("GET")._tag).toBe("Allowed")
  })

  it("denies a missing or foreign method, and any header off the list", () => {
    expect(preflight(null)).toEqual({ _tag: "Denied", reason: "method" })
    expect(preflight("DELETE")).toEqual({ _tag: "Denied", reason: "method" })
    expect(preflight("PUT", "content-type, cookie")).toEqual({ _tag: "Denied", reason: "headers" })
    expect(preflight("PUT", "authorization")).toEqual({ _tag: "Denied", reason: "headers" })
  })
})
