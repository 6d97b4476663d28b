// The body cap next to its module: exactly the cap passes, one byte more does not, whether the size is declared or
// only found while reading, and whatever the chunk size (a per-chunk check would let small chunks through).
import { describe, expect, it } from "vitest"
import { checkBody, chunksOf, mediaType, readBody } from "../src/Body.ts"

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill)
async function* chunked(total: number, size: number): AsyncIterable<Uint8Array> {
  for (let sent = 0; sent < total; sent += size) yield bytes(Math.min(size, total - sent))
}
const streamOf = (parts: ReadonlyArray<Uint8Array>) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(part)
      controller.close()
    },
  })

describe("readBody", () => {
  it("accepts a body of exactly the cap, declared or not, and refuses one byte more", async () => {
    expect(await readBody(chunked(100, 100), "100", 100)).toEqual({ _tag: "Ok", bytes: bytes(100) })
    expect(await readBody(chunked(100, 100), null, 100)).toEqual({ _tag: "Ok", bytes: bytes(100) })
    expect(await readBody(chunked(101, 101), "101", 100)).toEqual({ _tag: "TooLarge" })
    expect(await readBody(chunked(101, 101), null, 100)).toEqual({ _tag: "TooLarge" })
  })

  it("refuses a declared length above the cap before reading anything", async () => {
    let read = false
    async function* never(): AsyncIterable<Uint8Array> {
      read = true
      yield bytes(1)
    }
    expect(await readBody(never(), "1001", 1000)).toEqual({ _tag: "TooLarge" })
    expect(read).toBe(false)
  })

  it("counts the whole body against the cap, not each chunk: 1-byte chunks past it are refused", async () => {
    expect(await readBody(chunked(1001, 1), null, 1000)).toEqual({ _tag: "TooLarge" })
    expect(await readBody(chunked(1001, 10), null, 1000)).toEqual({ _tag: "TooLarge" })
    // A length that lies low does not lift the cap either.
    expect(await readBody(chunked(1001, 1), "5", 1000)).toEqual({ _tag: "TooLarge" })
  })

  it("stops reading as soon as the cap is passed", async () => {
    let pulled = 0
    async function* counting(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < 100; i++) {
        pulled++
        yield bytes(10)
      }
    }
    expect(await readBody(counting(), null, 35)).toEqual({ _tag: "TooLarge" })
    expect(pulled).toBe(4)
  })

  it("joins several chunks in order into one buffer", async () => {
    const result = await readBody(streamOf([Uint8Array.of(1, 2), Uint8Array.of(3), Uint8Array.of(4, 5, 6)]), null, 100)
    expect(result).toEqual({ _tag: "Ok", bytes: Uint8Array.of(1, 2, 3, 4, 5, 6) })
  })

  it("gives Empty for no body or a body of no bytes", async () => {
    expect(await readBody(null, null, 10)).toEqual({ _tag: "Empty" })
    expect(await readBody(null, "0", 10)).toEqual({ _tag: "Empty" })
    expect(await readBody(streamOf([]), null, 10)).toEqual({ _tag: "Empty" })
    expect(await readBody(streamOf([new Uint8Array(0)]), null, 10)).toEqual({ _tag: "Empty" })
  })

  it("refuses a Content-Length that is not a plain number, and a body that fails while read", async () => {
    for (const length of ["", "-1", "1e3", " 10", "0x10", "1".repeat(16), "10, 10"]) {
      expect(await readBody(chunked(1, 1), length, 100), JSON.stringify(length)).toEqual({ _tag: "Unreadable" })
    }
    expect(await readBody(chunked(1, 1), "1".repeat(15), 100)).toEqual({ _tag: "TooLarge" })
    async function* failing(): AsyncIterable<Uint8Array> {
      yield bytes(1)
      throw new Error("reset")
    }
    expect(await readBody(failing(), null, 100)).toEqual({ _tag: "Unreadable" })
  })

  it("cancels a web stream it stops reading", async () => {
    let pulls = 0
    let cancelled = false
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => (++pulls > 100 ? controller.close() : controller.enqueue(bytes(10))),
      cancel: () => {
        cancelled = true
      },
    })
    expect(await readBody(stream, null, 25)).toEqual({ _tag: "TooLarge" })
    expect(cancelled).toBe(true)
  })
})

describe("chunksOf", () => {
  it("reads a web stream's chunks in order", async () => {
    const seen: Array<number> = []
    for await (const chunk of chunksOf(streamOf([Uint8Array.of(1), Uint8Array.of(2)]))) seen.push(...chunk)
    expect(seen).toEqual([1, 2])
  })
})

describe("mediaType and checkBody", () => {
  it("reads the media type lower case, without parameters", () => {
    expect(mediaType(null)).toBeUndefined()
    expect(mediaType(" Application/JSON ; charset=utf-8")).toBe("application/json")
  })

  it("accepts only Intercom's media types, and only well-formed UTF-8 JSON for JSON", () => {
    const json = new TextEncoder().encode(`{"a":1}`)
    expect(checkBody(json, "application/json; charset=utf-8")).toEqual({ _tag: "Ok" })
    expect(checkBody(json, null)).toEqual({ _tag: "UnsupportedMediaType" })
    expect(checkBody(json, "text/plain")).toEqual({ _tag: "UnsupportedMediaType" })
    expect(checkBody(new TextEncoder().encode("{"), "application/json")).toEqual({ _tag: "Malformed" })
    expect(checkBody(Uint8Array.of(0x22, 0xff, 0x22), "application/json")).toEqual({ _tag: "Malformed" })
    expect(checkBody(new TextEncoder().encode("a=1"), "application/x-www-form-urlencoded")).toEqual({ _tag: "Ok" })
    expect(checkBody(new TextEncoder().encode("not json"), "multipart/form-data; boundary=x")).toEqual({ _tag: "Ok" })
  })
})
