// The in-memory store on a controlled clock: a fixed window from the first hit, sessions gone at their expiry.
import { describe, expect, it } from "vitest"
import { makeMemoryStore, StoreUnavailableError } from "../src/Store.ts"

const clock = (start = 1_000_000) => {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

describe("StoreUnavailableError", () => {
  it("is named for logs", () => {
    expect(new StoreUnavailableError("down").name).toBe("StoreUnavailableError")
  })
})

describe("makeMemoryStore", () => {
  it("counts hits in a fixed window from the first hit, and resets at its end", async () => {
    const c = clock()
    const store = makeMemoryStore({ now: c.now })
    expect(await store.hit("k", 1000)).toEqual({ count: 1, resetInMs: 1000 })
    c.advance(400)
    expect(await store.hit("k", 1000)).toEqual({ count: 2, resetInMs: 600 })
    c.advance(599)
    expect(await store.hit("k", 1000)).toEqual({ count: 3, resetInMs: 1 })
    c.advance(1)
    expect(await store.hit("k", 1000)).toEqual({ count: 1, resetInMs: 1000 })
    expect(await store.hit("other", 1000)).toEqual({ count: 1, resetInMs: 1000 })
  })

  it("keeps a session until its expiry, then forgets it", async () => {
    const c = clock()
    const store = makeMemoryStore({ now: c.now })
    await store.putSession("id", "sealed", 500)
    c.advance(499)
    expect(await store.getSession("id")).toBe("sealed")
    c.advance(1)
    expect(await store.getSession("id")).toBeUndefined()
    expect(await store.deleteSession("id")).toBe(false)
  })

  it("deletes a live session once", async () => {
    const store = makeMemoryStore()
    expect(await store.getSession("none")).toBeUndefined()
    await store.putSession("id", "sealed", 60_000)
    expect(await store.deleteSession("id")).toBe(true)
    expect(await store.deleteSession("id")).toBe(false)
    expect(await store.getSession("id")).toBeUndefined()
  })

  it("sweeps expired entries without losing live ones, and closes empty", async () => {
    const c = clock()
    const store = makeMemoryStore({ now: c.now, sweepEveryMs: 100 })
    await store.hit("old", 50)
    await store.hit("live", 10_000)
    await store.putSession("old", "x", 50)
    await store.putSession("live", "y", 10_000)
    c.advance(200)
    await store.hit("new", 1000) // a write after the sweep interval sweeps
    expect(await store.getSession("live")).toBe("y")
    expect(await store.getSession("old")).toBeUndefined()
    // A live counter survives the sweep: its window goes on.
    expect(await store.hit("live", 10_000)).toEqual({ count: 2, resetInMs: 9800 })
    expect((await store.hit("old", 50)).count).toBe(1)
    expect(await store.ping()).toBe(true)
    await store.close()
    expect(await store.getSession("live")).toBeUndefined()
    expect((await store.hit("new", 1000)).count).toBe(1)
  })
})
