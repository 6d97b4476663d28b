// The body reader's deadline and per-chunk refusal, and the JSON nesting check fed chunk by chunk, next to their
// module: a stalled body times out and is cancelled, a refused chunk stops the read, brackets inside strings (escaped
// quotes included) do not count, closing brackets do, and the limit is exact.
import { describe, expect, it, vi } from "vitest"
import { chunksOf, exceedsJsonDepth, makeJsonDepthCheck, maxJsonDepth, readBody } from "../src/Body.ts"

const text = (s: string) => new TextEncoder().encode(s)

/** A web stream that gives `parts`, then never ends; records whether it was cancelled. */
const stalledStream = (parts: ReadonlyArray<Uint8Array>) => {
  const seen = { cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(part)
    },
    cancel() {
      seen.cancelled = true
    },
  })
  return { stream, seen }
}

/** An async iterable that gives `parts`, then never ends; records whether it was stopped. */
const stalledIterable = (parts: ReadonlyArray<Uint8Array>) => {
  const seen = { returned: false }
  let i = 0
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: () => (i < parts.length
        ? Promise.resolve({ done: false, value: parts[i++]! })
        : new Promise<IteratorResult<Uint8Array>>(() => {})),
      return: () => {
        seen.returned = true
        return Promise.resolve({ done: true, value: undefined })
      },
    }),
  }
  return { iterable, seen }
}

describe("readBody's deadline", () => {
  it("times out a web stream that stalls, and cancels it", async () => {
    const { stream, seen } = stalledStream([text("{")])
    const started = Date.now()
    expect(await readBody(stream, null, 1000, 100)).toEqual({ _tag: "TimedOut" })
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
    await vi.waitFor(() => expect(seen.cancelled).toBe(true))
  })

  it("times out an async iterable that stalls, and stops it", async () => {
    const { iterable, seen } = stalledIterable([text("{")])
    expect(await readBody(iterable, null, 1000, 100)).toEqual({ _tag: "TimedOut" })
    expect(seen.returned).toBe(true)
  })

  it("reads a body that ends in time, in one chunk or several, and has no deadline unless given", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(text("ab"))
        controller.enqueue(text("cd"))
        controller.close()
      },
    })
    expect(await readBody(stream, null, 1000, 5000)).toEqual({ _tag: "Ok", bytes: text("abcd") })
    const one = text("only")
    const result = await readBody(
      (async function*() {
        yield one
      })(),
      null,
      1000,
      5000,
    )
    expect(result).toEqual({ _tag: "Ok", bytes: one })
    // The one chunk is used as it is, not copied.
    expect(result._tag === "Ok" && result.bytes).toBe(one)
    // Without a deadline a slow body is waited for.
    const slow = (async function*() {
      await new Promise((r) => setTimeout(r, 150))
      yield text("late")
    })()
    expect(await readBody(slow, null, 1000)).toEqual({ _tag: "Ok", bytes: text("late") })
  })

  it("clears its timer: a body read in time leaves nothing pending", async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length
    await readBody(
      (async function*() {
        yield text("x")
      })(),
      null,
      1000,
      60_000,
    )
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBe(before)
  })
})

describe("readBody's refusal", () => {
  it("stops at the first refused chunk, cancels the source and keeps nothing", async () => {
    const { stream, seen } = stalledStream([text("ok"), text("no"), text("later")])
    const looked: Array<string> = []
    const refuse = (chunk: Uint8Array) => {
      looked.push(new TextDecoder().decode(chunk))
      return looked.length === 2
    }
    expect(await readBody(stream, null, 1000, 5000, refuse)).toEqual({ _tag: "Refused" })
    expect(looked).toEqual(["ok", "no"])
    await vi.waitFor(() => expect(seen.cancelled).toBe(true))
    const iterable = stalledIterable([text("no")])
    expect(await readBody(iterable.iterable, null, 1000, undefined, () => true)).toEqual({ _tag: "Refused" })
    expect(iterable.seen.returned).toBe(true)
  })

  it("passes every chunk when nothing is refused", async () => {
    const source = (async function*() {
      yield text("a")
      yield text("b")
    })()
    expect(await readBody(source, null, 1000, undefined, () => false)).toEqual({ _tag: "Ok", bytes: text("ab") })
  })
})

describe("readBody over a bare async iterator", () => {
  it("stops an iterator without a return method without failing", async () => {
    const bare: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: false, value: text("abcdef") }) }),
    }
    expect(await readBody(bare, null, 10)).toEqual({ _tag: "TooLarge" })
  })
})

