import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Result from "effect/Result"
import type { RequestOptions } from "../IntercomConfig.ts"
import { type IntercomError, IntercomTransportError } from "../IntercomError.ts"
import type { IntercomResponse } from "../IntercomResponse.ts"
import type { Operation, ResultOf } from "../Operation.ts"
import { buildRequest } from "./buildRequest.ts"
import type { ResolvedConfig } from "./config.ts"
import { decodeResponse, type RawResponse, responseError } from "./decodeResponse.ts"
import { sendResiliently } from "./resilientSend.ts"
import { searchQueryError } from "./searchQueryCheck.ts"

const transportError = (operation: string, attempts: number, error: HttpClientError.HttpClientError) =>
  new IntercomTransportError({
    message: `${operation}: ${error.message}`,
    operation,
    attempts,
    // The reason's cause (a socket or fetch error), not the HttpClientError: that one holds the request headers.
    cause: "cause" in error.reason ? error.reason.cause : undefined,
  })

/**
 * Sends the request once and reads the whole body. Non-2xx statuses fail here, inside the attempt, so the retry
 * policy sees them (with their headers, e.g. `Retry-After`).
 */
const sendOnce = (
  client: HttpClient.HttpClient,
  request: HttpClientRequest.HttpClientRequest,
  operation: Operation,
  attempt: number,
): Effect.Effect<RawResponse, IntercomError> =>
  client.execute(request).pipe(
    Effect.flatMap((response) =>
      Effect.map(response.text, (text): RawResponse => ({ status: response.status, headers: { ...response.headers }, text })),
    ),
    Effect.mapError((error) => transportError(operation.name, attempt, error)),
    Effect.flatMap((raw) =>
      // The declared success status counts too: a few operations answer with a redirect (302 to a recording).
      (raw.status >= 200 && raw.status < 300) || raw.status === operation.success.status
        ? Effect.succeed(raw)
        : Effect.fail(responseError(operation, raw, attempt)),
    ),
  )

/** What `execute` runs with: the HTTP client and the resolved client options. */
export interface ExecuteContext {
  readonly client: HttpClient.HttpClient
  readonly config: ResolvedConfig
}

/**
 * THE one way an operation runs, for every client (Effect service, Promise clients, the browser's `request`):
 * build the request from the descriptor and the flat arguments (validated; nothing is sent when they are wrong)
 * → send, each attempt under the per-attempt timeout → the retry policy decides on failed attempts → decode the 2xx
 * body with the success schema, or map the status to its tagged error.
 */
export const execute = <O extends Operation>(
  context: ExecuteContext,
  operation: O,
  args: unknown,
  options?: RequestOptions,
): Effect.Effect<IntercomResponse<ResultOf<O>>, IntercomError> =>
  Effect.suspend(() => {
    const invalidQuery = searchQueryError(operation, args)
    if (invalidQuery) return Effect.fail(invalidQuery)
    const built = buildRequest(operation, args, context.config, options)
    if (Result.isFailure(built)) return Effect.fail(built.failure)
    const request = built.success
    let attempts = 0
    const attempt = (request: HttpClientRequest.HttpClientRequest, n: number) => {
      attempts = n
      return sendOnce(context.client, request, operation, n)
    }
    // Retry policy, per-attempt timeout, call budget and rate limiter all wrap the sends here (RetryPolicy.ts).
    return sendResiliently(context.config, operation, request, options, attempt).pipe(
      Effect.flatMap((raw) => {
        const decoded = decodeResponse(operation, raw, attempts)
        return Result.isSuccess(decoded)
          ? Effect.succeed(decoded.success as IntercomResponse<ResultOf<O>>)
          : Effect.fail(decoded.failure)
      }),
    )
  }).pipe(Effect.withSpan(`Intercom.${operation.name}`, { attributes: { "intercom.operation": operation.operationId } }))
