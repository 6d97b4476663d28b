/**
 * HMAC over Web Crypto (`globalThis.crypto.subtle`): the same code runs in Node, browsers and edge runtimes.
 */
const encoder = new TextEncoder()

export const bytesOf = (data: string | Uint8Array): Uint8Array<ArrayBuffer> =>
  typeof data === "string" ? encoder.encode(data) : new Uint8Array(data)

export const hmacKey = (hash: "SHA-1" | "SHA-256", secret: string, usage: "sign" | "verify"): Promise<CryptoKey> =>
  globalThis.crypto.subtle.importKey("raw", bytesOf(secret), { name: "HMAC", hash }, false, [usage])

export const toHex = (buffer: ArrayBuffer): string => {
  let hex = ""
  for (const byte of new Uint8Array(buffer)) hex += byte.toString(16).padStart(2, "0")
  return hex
}

/** Hex text as bytes, or `undefined` when it is not an even-length run of hex digits. */
export const fromHex = (hex: string): Uint8Array<ArrayBuffer> | undefined => {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

/** Hex HMAC of `data` keyed by `secret`. */
export const hmacHex = async (hash: "SHA-1" | "SHA-256", secret: string, data: string | Uint8Array): Promise<string> =>
  toHex(await globalThis.crypto.subtle.sign("HMAC", await hmacKey(hash, secret, "sign"), bytesOf(data)))
