// Two gateway instances sharing a real redis-server: sessions and rate limits hold across both, the store never holds
// a usable secret, and a Redis outage answers 503 instead of letting requests through.
import { makeLogger } from "../src/Log.ts"
import { createClient } from "redis"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeRedisStore } from "../src/node/RedisStore.ts"
import { startGatewayServer, type RunningGatewayServer } from "../src/node/server.ts"
import { descriptor, logCapture, startRecordingUpstream, startRedis } from "./fixtures.ts"

const VISITOR_TOKEN = "dG9rOnZpc2l0b3ItdG9rZW4tc2hhcmVkLXZpYS1yZWRpcw=="
const SECRET = "shared-gateway-secret-for-both-instances-0123456789"
const operations = [descriptor("GET", "/me", "identifyAdmin")]

describe("two gateways sharing Redis", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>
  let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>
  const logs = logCapture()
  let a: RunningGatewayServer
  let b: RunningGatewayServer

  const start = async (prefix: string) => {
    const logger = makeLogger({ sink: logs.sink })
    return startGatewayServer({
      gateway: {
        operations,
        upstream: upstream.url,
        credentials: { mode: "session", secret: SECRET },
        store: await makeRedisStore({ url: redis.url, prefix, connectTimeoutMs: 1000 }),
        rateLimit: { requests: 5, windowSeconds: 60 },
        logger,
      },
      logger,
    })
  }

  beforeAll(async () => {
    redis = await startRedis()
    upstream = await startRecordingUpstream()
    a = await start("test:")
    b = await start("test:")
  })

  afterAll(async () => {
    await a?.close()
    await b?.close()
    await upstream?.close()
    await redis?.stop()
  })

  const get = (gateway: RunningGatewayServer, session?: string) =>
    fetch(`${gateway.url}/me`, { headers: session === undefined ? {} : { "x-gateway-session": session } })

  let session = ""

  it("a session created on one instance works on the other, and revocation applies to both", async () => {
    const created = await fetch(`${a.url}/_gateway/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: VISITOR_TOKEN }),
    })
    expect(created.status).toBe(201)
    session = ((await created.json()) as { session: string }).session
    const viaB = await get(b, session)
    expect(viaB.status).toBe(200)
    expect(upstream.requests.at(-1)?.headers["authorization"]).toBe(`Bearer ${VISITOR_TOKEN}`)

    const revoked = await fetch(`${b.url}/_gateway/sessions`, {
      method: "DELETE",
      headers: { "x-gateway-session": session },
    })
    expect(revoked.status).toBe(204)
    expect((await get(a, session)).status).toBe(401)
  })

  it("Redis holds neither the token nor the session key", async () => {
    const client = createClient({ url: redis.url })
    await client.connect()
    const created = await fetch(`${b.url}/_gateway/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: VISITOR_TOKEN }),
    })
    const key = ((await created.json()) as { session: string }).session
    const keys = await client.keys("*")
    expect(keys.some((k) => k.startsWith("test:session:"))).toBe(true)
    const dump = keys.join("\n") +
      (await Promise.all(keys.filter((k) => k.includes("session")).map((k) => client.get(k)))).join("\n")
    for (const secret of [VISITOR_TOKEN, key, key.slice(4)]) expect(dump).not.toContain(secret)
    await client.close()
  })

  it("the rate limit is held across both instances", async () => {
    // A fresh pair with its own key prefix: 5 requests per client per minute in total, whichever instance serves them.
    const pair = [await start("rate:"), await start("rate:")]
    try {
      const statuses: Array<number> = []
      for (let i = 0; i < 8; i++) {
        const session = i % 2 === 0 ? undefined : `igs_${"C".repeat(43)}`
        statuses.push((await get(pair[i % 2]!, session)).status)
      }
      // Alone, each instance would have allowed 4 of these; together they stop at 5.
      expect(statuses.filter((s) => s !== 429)).toHaveLength(5)
      expect(statuses.slice(5)).toEqual([429, 429, 429])
      const limited = await get(pair[1]!)
      expect(limited.status).toBe(429)
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0)
      expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60)
    } finally {
      for (const g of pair) await g.close()
    }
  })

  it("answers 503 while Redis is down, never forwarding unchecked", async () => {
    const before = upstream.requests.length
    await redis.stop()
    const down = await get(a, `igs_${"A".repeat(43)}`)
    expect(down.status).toBe(503)
    expect(down.headers.get("x-gateway-error")).toBe("store_unavailable")
    expect((await fetch(`${b.url}/healthz`)).status).toBe(503)
    expect(upstream.requests.length).toBe(before)
    expect(logs.lines.join("\n")).not.toContain(VISITOR_TOKEN)
  })
})
