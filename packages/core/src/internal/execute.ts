/**
 * The Effect interpreter of the call: it drives the pure steps of `callSteps.ts` (plan, admit, send, judge, retry,
 * decode) with fibers, interruption, `Clock` waits (through `retryLoop.ts`) and spans. The Promise interpreter
 * (`promiseInterpreter.ts`) drives the same steps without a fiber.
 */
import * as Effect from "effect/Effect"
import type * as HttpClient from "effect/http/HttpClient"
import * as Result from "effect/Result"
import * as Tracer from "effect/Tracer"
import type { RequestOptions } from "../ClientOptions.ts"
import type { IntercomError } from "../IntercomError.ts"
import type { IntercomResponse } from "../IntercomResponse.ts"
import type { Operation, OperationDescriptor, ResultOf } from "../Operation.ts"
import * as RateLimiter from "../RateLimiter.ts"
import { attemptFailure, headersOf } from "./attemptFailure.ts"
import {
  callTimeoutError,
  type PreparedCall,
  prepare,
  requestOfAttempt,
  statusError,
  transportError,
} from "./callSteps.ts"
import type { ResolvedConfig } from "./config.ts"
import { rateLimitWaitLine, retryLine } from "./observe.ts"
import { attemptEvents, emitLine, reportValidation } from "./observeEffect.ts"
import { decodeResponseChecked } from "./decodeResponse.ts"
import { sendEffect } from "./effectTransport.ts"
import { anyChecksOf } from "./schemaChecks.ts"
import { fromHttpClient } from "./httpClientTransport.ts"
import { type AttemptInfo, retryEnforced } from "./retryLoop.ts"
import type { RawResponse, Transport, TransportFailure, WireRequest } from "./transport.ts"

/** What `executeWith` runs with: the resolved client options and the port requests leave through. */
export interface TransportContext {
  readonly config: ResolvedConfig
  readonly transport: Transport
}

/**
 * What `execute` runs with: the resolved client options, and how to send, either an effect/http `HttpClient` or a
 * `Transport`.
 */
export type ExecuteContext = TransportContext | {
  readonly config: ResolvedConfig
  readonly client: HttpClient.HttpClient
}

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
 * One attempt through the port: no complete response, or a non-2xx status, fails here, inside the attempt, so the
 * retry policy sees it (with its headers, e.g. `Retry-After`).
 */
const sendOnce = (
  transport: Transport,
  operation: OperationDescriptor,
  request: WireRequest,
  info: AttemptInfo,
  maxResponseBytes: number,
): Effect.Effect<RawResponse, IntercomError> =>
  sendEffect(transport, request, { timeoutMillis: info.timeoutMillis, maxResponseBytes }).pipe(
    Effect.mapError((failure: TransportFailure) =>
      transportError(operation, failure, info.attempt, info.timeoutMillis)
    ),
    Effect.flatMap((raw) => {
      const error = statusError(operation, raw, info.attempt)
      return error === undefined ? Effect.succeed(raw) : Effect.fail(error)
    }),
  )

/**
 * The attempts of a call under its policy: `send(request, info)` is attempt `info.attempt` (1-based) and enforces
 * `info.timeoutMillis` itself (the transport port does); retries carry `x-intercom-retry-count`. Each attempt first
 * asks the client's rate limiter (outside its timeout) and feeds it the response headers.
 */
const sendResiliently = <A>(
  config: ResolvedConfig,
  operation: OperationDescriptor,
  prepared: PreparedCall,
  send: (request: WireRequest, info: AttemptInfo) => Effect.Effect<A, IntercomError>,
): Effect.Effect<A, IntercomError> => {
  const { request, policy } = prepared
  const { rateLimiter: limiter, log } = config
  let permit: RateLimiter.Permit = { ticket: 0 }
  return retryEnforced<A, IntercomError, never>({
    policy,
    retrySafe: operation.retrySafe,
    admit: limiter.enabled
      ? (now) => {
        const admitted = limiter.admitUnsafe(now)
        if (typeof admitted === "number") return admitted
        permit = admitted
        return undefined
      }
      : undefined,
    attempt: (info) => {
      const sent = send(requestOfAttempt(request, info.attempt), info)
      if (!limiter.enabled) return sent
      const feed = (outcome: unknown) => {
        const headers = headersOf(outcome)
        return headers === undefined ? Effect.void : RateLimiter.observe(limiter, permit, headers)
      }
      return sent.pipe(Effect.tap(feed), Effect.tapError(feed))
    },
    classify: attemptFailure,
    onRetry: (info) => emitLine(log, retryLine(operation, info)),
    onRateLimitWait: (waitMillis) => emitLine(log, rateLimitWaitLine(operation, waitMillis)),
    onTimeout: ({ attempts }) => callTimeoutError(operation, policy, attempts),
  })
}

/**
 * One call: build the request from the descriptor and the flat arguments (validated; nothing is sent when they are
 * wrong) → send through the port, each attempt under its timeout → the retry policy decides on failed attempts
 * (waits on `Clock`) → decode the 2xx body with the success schema, or map the status to its tagged error.
 */
export const executeWith = <O extends Operation>(
  context: TransportContext,
  operation: O,
  args: unknown,
  options?: RequestOptions,
): Effect.Effect<IntercomResponse<ResultOf<O>>, IntercomError> => {
  const program = Effect.suspend(() => {
    const prepared = prepare(operation, args, context.config, options, anyChecksOf)
    if (Result.isFailure(prepared)) return Effect.fail(prepared.failure)
    const { config } = context
    const { request } = prepared.success
    if (request.validation.length > 0) {
      return Effect.andThen(reportValidation(config, request.validation), send(prepared.success))
    }
    return send(prepared.success)
  })
  const send = (prepared: PreparedCall) => {
    const { transport, config } = context
    let attempts = 0
    const observe = attemptEvents(config, operation, prepared.request)
    const attempt = (request: WireRequest, info: AttemptInfo) => {
      attempts = info.attempt
      return observe(sendOnce(transport, operation, request, info, config.maxResponseBytes), info)
    }
    return Effect.flatMap(sendResiliently(config, operation, prepared, attempt), (raw) => {
      const decoded = decodeResponseChecked(
        operation,
        raw,
        attempts,
        prepared.validation,
        prepared.request.validation,
        anyChecksOf,
      )
      if (Result.isFailure(decoded)) return Effect.fail(decoded.failure)
      const response = decoded.success as IntercomResponse<ResultOf<O>>
      return response.validation.length === 0
        ? Effect.succeed(response)
        : Effect.as(reportValidation(config, response.validation), response)
    })
  }
  // A span per call only when an application installed a tracer: Effect's built-in one records nothing anyone reads,
  // and making it cost a fifth of a call.
  return Effect.withFiber((fiber) =>
    fiber.getRef(Tracer.Tracer) === Tracer.nativeTracer
      ? program
      : program.pipe(
        Effect.withSpan(
          `Intercom.${operation.name}`,
          { attributes: { "intercom.operation": operation.operationId } },
          // The call site is always this file: capturing its stack trace cost ~3% of a call's CPU.
          { captureStackTrace: false },
        ),
      )
  )
}
