// Small gateway rules next to their modules: upstream response headers go through the caller's scrub (stand-in ones
// too), a preflight for a method the path does not take is denied, and log times keep three fraction digits.
import { afterEach, describe, expect, it, vi } from "vitest"
import { decidePreflight } from "../src/Cors.ts"
import { copyResponseHeaders, standInViolationsHeader } from "../src/HeaderPolicy.ts"
import { makeLogger } from "../src/Log.ts"

describe("copyResponseHeaders with a scrub", () => {
  it("passes every copied value, stand-in headers included, through the scrub", () => {
    const upstream = new Headers({ "content-type": "application/json; secret", [standInViolationsHeader]: "[secret]" })
    const scrub = (value: string) => value.replaceAll("secret", "[redacted]")
    expect(copyResponseHeaders(upstream, {}, { decoded: true, standIn: true, scrub })).toEqual({
      "content-type": "application/json; [redacted]",
      [standInViolationsHeader]: "[[redacted]]",
    })
  })
})

describe("decidePreflight", () => {
  it("denies a method the path does not take, whatever the headers", () => {
    const headers = new Headers({ "access-control-request-method": "DELETE" })
    const policy = { allowedOrigins: ["https://a.test"], requireOrigin: false, maxAgeSeconds: 600 }
    expect(decidePreflight(policy, "https://a.test", headers, ["GET"])).toEqual({ _tag: "Denied", reason: "method" })
    expect(decidePreflight(policy, "https://a.test", new Headers(), ["GET"])).toEqual({
      _tag: "Denied",
      reason: "method",
    })
  })
})

describe("log times", () => {
  afterEach(() => void vi.useRealTimers())

  it("writes the time as toISOString does, with three fraction digits at 10 and 100 ms", () => {
    vi.useFakeTimers()
    const lines: Array<string> = []
    const logger = makeLogger({ sink: (line) => void lines.push(line) })
    for (
      const at of [
        "2026-12-06T22:00:00.005Z",
        "2026-12-06T22:00:00.010Z",
        "2026-12-06T22:00:00.099Z",
        "2026-12-06T22:00:00.100Z",
        "2026-12-06T22:00:01.999Z",
      ]
    ) {
      vi.setSystemTime(new Date(at))
      logger.log({ level: "info", event: "tick" })
      expect((JSON.parse(lines.at(-1)!) as { time: string }).time).toBe(at)
    }
  })
})
