// Session crypto next to its module: the secret's minimum, ids that depend on the key, records that open only for
// their key, origin and lifetime, and only in the sealed shape.
import { describe, expect, it } from "vitest"
import {
  base64url,
  fromBase64url,
  isSessionKey,
  makeSessionCrypto,
  minSecretBytes,
  SessionSecretError,
} from "../src/Session.ts"

const SECRET = "s".repeat(minSecretBytes)

describe("makeSessionCrypto", () => {
  it("takes a secret of the minimum length, refuses one byte less, by name", async () => {
    await expect(makeSessionCrypto(SECRET)).resolves.toBeDefined()
    const error = await makeSessionCrypto("s".repeat(minSecretBytes - 1)).then(
      () => new Error("made"),
      (e: unknown) => e as Error,
    )
    expect(error).toBeInstanceOf(SessionSecretError)
    expect(error.name).toBe("SessionSecretError")
    await expect(makeSessionCrypto(new Uint8Array(minSecretBytes - 1))).rejects.toBeInstanceOf(SessionSecretError)
  })

  it("gives the same ids for a secret as text or as its bytes, and different ids for different keys", async () => {
    const fromText = await makeSessionCrypto(SECRET)
    const fromBytes = await makeSessionCrypto(new TextEncoder().encode(SECRET))
    const key = fromText.newKey()
    expect(isSessionKey(key)).toBe(true)
    expect(await fromBytes.idOf(key)).toBe(await fromText.idOf(key))
    expect(await fromText.idOf(key)).not.toBe(await fromText.idOf(fromText.newKey()))
    expect(await fromText.idOf(key)).not.toBe(await (await makeSessionCrypto("t".repeat(minSecretBytes))).idOf(key))
  })

  it("opens a record only for its key and origin, before its expiry", async () => {
    const crypto = await makeSessionCrypto(SECRET)
    const key = crypto.newKey()
    const record = await crypto.seal(key, "visitor-token", 2000, "https://a.example")
    expect(record).not.toContain("visitor-token")
    expect(await crypto.open(key, record, 1999, "https://a.example")).toBe("visitor-token")
    expect(await crypto.open(key, record, 2000, "https://a.example")).toBeUndefined()
    expect(await crypto.open(key, record, 1000, "https://b.example")).toBeUndefined()
    expect(await crypto.open(crypto.newKey(), record, 1000, "https://a.example")).toBeUndefined()
  })

  it("refuses a record off the sealed shape, or with its expiry moved", async () => {
    const crypto = await makeSessionCrypto(SECRET)
    const key = crypto.newKey()
    const sealed = JSON.parse(await crypto.seal(key, "tok", 5000, "")) as Record<string, unknown>
    const open = (record: unknown) => crypto.open(key, JSON.stringify(record), 1000, "")
    expect(await open(sealed)).toBe("tok")
    expect(await open({ ...sealed, v: 2 })).toBeUndefined()
    expect(await open({ ...sealed, exp: "5000" })).toBeUndefined()
    expect(await open({ ...sealed, iv: 1 })).toBeUndefined()
    expect(await open({ ...sealed, ct: null })).toBeUndefined()
    expect(await open({ ...sealed, exp: 6000 })).toBeUndefined()
    expect(await crypto.open(key, "not json", 1000, "")).toBeUndefined()
  })
})

describe("base64url", () => {
  it("round-trips bytes without padding or + and /", () => {
    const bytes = Uint8Array.of(251, 255, 191, 0, 1)
    const text = base64url(bytes)
    expect(text).toBe("-_-_AAE")
    expect(fromBase64url(text)).toEqual(bytes)
  })
})
