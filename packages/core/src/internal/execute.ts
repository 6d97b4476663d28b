import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Result from "effect/Result"
import type { RequestOptions } from "../IntercomConfig.ts"
import { type IntercomError, IntercomTimeoutError, IntercomTransportError } from "../IntercomError.ts"
import type { IntercomResponse } from "../IntercomResponse.ts"
import type { Operation, ResultOf } from "../Operation.ts"
import { buildRequest } from "./buildRequest.ts"
import type { ResolvedConfig } from "./config.ts"
import { decodeResponse, responseError } from "./decodeResponse.ts"
import { fromHttpClient } from "./httpClientTransport.ts"
import { sendResiliently } from "./resilientSend.ts"
import { searchQueryError } from "./searchQueryCheck.ts"
import type { RawResponse, Transport, WireRequest } from "./transport.ts"

/**
 * Sends the request once and reads the whole body. Non-2xx statuses fail here, inside the attempt, so the retry
 * policy sees them (with their headers, e.g. `Retry-After`).
 */
const sendOnce = (
  transport: Transport,
  request: WireRequest,
  operation: Operation,
  attempt: number,
  timeoutMillis: number,
): Effect.Effect<RawResponse, IntercomError> =>
  (transport.enforcesTimeout ? transport(request, { timeoutMillis }) : transport(request)).pipe(
    Effect.mapError((failure) =>
      failure.timedOut
        ? // The retry loop turns this into its own attempt-timeout error (same message, attempts and decision).
          new IntercomTimeoutError({
            message: `${operation.name}: ${failure.message}`,
            operation: operation.name,
            attempts: attempt,
            timeout: timeoutMillis,
          })
        : new IntercomTransportError({
            message: `${operation.name}: ${failure.message}`,
            operation: operation.name,
            attempts: attempt,
            cause: failure.cause,
          }),
    ),
    Effect.flatMap((raw) =>
      // The declared success status counts too: a few operations answer with a redirect (302 to a recording).
      (raw.status >= 200 && raw.status < 300) || raw.status === operation.success.status
        ? Effect.succeed(raw)
        : Effect.fail(responseError(operation, raw, attempt)),
    ),
  )

/** What `executeWith` runs with: the resolved client options and the transport that sends. */
export interface TransportContext {
  readonly config: ResolvedConfig
  readonly transport: Transport
}

/**
 * What `execute` runs with: the resolved client options, and how to send, either an effect/http `HttpClient` or a
 * `Transport` (the browser's lean `fetch`).
 */
export type ExecuteContext = TransportContext | { readonly config: ResolvedConfig; readonly client: HttpClient.HttpClient }

/** `execute` over an effect/http `HttpClient` or a `Transport`. */
export const execute = <O extends Operation>(
  context: ExecuteContext,
  operation: O,
  args: unknown,
  options?: RequestOptions,
): Effect.Effect<IntercomResponse<ResultOf<O>>, IntercomError> =>
  executeWith(
    "transport" in context ? context : { config: context.config, transport: fromHttpClient(context.client) },
    operation,
    args,
    options,
  )

/**
 * THE one way an operation runs, for every client (Effect service, Promise clients, the browser's `request`):
 * build the request from the descriptor and the flat arguments (validated; nothing is sent when they are wrong)
 * → send, each attempt under the per-attempt timeout → the retry policy decides on failed attempts → decode the 2xx
 * body with the success schema, or map the status to its tagged error.
 */
export const executeWith = <O extends Operation>(
  context: TransportContext,
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
    const { transport } = context
    let attempts = 0
    const attempt = (request: WireRequest, n: number, timeoutMillis: number) => {
      attempts = n
      return sendOnce(transport, request, operation, n, timeoutMillis)
    }
    // Retry policy, per-attempt timeout, call budget and rate limiter all wrap the sends here (RetryPolicy.ts).
    return sendResiliently(context.config, operation, request, options, attempt, transport.enforcesTimeout === true).pipe(
      Effect.flatMap((raw) => {
        const decoded = decodeResponse(operation, raw, attempts)
        return Result.isSuccess(decoded)
          ? Effect.succeed(decoded.success as IntercomResponse<ResultOf<O>>)
          : Effect.fail(decoded.failure)
      }),
    )
  }).pipe(
    // The call site is always this file: capturing its stack trace cost ~3% of a call's CPU.
    Effect.withSpan(
      `Intercom.${operation.name}`,
      { attributes: { "intercom.operation": operation.operationId } },
      { captureStackTrace: false },
    ),
  )
