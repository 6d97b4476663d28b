/**
 * The request path as pure steps, every rule of a call and none of its effects: plan the request (`prepare`), before
 * each attempt admit, wait or give up (`beforeAttempt`), judge a response (`statusError`, `transportError`), after a
 * failed attempt retry, wait or stop (`afterFailure`). Two interpreters drive them: the Effect one (`execute.ts`, over
 * `retryLoop.ts`: fibers, interruption, `Clock`, spans) and the Promise one (`promiseInterpreter.ts`: no fiber).
 * Neither adds a rule of its own; the fault matrix runs both.
 */
import * as Result from "effect/Result"
import type { RequestOptions } from "../ClientOptions.ts"
import { headerNames } from "./headerNames.ts"
import {
  type IntercomError,
  IntercomInvalidInputError,
  type IntercomResponseError,
  IntercomResponseTooLargeError,
  IntercomTimeoutError,
  IntercomTransportError,
} from "../IntercomError.ts"
import type { OperationDescriptor } from "../Operation.ts"
import { attemptFailure } from "./attemptFailure.ts"
import { buildRequestChecked, type BuiltRequest } from "./buildRequest.ts"
import type { ChecksOf } from "./operationChecks.ts"
import type { ResolvedConfig } from "./config.ts"
import { responseError } from "./decodeResponse.ts"
import { decide } from "./retryDecision.ts"
import { type AttemptFailure, policyOf, type RetryDecision, type RetryPolicy } from "./retryPolicy.ts"
import { searchQueryError } from "./searchQueryCheck.ts"
import type { RawResponse, TransportFailure, WireRequest } from "./transport.ts"
import { type ValidationMode, validationModes } from "./validation.ts"

/** Sent on every retry (not on the first attempt) with the number of the retry, like Stainless' `x-stainless-retry-count`. */
export const retryCountHeader = headerNames.retryCount

/** A call ready to send: the wire request, the policy it runs under and how its response is validated. */
export interface PreparedCall {
  /** With the arguments the description does not allow, sent as written (reported before sending). */
  readonly request: BuiltRequest
  readonly policy: RetryPolicy
  readonly validation: ValidationMode
}

/**
 * The wire request of a call, or why the SDK refuses it: the search query's rules, then the arguments against the
 * descriptor. The clients and the public `Request.buildRequest` (docs snippets, playground preview) share it.
 */
export const wireRequest = (
  operation: OperationDescriptor,
  args: unknown,
  config: ResolvedConfig,
  options: RequestOptions | undefined,
  checksOf: ChecksOf,
): ReturnType<typeof buildRequestChecked> => {
  const invalidQuery = searchQueryError(operation, args)
  return invalidQuery ? Result.fail(invalidQuery) : buildRequestChecked(operation, args, config, options, checksOf)
}

/**
 * Step 1, before anything is sent: the search query's rules, the arguments against the descriptor (the wire request),
 * and the call's policy (the client's, overridden by the call's options).
 */
export const prepare = (
  operation: OperationDescriptor,
  args: unknown,
  config: ResolvedConfig,
  options: RequestOptions | undefined,
  checksOf: ChecksOf,
): Result.Result<PreparedCall, IntercomError> => {
  const built = wireRequest(operation, args, config, options, checksOf)
  if (Result.isFailure(built)) return Result.fail(built.failure)
  let policy: RetryPolicy
  try {
    policy = policyOf(options, config.retry)
  } catch (error) {
    const message = (error as Error).message
    return Result.fail(
      new IntercomInvalidInputError({
        message: `${operation.name}: ${message}`,
        operation: operation.name,
        field: "options.retry",
        issues: [{ path: "options.retry", message }],
      }),
    )
  }
  const validation = options?.validateResponses ?? config.validateResponses
  if (!validationModes.includes(validation)) {
    const message = `expected one of ${validationModes.join(", ")}`
    return Result.fail(
      new IntercomInvalidInputError({
        message: `${operation.name}: invalid option \`validateResponses\`: ${message}`,
        operation: operation.name,
        field: "options.validateResponses",
        issues: [{ path: "options.validateResponses", message }],
      }),
    )
  }
  return Result.succeed({ request: built.success, policy, validation })
}

/** The request of attempt `attempt` (1-based): retries carry {@link retryCountHeader}. */
export const requestOfAttempt = (request: WireRequest, attempt: number): WireRequest =>
  attempt === 1 ? request : { ...request, headers: { ...request.headers, [retryCountHeader]: String(attempt - 1) } }

/**
 * Step 2, before each attempt: how long it may take, what is left of the call's budget at most. `<= 0`: the budget
 * is spent and the call ends with {@link callTimeoutError}.
 */
export const attemptTimeoutMillis = (policy: RetryPolicy, elapsedMillis: number): number =>
  Math.min(policy.attemptTimeout, policy.budget - elapsedMillis)

/** What is left of the call's budget (the bound of a rate-limit wait). */
export const budgetLeftMillis = (policy: RetryPolicy, elapsedMillis: number): number => policy.budget - elapsedMillis

/** Step 2: send the next attempt under `timeoutMillis`, wait `millis` for the rate limiter first, or give up. */
export type BeforeAttempt =
  | { readonly _tag: "Send"; readonly timeoutMillis: number }
  | { readonly _tag: "Wait"; readonly millis: number }
  | { readonly _tag: "OutOfTime" }

