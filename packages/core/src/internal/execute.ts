import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import type * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Result from "effect/Result"
import type { RequestOptions } from "../IntercomConfig.ts"
import { type IntercomError, IntercomTimeoutError, IntercomTransportError } from "../IntercomError.ts"
import type { IntercomResponse } from "../IntercomResponse.ts"
import type { Operation, ResultOf } from "../Operation.ts"
import { buildRequest } from "./buildRequest.ts"
import type { ResolvedConfig } from "./config.ts"
import { decodeResponse, type RawResponse, responseError } from "./decodeResponse.ts"
import { defaultRetryPolicy } from "./retry.ts"

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
      raw.status >= 200 && raw.status < 300 ? Effect.succeed(raw) : Effect.fail(responseError(operation, raw, attempt)),
    ),
  )

/** Fails the attempt with `IntercomTimeoutError` (and interrupts it, which aborts the socket) after `timeout` ms. */
const withTimeout = <A>(
  effect: Effect.Effect<A, IntercomError>,
  operation: Operation,
  attempt: number,
  timeout: number,
): Effect.Effect<A, IntercomError> =>
  Effect.timeoutOrElse(effect, {
    duration: timeout,
    orElse: () =>
      Effect.fail(
        new IntercomTimeoutError({
          message: `${operation.name}: no complete response within ${timeout} ms (attempt ${attempt})`,
          operation: operation.name,
          attempts: attempt,
          timeout,
        }),
      ),
  })

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
    const built = buildRequest(operation, args, context.config, options)
    if (Result.isFailure(built)) return Effect.fail(built.failure)
    const request = built.success
    const timeout = options?.timeout ?? context.config.timeout
    const maxRetries = options?.maxRetries ?? context.config.maxRetries
    let attempts = 0
    const attempt = (n: number) => {
      attempts = n
      return withTimeout(sendOnce(context.client, request, operation, n), operation, n, timeout)
    }
    // The per-attempt timeout wraps each send (in `attempt`); the retry policy wraps the attempts.
    return defaultRetryPolicy(attempt, { operation, maxRetries }).pipe(
      Effect.flatMap((raw) => {
        const decoded = decodeResponse(operation, raw, attempts)
        return Result.isSuccess(decoded)
          ? Effect.succeed(decoded.success as IntercomResponse<ResultOf<O>>)
          : Effect.fail(decoded.failure)
      }),
    )
  }).pipe(Effect.withSpan(`Intercom.${operation.name}`, { attributes: { "intercom.operation": operation.operationId } }))
