/** The transport port over an effect/http `HttpClient`, for Effect applications that bring their own. */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as HttpBody from "effect/http/HttpBody"
import type * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import type * as HttpClientError from "effect/http/HttpClientError"
import * as Stream from "effect/Stream"
import { defaultMaxResponseBytes } from "./defaults.ts"
import { chunksOfReader, exceedsDeclaredLength, fitsDeclaredLength, readCapped, ResponseTooLarge } from "./readBody.ts"
import type { RawResponse, SendOptions, Transport, TransportFailure, WireRequest } from "./transport.ts"

const failureOf = (error: HttpClientError.HttpClientError): TransportFailure => ({
  message: error.message,
  // The reason's cause (a socket error), not the HttpClientError: that one holds the request headers.
  cause: "cause" in error.reason ? error.reason.cause : undefined,
})

const tooLargeFailure = (request: WireRequest, limit: number, status: number): TransportFailure => {
  const cause = new ResponseTooLarge(limit, status)
  return {
    message: `${request.method} ${request.url.split("?")[0]}: ${cause.message}`,
    cause,
    tooLarge: { limit, status },
  }
}

type Response = HttpClientResponse.HttpClientResponse

// A response without a body (204, 304) has no stream: its text is empty.
const emptyOnNoBody = (
  error: TransportFailure | HttpClientError.HttpClientError,
): Effect.Effect<string, TransportFailure> =>
  "reason" in error
    ? (error.reason._tag === "EmptyBodyError" ? Effect.succeed("") : Effect.fail(failureOf(error)))
    : Effect.fail(error)

/**
 * The body as text under the size cap. A declared `Content-Length` within the cap is read in one go (`response.text`:
 * no stream, no per-chunk decoding, and no abort after the read, which costs a `DOMException` per call); any other
 * body is read as a stream, counted, and abandoned past `limit` bytes (the response's scope closes the connection).
 */
const readText = (
  request: WireRequest,
  response: Response,
  limit: number,
): Effect.Effect<RawResponse, TransportFailure> => {
  const headers: Record<string, string> = { ...response.headers }
  const declared = headers["content-length"]
  if (exceedsDeclaredLength(declared, limit)) return Effect.fail(tooLargeFailure(request, limit, response.status))
  const done = (text: string): RawResponse => ({ status: response.status, headers, text })
  if (fitsDeclaredLength(declared, headers["content-encoding"], limit)) {
    return Effect.map(Effect.catch(response.text, emptyOnNoBody), done)
  }
  // A fetch-backed response (FetchHttpClient) is read from its web body to the end: effect's `stream` aborts the
  // request once the stream ends, which browsers show as a canceled request although its body had arrived.
  const web = HttpClientResponse.toWeb(response)
  if (Option.isSome(web)) return readWebBody(request, web.value, limit, response.status).pipe(Effect.map(done))
  const decoder = new TextDecoder()
  let text = ""
  let bytes = 0
  return response.stream.pipe(
    Stream.runForEach((chunk) => {
      bytes += chunk.byteLength
      if (bytes > limit) return Effect.fail(tooLargeFailure(request, limit, response.status))
      text += decoder.decode(chunk, { stream: true })
      return Effect.void
    }),
    Effect.map(() => text + decoder.decode()),
    Effect.catch(emptyOnNoBody),
    Effect.map(done),
  )
}

/** A web `Response`'s body under the cap; interrupting the read (a timeout) cancels the body, which ends the request. */
const readWebBody = (
  request: WireRequest,
  web: globalThis.Response,
  limit: number,
  status: number,
): Effect.Effect<string, TransportFailure> => {
  const body = web.body
  if (body === null) return Effect.succeed("")
  return Effect.tryPromise({
    try: (signal) => {
      const reader = body.getReader()
      signal.addEventListener("abort", () => void reader.cancel().catch(() => {}), { once: true })
      return readCapped(chunksOfReader(reader), limit, status)
    },
    catch: (cause): TransportFailure =>
      cause instanceof ResponseTooLarge
        ? tooLargeFailure(request, limit, status)
        : { message: `${request.method} ${request.url.split("?")[0]}: the response body could not be read`, cause },
  })
}

const toBody = (request: WireRequest): HttpBody.HttpBody | undefined => {
  const { body } = request
  if (body === undefined) return undefined
  if (typeof body === "string") return HttpBody.text(body, request.headers["content-type"] ?? "application/json")
  return HttpBody.formData(body)
}

/**
 * The port over an effect/http `HttpClient` (one an Effect application provides, with its tracing and middleware).
 * Its timeout runs on the Effect `Clock` (so TestClock drives it) and interrupts the request, which aborts it.
 */
export const fromHttpClient = (client: HttpClient.HttpClient): Transport => {
  const send = (request: WireRequest, options: SendOptions): Effect.Effect<RawResponse, TransportFailure> => {
    const body = toBody(request)
    const built = HttpClientRequest.make(request.method)(request.url, { headers: request.headers })
    return client.execute(body === undefined ? built : HttpClientRequest.setBody(built, body)).pipe(
      Effect.mapError(failureOf),
      Effect.flatMap((response) => readText(request, response, options.maxResponseBytes ?? defaultMaxResponseBytes)),
      Effect.timeoutOption(options.timeoutMillis),
      Effect.flatMap((raw) =>
        Option.isSome(raw)
          ? Effect.succeed(raw.value)
          : Effect.fail<TransportFailure>({
            message: `${request.method} ${
              request.url.split("?")[0]
            }: no complete response within ${options.timeoutMillis} ms`,
            cause: undefined,
            timedOut: true,
          })
      ),
    )
  }
  return {
    send,
    sendPromise: async (request, options, signal) => {
      const exit = await Effect.runPromiseExit(send(request, options), signal === undefined ? undefined : { signal })
      if (Exit.isSuccess(exit)) return exit.value
      const failure = Cause.findError(exit.cause)
      if (Result.isSuccess(failure)) throw failure.success
      throw {
        message: `${request.method} ${request.url.split("?")[0]}: aborted`,
        cause: signal?.reason ?? Cause.squash(exit.cause),
      } satisfies TransportFailure
    },
  }
}
