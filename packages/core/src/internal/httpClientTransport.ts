import * as Effect from "effect/Effect"
import * as HttpBody from "effect/http/HttpBody"
import type * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import type { RawResponse, Transport, WireRequest } from "./transport.ts"

const toBody = (request: WireRequest): HttpBody.HttpBody | undefined => {
  const { body } = request
  if (body === undefined) return undefined
  if (typeof body === "string") return HttpBody.text(body, request.headers["content-type"] ?? "application/json")
  return HttpBody.formData(body)
}

/** Sends through an effect/http `HttpClient` (undici on Node, fetch in browsers, or any client a user provides). */
export const fromHttpClient =
  (client: HttpClient.HttpClient): Transport =>
  (request) => {
    const body = toBody(request)
    const built = HttpClientRequest.make(request.method)(request.url, { headers: request.headers })
    return client.execute(body === undefined ? built : HttpClientRequest.setBody(built, body)).pipe(
      Effect.flatMap((response) =>
        Effect.map(response.text, (text): RawResponse => ({ status: response.status, headers: { ...response.headers }, text })),
      ),
      Effect.mapError((error) => ({
        message: error.message,
        // The reason's cause (a socket error), not the HttpClientError: that one holds the request headers.
        cause: "cause" in error.reason ? error.reason.cause : undefined,
      })),
    )
  }
