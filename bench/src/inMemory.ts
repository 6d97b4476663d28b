/**
 * An in-memory transport: an `effect/http` `HttpClient` (made with `HttpClient.make`, like the real undici and fetch
 * clients) that answers every request with one fixed JSON body, so a bench measures the SDK's own CPU work.
 */
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientResponse from "effect/http/HttpClientResponse"

const jsonHeaders = { "content-type": "application/json; charset=utf-8", "x-request-id": "bench" }

/** @category constructors */
export const makeInMemoryClient = (body: string): HttpClient.HttpClient =>
  HttpClient.make((request) =>
    Effect.succeed(HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers: jsonHeaders }))),
  )

/** Times `iterations` runs of `program` inside one Effect run; returns microseconds per iteration. */
export const timeEffect = async <A, E>(program: Effect.Effect<A, E>, iterations: number): Promise<number> => {
  const loop = Effect.gen(function* () {
    for (let i = 0; i < iterations; i++) yield* program
  })
  const start = performance.now()
  await Effect.runPromise(loop)
  return ((performance.now() - start) * 1000) / iterations
}
