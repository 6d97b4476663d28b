// Log redaction next to its module: each secret is first shown to be in the text to be written (so a test that finds
// it absent means something), then shown gone from what reached the sink.
import { operationList } from "@utdk/intercom-core/registry"
import { describe, expect, it } from "vitest"
import { makeGateway } from "../src/Gateway.ts"
import { makeLogger, redact, silentLogger, type LogEntry } from "../src/Log.ts"
import { makeMemoryStore, type GatewayStore } from "../src/Store.ts"

// Shaped like Intercom's access tokens (base64): no pattern matches it, only the secret list can hide it.
const SERVER_TOKEN = "dG9rOnNlcnZlci10b2tlbi1mb3ItbG9ncw=="
const capture = () => {
  const lines: Array<string> = []
  return { lines, sink: (line: string) => void lines.push(line) }
}

describe("redact", () => {
  it("hides a session key whatever its base64url characters, keeping the igs_ prefix", () => {
    for (const key of ["igs_abc-def_ghi", "igs_-_-_", "igs_a_b", "igs_a-b", "igs_Z9-_z0"]) {
      const text = `{"session":"${key}","after":"kept"}`
      expect(text).toContain(key)
      const out = redact(text, [])
      expect(out).toBe(`{"session":"igs_[redacted]","after":"kept"}`)
      expect(out).not.toContain(key.slice(4))
    }
  })

  it("hides Bearer and Basic values, in any case, up to the end of the value", () => {
    const text = `{"a":"Bearer abc.def-1","b":"basic dXNlcjpwYXNz","c":"BEARER x"}`
    expect(redact(text, [])).toBe(`{"a":"[redacted]","b":"[redacted]","c":"[redacted]"}`)
    expect(redact(`authorization: bearer tok123 next`, [])).toBe("authorization: [redacted] next")
  })

  it("hides every occurrence of a listed secret of 4 or more characters, and leaves shorter ones", () => {
    expect(redact("s3cr s3cr x", ["s3cr"])).toBe("[redacted] [redacted] x")
    expect(redact("abc abc", ["abc"])).toBe("abc abc")
    expect(redact("nothing here", ["s3cr"])).toBe("nothing here")
  })

  it("leaves text without secrets as it is", () => {
    const text = `{"event":"request","status":200,"igs":"no underscore"}`
    expect(redact(text, [SERVER_TOKEN])).toBe(text)
  })
})

describe("makeLogger", () => {
  const fixed = () => new Date("2026-01-02T03:04:05.006Z")

  it("writes one JSON line per entry, time first, at or above its level", () => {
    const out = capture()
    const logger = makeLogger({ sink: out.sink, level: "warn", now: fixed })
    logger.log({ level: "info", event: "dropped" })
    logger.log({ level: "debug", event: "dropped" })
    logger.log({ level: "warn", event: "kept", n: 1 })
    logger.log({ level: "error", event: "kept too" })
    expect(out.lines).toEqual([
      `{"time":"2026-01-02T03:04:05.006Z","level":"warn","event":"kept","n":1}`,
      `{"time":"2026-01-02T03:04:05.006Z","level":"error","event":"kept too"}`,
    ])
  })

  it("logs info and above by default", () => {
    const out = capture()
    const logger = makeLogger({ sink: out.sink, now: fixed })
    logger.log({ level: "debug", event: "dropped" })
    logger.log({ level: "info", event: "kept" })
    expect(out.lines.map((l) => (JSON.parse(l) as LogEntry).event)).toEqual(["kept"])
  })

  it("stamps a real ISO time when no clock is given", () => {
    const out = capture()
    const logger = makeLogger({ sink: out.sink })
    const before = Date.now()
    logger.log({ level: "info", event: "now" })
    const time = (JSON.parse(out.lines[0]!) as { time: string }).time
    expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(Date.parse(time)).toBeGreaterThanOrEqual(before - 1)
    expect(Date.parse(time)).toBeLessThanOrEqual(Date.now())
  })

  it("redacts secrets given at construction and added later", () => {
    const out = capture()
    const logger = makeLogger({ sink: out.sink, secrets: ["first-secret"], now: fixed })
    const entry = { level: "info", event: "e", a: "first-secret", b: "later-secret" } as const
    expect(JSON.stringify(entry)).toContain("first-secret")
    logger.log(entry)
    expect(out.lines[0]).toContain("later-secret")
    logger.addSecret("later-secret")
    logger.log(entry)
    expect(out.lines[1]).not.toContain("first-secret")
    expect(out.lines[1]).not.toContain("later-secret")
    expect(JSON.parse(out.lines[1]!)).toMatchObject({ a: "[redacted]", b: "[redacted]" })
  })

  it("the silent logger writes nothing and accepts secrets", () => {
    expect(() => silentLogger.log({ level: "error", event: "x" })).not.toThrow()
    expect(() => silentLogger.addSecret("x")).not.toThrow()
  })
})

describe("the gateway's own token in its logs", () => {
  // A store whose failure message carries the token: the gateway logs the error's text as it is.
  const leakyStore = (): GatewayStore => {
    const store = makeMemoryStore()
    return {
      ...store,
      hit: () => Promise.reject(new Error(`store failed while holding ${SERVER_TOKEN}`)),
    }
  }

  it("is in the error the gateway logs, and never in the line written", async () => {
    const out = capture()
    const logger = makeLogger({ sink: out.sink, level: "debug" })
    const gateway = makeGateway({
      operations: operationList,
      upstream: "http://127.0.0.1:9",
      credentials: { mode: "server", token: SERVER_TOKEN },
      store: leakyStore(),
      logger,
    })
    const reply = await gateway.handle({
      method: "GET",
      target: "/me",
      headers: new Headers(),
      body: null,
      clientAddress: "127.0.0.1",
    })
    expect(reply.status).toBe(500)
    const errorLine = out.lines.find((l) => (JSON.parse(l) as LogEntry).event === "gateway_error")
    expect(errorLine).toBeDefined()
    // The token was there to leak: the logged error names where it stood.
    expect(errorLine).toContain("store failed while holding [redacted]")
    expect(out.lines.join("\n")).not.toContain(SERVER_TOKEN)
  })

  it("is redacted from any line of the logger the gateway was given", () => {
    const out = capture()
    const logger = makeLogger({ sink: out.sink })
    const entry = { level: "info", event: "probe", token: SERVER_TOKEN } as const
    logger.log(entry)
    // Before the gateway exists, nothing marks this token as a secret.
    expect(out.lines[0]).toContain(SERVER_TOKEN)
    makeGateway({
      operations: operationList,
      upstream: "http://127.0.0.1:9",
      credentials: { mode: "server", token: SERVER_TOKEN },
      logger,
    })
    logger.log(entry)
    expect(out.lines[1]).not.toContain(SERVER_TOKEN)
    expect(JSON.parse(out.lines[1]!)).toMatchObject({ token: "[redacted]" })
  })
})
