import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as HttpBody from "effect/http/HttpBody"
import type * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import type { RawResponse, SendOptions, Transport, TransportFailure, WireRequest } from "./transport.ts"

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
      Effect.flatMap((response) =>
        Effect.map(response.text, (text): RawResponse => ({ status: response.status, headers: { ...response.headers }, text })),
      ),
      Effect.mapError(
        (error): TransportFailure => ({
          message: error.message,
          // The reason's cause (a socket error), not the HttpClientError: that one holds the request headers.
          cause: "cause" in error.reason ? error.reason.cause : undefined,
        }),
      ),
      Effect.timeoutOption(options.timeoutMillis),
      Effect.flatMap((raw) =>
        Option.isSome(raw)
          ? Effect.succeed(raw.value)
          : Effect.fail<TransportFailure>({
              message: `${request.method} ${request.url.split("?")[0]}: no complete response within ${options.timeoutMillis} ms`,
              cause: undefined,
              timedOut: true,
            }),
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
      throw { message: `${request.method} ${request.url.split("?")[0]}: aborted`, cause: signal?.reason ?? Cause.squash(exit.cause) } satisfies TransportFailure
    },
  }
}
