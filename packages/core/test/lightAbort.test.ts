// makeLightAbort: the signal the Node client hands undici instead of an AbortController's. What undici relies on:
// a listener added by addEventListener runs once when the attempt is aborted (timeout, caller, a body past the cap),
// `reason` is set before it runs, a removed listener does not run, and a listener added after the abort (a caller
// who aborted before the request was dispatched) runs at once, so the request is refused rather than sent.
import { describe, expect, it } from "vitest"
import { makeLightAbort } from "../src/Transport.ts"

describe("makeLightAbort", () => {
  it("runs the listener once, with the reason set, however often abort is called", () => {
    const { signal, abort } = makeLightAbort()
    const seen: Array<unknown> = []
    signal.addEventListener("abort", () => seen.push(signal.reason))
    const reason = new Error("timed out")
    abort(reason)
    abort(new Error("again"))
    expect(seen).toEqual([reason])
  })

  it("gives an AbortError when aborted without a reason", () => {
    const { signal, abort } = makeLightAbort()
    abort()
    expect(signal.reason).toBeInstanceOf(DOMException)
    expect((signal.reason as DOMException).name).toBe("AbortError")
  })

  it("does not run a removed listener", () => {
    const { signal, abort } = makeLightAbort()
    let ran = false
    const listener = () => void (ran = true)
    signal.addEventListener("abort", listener)
    signal.removeEventListener("abort", listener)
    abort()
    expect(ran).toBe(false)
  })

  it("runs a listener added after the abort at once", () => {
    const { signal, abort } = makeLightAbort()
    abort("caller")
    let reason: unknown
    signal.addEventListener("abort", () => void (reason = signal.reason))
    expect(reason).toBe("caller")
  })

  it("has no `aborted` property: undici would hand such a signal to Node's native listener, which takes only AbortSignal", () => {
    expect("aborted" in makeLightAbort().signal).toBe(false)
  })
})
