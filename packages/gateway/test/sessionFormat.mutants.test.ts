// The sealed session record's format, pinned: a record sealed here by hand (HMAC id, HKDF-derived AES-GCM key with
// its fixed label, the id, expiry and origin as additional data) opens with the gateway's crypto. Records live in a
// shared Redis across gateway upgrades, so a change of label or layout would log every visitor out.
import { describe, expect, it } from "vitest"
import { base64url, makeSessionCrypto } from "../src/Session.ts"

const secret = "0123456789abcdef0123456789abcdef-format"
const encode = (s: string) => new TextEncoder().encode(s)

const sealByHand = async (key: string, token: string, exp: number, origin: string): Promise<string> => {
  const subtle = globalThis.crypto.subtle
  const mac = await subtle.importKey("raw", encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
  const id = base64url(new Uint8Array(await subtle.sign("HMAC", mac, encode(`id:${key}`))))
  const hkdf = await subtle.importKey("raw", encode(secret), "HKDF", false, ["deriveKey"])
  const aes = await subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encode(key), info: encode("intercom-gateway session token v1") },
    hkdf,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt"],
  )
  const iv = new Uint8Array(12).fill(7)
  const ct = await subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encode(`${id}.${exp} ${origin}`) },
    aes,
    encode(token),
  )
  return JSON.stringify({ v: 1, exp, iv: base64url(iv), ct: base64url(new Uint8Array(ct)) })
}

describe("sealed session records", () => {
  it("opens a record sealed by the documented recipe, and only for its origin and before its expiry", async () => {
    const crypto = await makeSessionCrypto(secret)
    const key = crypto.newKey()
    const record = await sealByHand(key, "tok_pinned_format", 5_000, "https://docs.example.com")
    expect(await crypto.open(key, record, 1_000, "https://docs.example.com")).toBe("tok_pinned_format")
    expect(await crypto.open(key, record, 1_000, "https://other.example.com")).toBeUndefined()
    expect(await crypto.open(key, record, 5_000, "https://docs.example.com")).toBeUndefined()
  })
})
