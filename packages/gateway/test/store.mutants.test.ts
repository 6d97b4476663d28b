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

// deleteSession says whether the entry was still there: it shows when a sweep dropped an expired session.
describe("makeMemoryStore's sweep", () => {
  it("sweeps expired sessions on the first write at or after each interval, not before", async () => {
    let t = 0
    const store = makeMemoryStore({ now: () => t, sweepEveryMs: 1000 })
    for (const id of ["a1", "a2"]) await store.putSession(id, "r", 500)
    await store.putSession("b", "r", 1000)
    await store.putSession("c", "r", 5000)
    t = 999
    await store.hit("x", 10_000)
    expect(await store.deleteSession("a1")).toBe(true) // expired, but not swept yet
    t = 1000
    await store.hit("y", 10_000) // the interval is up: this write sweeps
    expect(await store.deleteSession("a2")).toBe(false)
    expect(await store.deleteSession("b")).toBe(false) // expiring at this very time counts as expired
    expect(await store.deleteSession("c")).toBe(true)
    await store.putSession("e", "r", 1)
    await store.putSession("g", "r", 100)
    t = 1500
    await store.hit("z", 10_000) // the next sweep is at 2000
    expect(await store.deleteSession("e")).toBe(true)
    t = 2000
    await store.putSession("f", "r", 1000) // a session write sweeps too
    expect(await store.deleteSession("g")).toBe(false)
    expect(await store.deleteSession("f")).toBe(true)
  })

  it("sweeps every 10 s unless told otherwise", async () => {
    let t = 0
    const store = makeMemoryStore({ now: () => t })
    await store.putSession("a", "r", 1)
    await store.putSession("b", "r", 1)
    t = 9_999
    await store.hit("x", 1000)
    expect(await store.deleteSession("a")).toBe(true)
    t = 10_000
    await store.hit("y", 1000)
    expect(await store.deleteSession("b")).toBe(false)
  })
})
