// The Redis store's rate-limit window is fixed: it starts with the first hit and later hits do not push it back
// (a sliding window would let a steady client through forever). Keys, expiry, and what it does when Redis is missing,
// stalled (SIGSTOP) or lost and back. Needs redis-server, as redis.test.ts does.
import { createServer, type AddressInfo, type Socket } from "node:net"
import { freePort } from "@utdk/intercom-testing/prism"
import { createClient } from "redis"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { makeRedisStore, RedisUnreachableError } from "../src/node/RedisStore.ts"
import { StoreUnavailableError, type GatewayStore } from "../src/Store.ts"
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

describe("RedisStore keys and expiry", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>
  let raw: ReturnType<typeof createClient>
  beforeAll(async () => {
    redis = await startRedis()
    raw = createClient({ url: redis.url })
    await raw.connect()
  })
  afterAll(async () => {
    await raw?.close()
    await redis?.stop()
  })

  it("keeps counters and sessions under the default prefix, sessions with their time to live", async () => {
    const store = await makeRedisStore({ url: redis.url })
    try {
      expect((await store.hit("k1", 5000)).count).toBe(1)
      expect(await raw.exists("intercom-gateway:rl:k1")).toBe(1)
      await store.putSession("s1", "sealed-record", 5000)
      expect(await raw.get("intercom-gateway:session:s1")).toBe("sealed-record")
      const ttl = await raw.pTTL("intercom-gateway:session:s1")
      expect(ttl).toBeGreaterThan(3000)
      expect(ttl).toBeLessThanOrEqual(5000)
    } finally {
      await store.close()
    }
  })

  it("holds one connection, and lets it go on close", async () => {
    const connections = async () => String(await raw.sendCommand(["CLIENT", "LIST"])).trim().split("\n").length
    const before = await connections()
    const store = await makeRedisStore({ url: redis.url })
    expect(await connections()).toBe(before + 1)
    await store.close()
    await vi.waitFor(async () => expect(await connections()).toBe(before), { timeout: 5000 })
  })

  it("keeps a given prefix apart from another's, and forgets a session once its time is up", async () => {
    const one = await makeRedisStore({ url: redis.url, prefix: "one:" })
    const two = await makeRedisStore({ url: redis.url, prefix: "two:" })
    try {
      await one.hit("same", 5000)
      expect((await two.hit("same", 5000)).count).toBe(1)
      expect(await raw.exists("one:rl:same")).toBe(1)
      await one.putSession("s", "r", 200)
      expect(await two.getSession("s")).toBeUndefined()
      expect(await one.getSession("s")).toBe("r")
      await new Promise((r) => setTimeout(r, 400))
      expect(await one.getSession("s")).toBeUndefined()
    } finally {
      await one.close()
      await two.close()
      // Closing twice is harmless.
      await one.close()
    }
  })
})

describe("RedisStore when Redis is missing, stalled or lost", () => {
  it("refuses to start against a closed port at once, naming host and port and never the password", async () => {
    const port = await freePort()
    const onError = vi.fn()
    const started = Date.now()
    const error = await makeRedisStore({
      url: `redis://user:hunter2-secret@127.0.0.1:${port}`,
      connectTimeoutMs: 20_000,
      onError,
    }).catch((e: unknown) => e)
    // No retry loop at start-up: the refusal comes at once, long before the connect deadline.
    expect(Date.now() - started).toBeLessThan(5000)
    expect(error).toBeInstanceOf(RedisUnreachableError)
    expect((error as Error).name).toBe("RedisUnreachableError")
    expect((error as Error).message).toMatch(new RegExp(`^Redis at 127\\.0\\.0\\.1:${port} is unreachable \\(.+\\)$`))
    expect(JSON.stringify(error) + String(error)).not.toContain("hunter2")
    expect(onError).not.toHaveBeenCalled()
  })

  it("names the default port when the URL has none", async () => {
    // Nothing listens on 6379 here (the tests' servers take free ports).
    const error = await makeRedisStore({ url: "redis://127.0.0.1", connectTimeoutMs: 2000 }).catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/^Redis at 127\.0\.0\.1:6379 is unreachable/)
  })

  it("bounds the handshake: a server that accepts and never answers fails the start, and its connection is closed", async () => {
    const sockets: Array<Socket> = []
    const closed = new Set<Socket>()
    const silent = createServer((socket) => {
      sockets.push(socket)
      socket.on("close", () => closed.add(socket)).resume()
    })
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r))
    try {
      const port = (silent.address() as AddressInfo).port
      const error = await makeRedisStore({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 300 }).catch((
        e: unknown,
      ) => e)
      expect(error).toBeInstanceOf(RedisUnreachableError)
      expect((error as Error).message).toContain("connecting took longer than 300 ms")
      expect(sockets.length).toBeGreaterThan(0)
      await vi.waitFor(() => expect(closed.size).toBe(sockets.length), { timeout: 5000 })
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise((r) => silent.close(r))
    }
  })

  it("fails each command of a stalled Redis at its deadline (1000 ms unless given), and closes anyway", async () => {
    const redis = await startRedis()
    const quick = await makeRedisStore({ url: redis.url, commandTimeoutMs: 300 })
    const usual = await makeRedisStore({ url: redis.url })
    try {
      redis.pause()
      const failure = await quick.hit("k", 5000).catch((e: unknown) => e)
      expect(failure).toBeInstanceOf(StoreUnavailableError)
      expect((failure as Error).message).toBe("redis: a Redis command took longer than 300 ms")
      await expect(quick.getSession("s")).rejects.toBeInstanceOf(StoreUnavailableError)
      await expect(quick.putSession("s", "r", 1000)).rejects.toBeInstanceOf(StoreUnavailableError)
      await expect(quick.deleteSession("s")).rejects.toBeInstanceOf(StoreUnavailableError)
      expect(await quick.ping()).toBe(false)
      await expect(usual.hit("k", 5000)).rejects.toThrow("redis: a Redis command took longer than 1000 ms")
      const closing = Date.now()
      await quick.close()
      expect(Date.now() - closing).toBeLessThan(5000)
    } finally {
      redis.resume()
      await usual.close()
      await redis.stop()
    }
  })

  it("fails fast while the connection is lost, reports it, and reconnects when Redis is back", async () => {
    const redis = await startRedis()
    const onError = vi.fn()
    const store = await makeRedisStore({ url: redis.url, commandTimeoutMs: 10_000, onError })
    let again: Awaited<ReturnType<typeof startRedis>> | undefined
    try {
      expect(await store.ping()).toBe(true)
      await redis.stop()
      await vi.waitFor(() => expect(onError).toHaveBeenCalled(), { timeout: 5000 })
      // No offline queue: a command fails at once instead of waiting out its 10 s deadline.
      const started = Date.now()
      await expect(store.hit("k", 5000)).rejects.toBeInstanceOf(StoreUnavailableError)
      expect(Date.now() - started).toBeLessThan(5000)
      again = await startRedis(redis.port)
      await vi.waitFor(async () => expect(await store.ping()).toBe(true), { timeout: 15_000, interval: 200 })
      expect((await store.hit("k", 5000)).count).toBe(1)
    } finally {
      await store.close()
      await again?.stop()
    }
  })
})
