/**
 * Request body limits and checks: a size cap enforced while reading (not only from `Content-Length`), an allow-list
 * of media types, and JSON well-formedness for JSON bodies, so malformed input is answered here and never forwarded.
 *
 * @since 0.1.0
 */

/** @category models */
export type BodyResult =
  | { readonly _tag: "Empty" }
  | { readonly _tag: "Ok"; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "Unreadable" }
  /** The body did not arrive within the deadline; the source is cancelled. */
  | { readonly _tag: "TimedOut" }
  /** `refuse` turned a chunk down (JSON nested too deep) before the body was read whole; the source is cancelled. */
  | { readonly _tag: "Refused" }

/** A request body as a web stream (fetch `Request`) or as an async iterable of chunks (Node `IncomingMessage`). @category models */
export type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

/** Media types the gateway forwards (those Intercom's operations declare). @category constants */
export const acceptedMediaTypes: ReadonlyArray<string> = [
  "application/json",
  "multipart/form-data",
  "application/x-www-form-urlencoded",
]

const timedOut = Symbol("timedOut")

/**
 * Reads a body up to `maxBytes`, within `deadlineMs` when given. A declared `Content-Length` above the cap is refused
 * before reading; a body that grows past the cap while streaming is refused as soon as it does; a body that stalls
 * past the deadline is cancelled (the web handler's own deadline: Deno and workerd set none on a request body).
 *
 * @category reading
 */
export const readBody = async (
  body: BodySource | null,
  contentLength: string | null,
  maxBytes: number,
  deadlineMs?: number,
  refuse?: (chunk: Uint8Array) => boolean,
): Promise<BodyResult> => {
  if (contentLength !== null) {
    if (!/^\d{1,15}$/.test(contentLength)) return { _tag: "Unreadable" }
    if (Number(contentLength) > maxBytes) return { _tag: "TooLarge" }
  }
  if (body === null) return { _tag: "Empty" }
  const chunks: Array<Uint8Array> = []
  let total = 0
  // A web stream is read through its reader, which can be cancelled while a read is pending (an async iterator's
  // `return` would wait behind it). Web streams are async iterable too (Node, Deno): the reader is what tells them apart.
  const reader = typeof (body as Partial<ReadableStream<Uint8Array>>).getReader === "function"
    ? (body as ReadableStream<Uint8Array>).getReader()
    : undefined
  const iterator = reader === undefined ? (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]() : undefined
  const next = (): Promise<IteratorResult<Uint8Array>> =>
    (reader !== undefined ? reader.read() : iterator!.next()) as Promise<IteratorResult<Uint8Array>>
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = deadlineMs === undefined
    ? undefined
    : new Promise<typeof timedOut>((resolve) => (timer = setTimeout(() => resolve(timedOut), deadlineMs)))
  const stop = () => {
    if (reader !== undefined) void reader.cancel().catch(() => {})
    else void iterator!.return?.()
  }
  try {
    for (;;) {
      const result = deadline === undefined ? await next() : await Promise.race([next(), deadline])
      if (result === timedOut) {
        stop()
        return { _tag: "TimedOut" }
      }
      if (result.done === true) break
      const chunk = result.value
      total += chunk.byteLength
      if (total > maxBytes) {
        stop()
        return { _tag: "TooLarge" }
      }
      if (refuse?.(chunk) === true) {
        stop()
        return { _tag: "Refused" }
      }
      chunks.push(chunk)
    }
  } catch {
    return { _tag: "Unreadable" }
  } finally {
    clearTimeout(timer)
  }
  if (total === 0) return { _tag: "Empty" }
  // A body in one chunk (most JSON bodies) is used as it is: no second buffer and copy per request.
  if (chunks.length === 1) return { _tag: "Ok", bytes: chunks[0] as Uint8Array<ArrayBuffer> }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { _tag: "Ok", bytes }
}

/**
 * The chunks of a body, as an async iterable whichever form the runtime gives (a web `ReadableStream` or an async
 * iterable). Stopping early cancels the stream, so a source nobody reads any more is not left pinned.
 * @category parsing
 */
export function chunksOf(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  return Symbol.asyncIterator in body
    ? (body as AsyncIterable<Uint8Array>)
    : readerChunks(body as ReadableStream<Uint8Array>)
}

async function* readerChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
}

/** The media type of a `Content-Type` value, lower case, without parameters. @category parsing */
export const mediaType = (contentType: string | null): string | undefined =>
  contentType === null ? undefined : contentType.split(";")[0]!.trim().toLowerCase()

/** @category models */
export type BodyCheck = { readonly _tag: "Ok" } | { readonly _tag: "UnsupportedMediaType" } | {
  readonly _tag: "Malformed"
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true })

/** Deepest JSON nesting accepted (Intercom's deepest request bodies, search queries, nest well under this). @category constants */
export const maxJsonDepth = 64

/**
 * A JSON nesting check fed chunk by chunk as a body arrives: `true` once the text nests deeper than `maxDepth`. A
 * `[[[…` body costs a parser seconds of CPU; this stops at the first bracket past the limit, in the first chunk,
 * before the rest of the body is even read.
 *
 * @category checks
 */
export const makeJsonDepthCheck = (maxDepth: number = maxJsonDepth): (chunk: Uint8Array) => boolean => {
  let depth = 0
  let inString = false
  let escaped = false
  return (chunk) => {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!
      if (inString) {
        if (escaped) escaped = false
        else if (b === 0x5c /* \ */) escaped = true
        else if (b === 0x22 /* " */) inString = false
      } else if (b === 0x22) inString = true
      else if (b === 0x5b /* [ */ || b === 0x7b /* { */) {
        if (++depth > maxDepth) return true
      } else if (b === 0x5d /* ] */ || b === 0x7d /* } */) depth--
    }
    return false
  }
}

/** Whether a whole JSON text nests deeper than `maxDepth` (see {@link makeJsonDepthCheck}). @category checks */
export const exceedsJsonDepth = (bytes: Uint8Array, maxDepth: number = maxJsonDepth): boolean =>
  makeJsonDepthCheck(maxDepth)(bytes)

/**
 * Checks a non-empty body against its declared media type: it must be one Intercom accepts, and JSON must parse. JSON
 * nesting is checked while the body is read (`readBody`'s `refuse` with {@link makeJsonDepthCheck}), before this.
 *
 * @category checks
 */
export const checkBody = (bytes: Uint8Array, contentType: string | null): BodyCheck => {
  const type = mediaType(contentType)
  // Stryker disable next-line ConditionalExpression: the list does not include undefined either.
  if (type === undefined || !acceptedMediaTypes.includes(type)) return { _tag: "UnsupportedMediaType" }
  if (type === "application/json") {
    try {
      JSON.parse(strictUtf8.decode(bytes))
    } catch {
      return { _tag: "Malformed" }
    }
  }
  return { _tag: "Ok" }
}
