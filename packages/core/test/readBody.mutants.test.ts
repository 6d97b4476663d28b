// The response size cap next to its module: the total is counted across chunks, a stated length is compared with
// the cap (at the cap passes), and only an identity-encoded stated length may be read without counting.
import { describe, expect, it } from "vitest"
import {
  checkDeclaredLength,
  chunksOf,
  exceedsDeclaredLength,
  fitsDeclaredLength,
  readCapped,
  ResponseTooLarge,
} from "../src/internal/readBody.ts"

async function* chunks(count: number, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < count; i++) yield new Uint8Array(size).fill(0x61)
}

describe("readCapped", () => {
  it("reads a body of exactly the cap, in small chunks, and refuses one chunk more", async () => {
    expect(await readCapped(chunks(10, 100), 1000, 200)).toBe("a".repeat(1000))
    const error = await readCapped(chunks(11, 100), 1000, 203).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseTooLarge)
    expect(error).toMatchObject({ limit: 1000, status: 203 })
    expect((error as Error).message).toContain("1000 bytes")
  })

  it("stops pulling chunks once past the cap", async () => {
    let pulled = 0
    async function* counting(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < 100; i++) {
        pulled++
        yield new Uint8Array(10)
      }
    }
    await expect(readCapped(counting(), 35, 200)).rejects.toBeInstanceOf(ResponseTooLarge)
    expect(pulled).toBe(4)
  })

  it("decodes a character split across chunks", async () => {
    async function* split(): AsyncIterable<Uint8Array> {
      yield Uint8Array.of(0x61, 0xc3)
      yield Uint8Array.of(0xa9)
    }
    expect(await readCapped(split(), 10, 200)).toBe("aé")
  })
})

describe("declared lengths", () => {
  it("exceeds only above the cap, and not without a length", () => {
    expect(exceedsDeclaredLength("1001", 1000)).toBe(true)
    expect(exceedsDeclaredLength("1000", 1000)).toBe(false)
    expect(exceedsDeclaredLength(null, 0)).toBe(false)
    expect(exceedsDeclaredLength(undefined, 0)).toBe(false)
    expect(() => checkDeclaredLength("1000", 1000, 200)).not.toThrow()
    expect(() => checkDeclaredLength("1001", 1000, 200)).toThrow(ResponseTooLarge)
  })

  it("fits a stated, identity-encoded length at or under the cap only", () => {
    expect(fitsDeclaredLength("1000", null, 1000)).toBe(true)
    expect(fitsDeclaredLength("1000", undefined, 1000)).toBe(true)
    expect(fitsDeclaredLength("10", "", 1000)).toBe(true)
    expect(fitsDeclaredLength("10", "Identity", 1000)).toBe(true)
    expect(fitsDeclaredLength("1001", null, 1000)).toBe(false)
    expect(fitsDeclaredLength("10", "gzip", 1000)).toBe(false)
    expect(fitsDeclaredLength("", null, 1000)).toBe(false)
    expect(fitsDeclaredLength(null, null, 1000)).toBe(false)
    expect(fitsDeclaredLength(undefined, null, 1000)).toBe(false)
  })
})

describe("chunksOf", () => {
  it("yields a web stream's chunks and cancels it when left early", async () => {
    let cancelled = false
    let n = 0
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => (++n > 5 ? c.close() : c.enqueue(Uint8Array.of(n))),
      cancel: () => {
        cancelled = true
      },
    })
    const seen: Array<number> = []
    for await (const chunk of chunksOf(stream)) {
      seen.push(chunk[0]!)
      if (seen.length === 2) break
    }
    expect(seen).toEqual([1, 2])
    expect(cancelled).toBe(true)
    const whole: Array<number> = []
    for await (
      const chunk of chunksOf(new ReadableStream({ start: (c) => (c.enqueue(Uint8Array.of(7)), c.close()) }))
    ) whole.push(chunk[0]!)
    expect(whole).toEqual([7])
  })
})
