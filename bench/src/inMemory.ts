/**
 * An in-memory transport: an `effect/http` `HttpClient` (made with `HttpClient.make`, like the real undici and fetch
 * clients) that answers every request with one fixed JSON body, so a bench measures the SDK's own CPU work.
 * The response is a minimal `HttpClientResponse` over a string: a Web `Response` would add its stream machinery
 * (tens of µs per call) to every figure, which no real transport pays twice.
 */
import * as Cookies from "effect/http/Cookies"
import * as Effect from "effect/Effect"
import * as Headers from "effect/http/Headers"
import * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as HttpIncomingMessage from "effect/http/HttpIncomingMessage"
import * as UrlParams from "effect/http/UrlParams"
import * as Option from "effect/Option"
import { pipeArguments } from "effect/Pipeable"
import * as Stream from "effect/Stream"

/** As the bench server answers: with the body's length, unless a bench wants a body of unknown length. */
const headersFor = (body: string, declareLength: boolean) =>
  Headers.fromInput({
    "content-type": "application/json; charset=utf-8",
    "x-request-id": "bench",
    ...(declareLength ? { "content-length": String(Buffer.byteLength(body)) } : {}),
  })

const unsupported = Effect.die("in-memory transport: no form data or upgrade")

const makeResponse = (
  request: HttpClientRequest.HttpClientRequest,
  body: string,
  responseHeaders: Headers.Headers,
): HttpClientResponse.HttpClientResponse => {
  const text = Effect.succeed(body)
  const response = {
    [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId,
    [HttpClientResponse.TypeId]: HttpClientResponse.TypeId,
    request,
    url: request.url,
    status: 200,
    headers: responseHeaders,
    cookies: Cookies.empty,
    remoteAddress: Option.none(),
    text,
    json: Effect.sync(() => JSON.parse(body)),
    arrayBuffer: Effect.sync(() => new TextEncoder().encode(body).buffer as ArrayBuffer),
    urlParamsBody: Effect.succeed(UrlParams.empty),
    get stream() {
      return Stream.make(new TextEncoder().encode(body))
    },
    formData: unsupported,
    upgrade: unsupported,
    toJSON: () => ({ _id: "HttpClientResponse", status: 200 }),
    toString: () => "HttpClientResponse(200)",
    [Symbol.for("nodejs.util.inspect.custom")]: () => "HttpClientResponse(200)",
    pipe() {
      return pipeArguments(this, arguments)
    },
  }
  return response as unknown as HttpClientResponse.HttpClientResponse
}

/**
 * `declareLength: false` answers without `Content-Length` (as a chunked response would), so a client that caps the
 * body's size has to count it as it streams.
 *
 * @category constructors
 */
export const makeInMemoryClient = (
  body: string,
  { declareLength = true }: { readonly declareLength?: boolean } = {},
): HttpClient.HttpClient => {
  const responseHeaders = headersFor(body, declareLength)
  return HttpClient.make((request) => Effect.sync(() => makeResponse(request, body, responseHeaders)))
}
