// requireOrigin next to its module and through the gateway and the bin's flag: with it, a request without an
// Origin is refused before it can reach the upstream; without it, the same request is forwarded.
import { operationList } from "@utdk/intercom-core/generated/registry"
import { describe, expect, it } from "vitest"
import { decideOrigin, type CorsPolicy } from "../src/Cors.ts"
import { makeGateway, type GatewayOptions } from "../src/Gateway.ts"
import { parseGatewayConfig } from "../src/node/config.ts"
import { runGateway } from "../src/node/run.ts"
import type { UpstreamRequest } from "../src/Upstream.ts"

const TOKEN = "dG9rOnJlcXVpcmUtb3JpZ2lu"
const ORIGIN = "https://docs.example.com"
const policy = (requireOrigin: boolean): CorsPolicy => ({ allowedOrigins: [ORIGIN], requireOrigin, maxAgeSeconds: 600 })

const recordingGateway = (cors: GatewayOptions["cors"]) => {
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
  const get = (headers: Record<string, string> = {}) => gateway.handle({ method: "GET", target: "/me", headers: new Headers(headers), body: null, clientAddress: "10.0.0.1" })
  return { seen, get }
}

describe("decideOrigin", () => {
  it("refuses a request without an Origin only when one is required", () => {
    expect(decideOrigin(policy(true), new Headers())).toEqual({ _tag: "Denied" })
    expect(decideOrigin(policy(false), new Headers())).toEqual({ _tag: "NoOrigin" })
  })

  it("allows listed origins and denies others either way", () => {
    for (const required of [true, false]) {
      expect(decideOrigin(policy(required), new Headers({ origin: ORIGIN }))).toEqual({ _tag: "Allowed", origin: ORIGIN })
      expect(decideOrigin(policy(required), new Headers({ origin: "https://evil.example" }))).toEqual({ _tag: "Denied" })
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
  const base = ["--port", "0", "--allow-origin", ORIGIN, "--upstream", "http://127.0.0.1:9", "--allow-loopback-upstream", "--rate-limit", "0"]

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