const outOfTime: BeforeAttempt = { _tag: "OutOfTime" }

/**
 * Step 2, before each attempt, `elapsedMillis` into the call: while the budget lasts, the rate limiter (`admit`:
 * `undefined` admits at `nowMillis`, a number is how long to wait) is asked first, and its wait is bounded by what is
 * left of the budget; the attempt then gets the rest of the budget, at most `attemptTimeout`. `OutOfTime` ends the
 * call with {@link callTimeoutError}.
 */
export const beforeAttempt = (
  policy: RetryPolicy,
  elapsedMillis: number,
  nowMillis: number,
  admit: ((nowMillis: number) => number | undefined) | undefined,
): BeforeAttempt => {
  const left = budgetLeftMillis(policy, elapsedMillis)
  if (left > 0 && admit !== undefined) {
    const wait = admit(nowMillis)
    if (wait !== undefined) return { _tag: "Wait", millis: Math.min(wait, left) }
  }
  const timeoutMillis = Math.min(policy.attemptTimeout, left)
  return timeoutMillis > 0 ? { _tag: "Send", timeoutMillis } : outOfTime
}

/** The call's budget ran out after `attempts` attempts. */
export const callTimeoutError = (
  operation: OperationDescriptor,
  policy: RetryPolicy,
  attempts: number,
): IntercomTimeoutError => {
  const timeout = policy.budget
  return new IntercomTimeoutError({
    message: `${operation.name}: the call's ${timeout} ms budget ran out after ${attempts} attempt(s)`,
    operation: operation.name,
    attempts,
    timeout,
  })
}

/** Attempt `attempt` got no complete response within `timeoutMillis`. */
export const attemptTimeoutError = (
  operation: OperationDescriptor,
  attempt: number,
  timeoutMillis: number,
): IntercomTimeoutError =>
  new IntercomTimeoutError({
    message: `${operation.name}: no complete response within ${timeoutMillis} ms (attempt ${attempt})`,
    operation: operation.name,
    attempts: attempt,
    timeout: timeoutMillis,
  })

/** Step 3a: the port failed (no complete response). */
export const transportError = (
  operation: OperationDescriptor,
  failure: TransportFailure,
  attempt: number,
  timeoutMillis: number,
): IntercomError =>
  failure.timedOut
    ? attemptTimeoutError(operation, attempt, timeoutMillis)
    : failure.tooLarge
    ? new IntercomResponseTooLargeError({
      message:
        `${operation.name}: the response body (status ${failure.tooLarge.status}) is larger than maxResponseBytes (${failure.tooLarge.limit} bytes); its reading was abandoned`,
      operation: operation.name,
      status: failure.tooLarge.status,
      limit: failure.tooLarge.limit,
      attempts: attempt,
    })
    : new IntercomTransportError({
      message: `${operation.name}: ${failure.message}`,
      operation: operation.name,
      attempts: attempt,
      cause: failure.cause,
    })

/**
 * Step 3b: a response's status. 2xx (and the declared success status: a few operations answer with a redirect) goes
 * on to decoding; anything else is the tagged error for its status, which the policy then judges.
 */
export const statusError = (
  operation: OperationDescriptor,
  raw: RawResponse,
  attempt: number,
): IntercomResponseError | undefined =>
  (raw.status >= 200 && raw.status < 300) || raw.status === operation.success.status
    ? undefined
    : responseError(operation, raw, attempt)

/** Step 4: the verdict on a failed attempt, with how it failed (for the logs). */
export type AfterFailure =
  | { readonly _tag: "Stop"; readonly reason: Extract<RetryDecision, { _tag: "Stop" }>["reason"] | "final" }
  | {
    readonly _tag: "Retry"
    readonly delayMillis: number
    readonly reason: Extract<RetryDecision, { _tag: "Retry" }>["reason"]
    /** The failed attempt's status, or `Transport` / `Timeout`. */
    readonly failure: string
  }

/**
 * Step 4: retry or stop after attempt `attempts` failed as `failure` (`undefined`: no retry can fix it, `final`),
 * by the pure `decide`. `retrySafe` is the descriptor's: whether sending twice has the effect of sending once.
 */
export const afterFailure = (
  policy: RetryPolicy,
  failure: AttemptFailure | undefined,
  retrySafe: boolean,
  attempts: number,
  elapsedMillis: number,
  nowMillis: number,
  random: number,
): AfterFailure => {
  if (failure === undefined) return { _tag: "Stop", reason: "final" }
  const decision = decide(policy, failure, { retrySafe, attempts, elapsedMillis, nowMillis, random })
  return decision._tag === "Stop"
    ? decision
    : { ...decision, failure: failure._tag === "Response" ? String(failure.status) : failure._tag }
}

/** {@link afterFailure} for an `IntercomError` of `operation`. */
export const afterError = (
  operation: OperationDescriptor,
  policy: RetryPolicy,
  error: IntercomError,
  attempts: number,
  elapsedMillis: number,
  nowMillis: number,
  random: number,
): AfterFailure =>
  afterFailure(policy, attemptFailure(error), operation.retrySafe, attempts, elapsedMillis, nowMillis, random)