describe("chunksOf", () => {
  it("reads a web stream that is not async iterable through its reader, and cancels it when left early", async () => {
    const { stream, seen } = stalledStream([text("a"), text("b")])
    const readerOnly = { getReader: () => stream.getReader() } as unknown as ReadableStream<Uint8Array>
    const got: Array<string> = []
    for await (const chunk of chunksOf(readerOnly)) {
      got.push(new TextDecoder().decode(chunk))
      if (got.length === 2) break
    }
    expect(got).toEqual(["a", "b"])
    await vi.waitFor(() => expect(seen.cancelled).toBe(true))
    const ended = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(text("x"))
        controller.close()
      },
    })
    const all: Array<Uint8Array> = []
    for await (
      const chunk of chunksOf({ getReader: () => ended.getReader() } as unknown as ReadableStream<Uint8Array>)
    ) all.push(chunk)
    expect(all).toEqual([text("x")])
  })

  it("gives a web stream's chunks in order and cancels it when left early", async () => {
    const { stream, seen } = stalledStream([text("a"), text("b")])
    const got: Array<string> = []
    for await (const chunk of chunksOf(stream)) {
      got.push(new TextDecoder().decode(chunk))
      if (got.length === 2) break
    }
    expect(got).toEqual(["a", "b"])
    await vi.waitFor(() => expect(seen.cancelled).toBe(true))
    const ended = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(text("x"))
        controller.close()
      },
    })
    const all: Array<Uint8Array> = []
    for await (const chunk of chunksOf(ended)) all.push(chunk)
    expect(all).toEqual([text("x")])
  })
})

describe("makeJsonDepthCheck", () => {
  const nested = (depth: number, open = "[", close = "]") => open.repeat(depth) + close.repeat(depth)

  it("accepts exactly the deepest nesting and refuses one level more, arrays and objects alike", () => {
    expect(maxJsonDepth).toBe(64)
    expect(exceedsJsonDepth(text(nested(64)))).toBe(false)
    expect(exceedsJsonDepth(text(nested(65)))).toBe(true)
    expect(exceedsJsonDepth(text(`${"{\"a\":".repeat(64)}1${"}".repeat(64)}`))).toBe(false)
    expect(exceedsJsonDepth(text(`${"{\"a\":".repeat(65)}1${"}".repeat(65)}`))).toBe(true)
    expect(exceedsJsonDepth(text(nested(3)), 3)).toBe(false)
    expect(exceedsJsonDepth(text(nested(4)), 3)).toBe(true)
  })

  it("counts closing brackets, so siblings never add up", () => {
    expect(exceedsJsonDepth(text(`[${"[],".repeat(200)}[]]`), 2)).toBe(false)
    expect(exceedsJsonDepth(text(`{${"\"k\":{},".repeat(200)}"z":{}}`), 2)).toBe(false)
    expect(exceedsJsonDepth(text("[{}]"), 1)).toBe(true)
  })

  it("ignores brackets inside strings, escaped quotes included, and counts them again after the string", () => {
    expect(exceedsJsonDepth(text(JSON.stringify({ a: "[[[[{{{{" })), 1)).toBe(false)
    expect(exceedsJsonDepth(text(JSON.stringify({ a: "say \\\" [[[[ \"" })), 1)).toBe(false)
    expect(exceedsJsonDepth(text(JSON.stringify({ a: "\\\\", b: [[1]] })), 2)).toBe(true)
    expect(exceedsJsonDepth(text(JSON.stringify({ a: "\\\\", b: [1] })), 2)).toBe(false)
    expect(exceedsJsonDepth(text("[\"x\", [[1]]]"), 2)).toBe(true)
  })

  it("starts outside a string and not after a backslash", () => {
    expect(exceedsJsonDepth(text("[\"\", [[1]]]"), 2)).toBe(true)
  })

  it("keeps its state across chunks: depth, and being inside a string or after a backslash", () => {
    const check = makeJsonDepthCheck(2)
    expect(check(text("[["))).toBe(false)
    expect(check(text("["))).toBe(true)
    const inString = makeJsonDepthCheck(1)
    expect(inString(text("{\"a\\"))).toBe(false)
    expect(inString(text("\"[[[ still in the string"))).toBe(false)
    expect(inString(text("\", \"b\": 1}"))).toBe(false)
    expect(inString(text("{"))).toBe(false)
    expect(inString(text("["))).toBe(true)
  })
})
