/**
 * Per-visitor sessions: a visitor trades an Intercom token for an opaque, expiring, revocable session key. Only
 * WebCrypto is used, so this runs on Node and on edge runtimes alike.
 *
 * The store never sees a usable secret: records are keyed by an HMAC of the session key, and the token is sealed with
 * AES-GCM under a key derived (HKDF) from both the gateway secret and the session key. Reading a token back needs the
 * visitor's key and the gateway secret; a dump of the store alone reveals neither.
 *
 * @since 0.1.0
 */

/** Prefix of every session key: makes keys recognizable to secret scanners and to log redaction. @category constants */
export const sessionKeyPrefix = "igs_"

/** @category constants */
export const sessionKeyPattern = /^igs_[A-Za-z0-9_-]{43}$/

/** Minimum gateway secret length in bytes. @category constants */
export const minSecretBytes = 32

/** Accepted token shape: visible ASCII without spaces or quotes, so it fits in a header as is. @category constants */
export const tokenPattern = /^[A-Za-z0-9+/=._~:-]{8,1024}$/

/** @category models */
export interface SessionCrypto {
  /** A fresh random session key. */
  readonly newKey: () => string
  /** The store id for a key (HMAC-SHA-256 under the gateway secret, base64url). */
  readonly idOf: (key: string) => Promise<string>
  /**
   * Seals a token for a key, to be stored under `idOf(key)`. `origin` (the creating page's origin, "" for none)
   * is bound to the record: it only opens again for the same origin.
   */
  readonly seal: (key: string, token: string, expiresAt: number, origin: string) => Promise<string>
  /** Opens a record; `undefined` when it is expired, malformed, or was not sealed for this key and origin. */
  readonly open: (key: string, record: string, now: number, origin: string) => Promise<string | undefined>
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** @category encoding */
export const base64url = (bytes: Uint8Array): string => {
  let binary = ""
  for (const b of bytes) binary += String.fromCharCode(b)
  // Stryker disable next-line Regex: base64 has "=" only at its end.
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

/** @category encoding */
export const fromBase64url = (text: string): Uint8Array<ArrayBuffer> => {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"))
  const bytes = new Uint8Array(binary.length)
  // Stryker disable next-line EqualityOperator: a write past a typed array's end is dropped.
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Whether a string has the shape of a session key (cheap check before any crypto or store access). @category predicates */
export const isSessionKey = (key: string): boolean => sessionKeyPattern.test(key)

/** @category errors */
export class SessionSecretError extends Error {
  override readonly name = "SessionSecretError"
}

interface SealedRecord {
  readonly v: 1
  readonly exp: number
  readonly iv: string
  readonly ct: string
}

/**
 * Prepares the session crypto from the gateway secret (at least 32 bytes; share it between instances).
 *
 * @category constructors
 */
export const makeSessionCrypto = async (secret: string | Uint8Array): Promise<SessionCrypto> => {
  const secretBytes = typeof secret === "string" ? encoder.encode(secret) : new Uint8Array(secret)
  if (secretBytes.byteLength < minSecretBytes) {
    throw new SessionSecretError(`the gateway secret must be at least ${minSecretBytes} bytes`)
  }
  const subtle = globalThis.crypto.subtle
  // Stryker disable next-line BooleanLiteral: extractability matters only to code that exports keys; none does.
  const macKey = await subtle.importKey("raw", secretBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
  const hkdfKey = await subtle.importKey("raw", secretBytes, "HKDF", false, ["deriveKey"])
  const info = encoder.encode("intercom-gateway session token v1")

  const tokenKey = (key: string) =>
    subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt: encoder.encode(key), info },
      hkdfKey,
      { name: "AES-GCM", length: 256 },
      // Stryker disable next-line BooleanLiteral: extractability matters only to code that exports keys; none does.
      false,
      ["encrypt", "decrypt"],
    )
  // The origin goes last: ids and expiry times never contain a space, so the fields cannot be confused.
  const aad = (id: string, exp: number, origin: string) => encoder.encode(`${id}.${exp} ${origin}`)
  const idOf = async (key: string) =>
    base64url(new Uint8Array(await subtle.sign("HMAC", macKey, encoder.encode(`id:${key}`))))

  return {
    newKey: () => sessionKeyPrefix + base64url(globalThis.crypto.getRandomValues(new Uint8Array(32))),
    idOf,
    seal: async (key, token, expiresAt, origin) => {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12))
      const ct = await subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: aad(await idOf(key), expiresAt, origin) },
        await tokenKey(key),
        encoder.encode(token),
      )
      const record: SealedRecord = { v: 1, exp: expiresAt, iv: base64url(iv), ct: base64url(new Uint8Array(ct)) }
      return JSON.stringify(record)
    },
    open: async (key, record, now, origin) => {
      try {
        const parsed = JSON.parse(record) as Partial<SealedRecord>
        // Stryker disable next-line ConditionalExpression: a missing iv or ct fails to decode below, inside the same catch.
        if (
          parsed.v !== 1 || typeof parsed.exp !== "number" || typeof parsed.iv !== "string" ||
          typeof parsed.ct !== "string"
        ) return undefined
        if (parsed.exp <= now) return undefined
        const plain = await subtle.decrypt(
          { name: "AES-GCM", iv: fromBase64url(parsed.iv), additionalData: aad(await idOf(key), parsed.exp, origin) },
          await tokenKey(key),
          fromBase64url(parsed.ct),
        )
        return decoder.decode(plain)
      } catch {
        return undefined
      }
    },
  }
}
