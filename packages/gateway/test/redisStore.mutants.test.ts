// The Redis store's rate-limit window is fixed: it starts with the first hit and later hits do not push it back
// (a sliding window would let a steady client through forever). Needs redis-server, as redis.test.ts does.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeRedisStore } from "../src/node/RedisStore.ts"
import type { GatewayStore } from "../src/Store.ts"
import { startRedis } from "./fixtures.ts"

describe("RedisStore.hit", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>
  let store: GatewayStore
  beforeAll(async () => {
    redis = await startRedis()
    store = await makeRedisStore({ url: redis.url, prefix: `mutants-${process.pid}:` })
  })
  afterAll(async () => {
    await store?.close()
    await redis?.stop()
  })

  it("counts hits in a window that later hits do not extend", async () => {
    const first = await store.hit("fixed", 5000)
    expect(first.count).toBe(1)
    expect(first.resetInMs).toBeGreaterThan(4000)
    expect(first.resetInMs).toBeLessThanOrEqual(5000)
    // Sleeping is a lower bound even on a loaded machine: at least 600 ms of the window are gone.
    await new Promise((r) => setTimeout(r, 600))
    const second = await store.hit("fixed", 5000)
    expect(second.count).toBe(2)
    expect(second.resetInMs).toBeLessThanOrEqual(first.resetInMs - 550)
  })

  it("starts a new window, counting from one, once the old one ends", async () => {
    await store.hit("short", 300)
    expect((await store.hit("short", 300)).count).toBe(2)
    await new Promise((r) => setTimeout(r, 450))
    const fresh = await store.hit("short", 300)
    expect(fresh.count).toBe(1)
    expect(fresh.resetInMs).toBeGreaterThan(0)
  })

  it("keeps keys apart, and sessions until deleted", async () => {
    await store.hit("a", 5000)
    expect((await store.hit("b", 5000)).count).toBe(1)
    await store.putSession("id-1", "record", 5000)
    expect(await store.getSession("id-1")).toBe("record")
    expect(await store.deleteSession("id-1")).toBe(true)
    expect(await store.deleteSession("id-1")).toBe(false)
    expect(await store.getSession("id-1")).toBeUndefined()
    expect(await store.ping()).toBe(true)
  })
})
