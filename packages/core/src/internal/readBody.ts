/**
 * Reading a response body under a size cap: the bytes are counted as they arrive and decoded as they go, so an
 * oversized (or endless) body is abandoned after `limit` bytes instead of being held in memory whole.
 */

/** Thrown by the readers below; transports turn it into a `TransportFailure` with `tooLarge`. */
export class ResponseTooLarge extends Error {
  constructor(
    readonly limit: number,
    readonly status: number,
  ) {
    super(`response body larger than maxResponseBytes (${limit} bytes)`)
  }
}

/** Whether a declared `Content-Length` is already over the cap: no need to read a byte. */
export const exceedsDeclaredLength = (contentLength: string | null | undefined, limit: number): boolean =>
  // Stryker disable next-line ConditionalExpression,LogicalOperator: Number(null) is 0 and Number(undefined) NaN, never over a cap.
  contentLength !== null && contentLength !== undefined && Number(contentLength) > limit

/** Throws `ResponseTooLarge` when {@link exceedsDeclaredLength}. */
export const checkDeclaredLength = (contentLength: string | null | undefined, limit: number, status: number): void => {
  if (exceedsDeclaredLength(contentLength, limit)) throw new ResponseTooLarge(limit, status)
}

/**
 * Whether a body can be read whole without counting its bytes: its `Content-Length` is stated and within the cap, and
 * it is the length of the bytes the reader gets (no `Content-Encoding`: a decompressing client hands over more than
 * the header says). The HTTP library holds a response to its stated length, so such a body cannot outgrow the cap.
 */
export const fitsDeclaredLength = (
  contentLength: string | null | undefined,
  contentEncoding: string | null | undefined,
  limit: number,
): boolean =>
  contentLength !== null &&
  // Stryker disable next-line ConditionalExpression: Number(undefined) is NaN, never within a cap.
  contentLength !== undefined &&
  contentLength !== "" &&
  Number(contentLength) <= limit &&
  (contentEncoding === null || contentEncoding === undefined || contentEncoding === "" ||
    contentEncoding.toLowerCase() === "identity")

/**
 * The body as text, from chunks; throws `ResponseTooLarge` once more than `limit` bytes came. Leaving the loop
 * closes the iterator, which releases the source (a Node stream is destroyed, a web stream cancelled), and the
 * transport aborts the request as well.
 */
export const readCapped = async (chunks: AsyncIterable<Uint8Array>, limit: number, status: number): Promise<string> => {
  const decoder = new TextDecoder()
  let text = ""
  let bytes = 0
  for await (const chunk of chunks) {
    bytes += chunk.byteLength
    if (bytes > limit) throw new ResponseTooLarge(limit, status)
    text += decoder.decode(chunk, { stream: true })
  }
  return text + decoder.decode()
}

/** A web `ReadableStream` as an async iterable of its chunks (Safari's streams are not iterable themselves). */
export const chunksOf = (stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> =>
  chunksOfReader(stream.getReader())

/** {@link chunksOf} from a reader already taken (by a caller that may cancel it). */
export const chunksOfReader = async function*(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): AsyncIterable<Uint8Array> {
  let done = false
  try {
    while (true) {
      const next = await reader.read()
      if (next.done) {
        // Stryker disable next-line BooleanLiteral: cancelling a reader that is done does nothing.
        done = true
        return
      }
      yield next.value
    }
  } finally {
    // Stryker disable next-line ConditionalExpression: cancelling a reader that is done does nothing.
    if (!done) await reader.cancel().catch(() => {})
  }
}
