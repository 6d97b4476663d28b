/**
 * Removes the gateway's own secrets (the server token, the session secret) from what the upstream sends back: an
 * upstream that reflects the `Authorization` it received (in a body, a `Link`, a `Location`) must not hand the token
 * to the browser. Only answers are scanned, and only for a few fixed byte strings, with the runtime's native search.
 *
 * @since 0.2.0
 */
import { chunksOf } from "./Body.ts"

/** What a found secret is replaced with: ASCII without quotes or backslashes, so JSON and header values stay valid. @category constants */
export const scrubbedMarker = "[redacted]"

/** @category models */
export interface Scrubber {
  /** A header value without any spelling of a secret. */
  readonly text: (value: string) => string
  /** A whole body without any spelling of a secret (the same array when there is none). */
  readonly bytes: (body: Uint8Array) => Uint8Array
  /** A streamed body, scanned across chunk boundaries. */
  readonly stream: (body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>
}

const encoder = new TextEncoder()
const marker = encoder.encode(scrubbedMarker)

// How a secret can come back: as sent, JSON-escaped (`\/`), or percent-encoded in a URL (either hex case).
const spellingsOf = (secret: string): Array<string> => {
  const encoded = encodeURIComponent(secret)
  return [
    ...new Set([
      secret,
      secret.replaceAll("/", "\\/"),
      encoded,
      encoded.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    ]),
  ]
}

interface NativeBuffer extends Uint8Array {
  indexOf(value: Uint8Array | number, byteOffset?: number): number
}
// Node's and Bun's Buffer search a byte string natively; elsewhere a first-byte scan (also native) with a compare.
const NodeBuffer = (globalThis as {
  Buffer?: { isBuffer: (v: unknown) => boolean; from: (b: ArrayBufferLike, o: number, l: number) => NativeBuffer }
}).Buffer

const indexOfBytes = (haystack: Uint8Array, needle: Uint8Array, from: number): number => {
  if (NodeBuffer !== undefined) {
    const hay = NodeBuffer.isBuffer(haystack)
      ? (haystack as NativeBuffer)
      : NodeBuffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength)
    return hay.indexOf(needle, from)
  }
  const first = needle[0]!
  const last = haystack.length - needle.length
  for (let i = haystack.indexOf(first, from); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    let j = 1
    while (j < needle.length && haystack[i + j] === needle[j]) j++
    if (j === needle.length) return i
  }
  return -1
}

/**
 * A scrubber for these secrets, or `undefined` when there are none.
 *
 * @category constructors
 */
export const makeScrubber = (secrets: ReadonlyArray<string>): Scrubber | undefined => {
  const texts = [...new Set(secrets.filter((s) => s.length > 0).flatMap(spellingsOf))].sort((a, b) =>
    b.length - a.length
  )
  if (texts.length === 0) return undefined
  const needles = texts.map((t) => encoder.encode(t))
  const longest = Math.max(...needles.map((n) => n.length))

  // The earliest secret starting at or after `from`.
  const next = (body: Uint8Array, from: number): { readonly start: number; readonly length: number } | undefined => {
    let found: { start: number; length: number } | undefined
    for (const needle of needles) {
      const at = indexOfBytes(body, needle, from)
      if (at !== -1 && (found === undefined || at < found.start)) found = { start: at, length: needle.length }
    }
    return found
  }

  // Replaces the secrets that start before `limit`; returns the parts to send and where the unsent rest begins.
  const scan = (body: Uint8Array, limit: number): { readonly parts: Array<Uint8Array>; readonly rest: number } => {
    const parts: Array<Uint8Array> = []
    let position = 0
    for (let hit = next(body, 0); hit !== undefined && hit.start < limit; hit = next(body, position)) {
      parts.push(body.subarray(position, hit.start), marker)
      position = hit.start + hit.length
    }
    const end = Math.max(position, limit)
    parts.push(body.subarray(position, end))
    return { parts, rest: end }
  }

  const join = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
    let offset = 0
    for (const part of parts) {
      out.set(part, offset)
      offset += part.length
    }
    return out
  }

  return {
    text: (value) => {
      let out = value
      for (const text of texts) if (out.includes(text)) out = out.replaceAll(text, scrubbedMarker)
      return out
    },
    bytes: (body) => (next(body, 0) === undefined ? body : join(scan(body, body.length).parts)),
    stream: async function*(body) {
      // A secret may straddle two chunks: the last `longest - 1` bytes wait for the next chunk.
      let carry = new Uint8Array(0)
      for await (const chunk of chunksOf(body)) {
        const buffer = carry.length === 0 ? chunk : join([carry, chunk])
        const { parts, rest } = scan(buffer, Math.max(0, buffer.length - (longest - 1)))
        carry = buffer.slice(rest)
        const out = parts.length === 1 ? parts[0]! : join(parts)
        if (out.length > 0) yield out
      }
      if (carry.length > 0) yield join(scan(carry, carry.length).parts)
    },
  }
}
