/**
 * The Promise interpreter of the call: it drives the pure steps of `callSteps.ts` (plan, admit, send, judge, retry,
 * decode) as one plain `async` function, no fiber and no Effect run loop. A call that succeeds at once is: prepare →
 * one send through the port → decode. The Effect interpreter (`execute.ts`) drives the same steps.
 */
import type { PromiseRequestOptions } from "../ClientOptions.ts"
import { IntercomAbortError, type IntercomError } from "../IntercomError.ts"
import type { OperationDescriptor } from "../Operation.ts"
import type { Permit } from "../RateLimiter.ts"
import {
  afterError,
  beforeAttempt,
  callTimeoutError,
  prepare,
  requestOfAttempt,
  statusError,
  transportError,
} from "./callSteps.ts"
import type { ResolvedConfig } from "./config.ts"
import {
  attemptFields,
  callFailedUnsafe,
  pathOf,
  rateLimitWaitLine,
  reportValidationUnsafe,
  retryLine,
} from "./observe.ts"
import { decodeResponseChecked } from "./decodeResponse.ts"
import { type ChecksOf, compactChecksOf } from "./operationChecks.ts"
import { systemTimers, type Timers, type Transport, type TransportFailure } from "./transport.ts"

/** What the Promise interpreter runs with. `timers` and `random` are the real ones unless a test brings its own. */
export interface PromiseCallContext {
  readonly config: ResolvedConfig
  readonly transport: Transport
  readonly timers?: Timers | undefined
  readonly random?: (() => number) | undefined
  /**
   * How the call checks its arguments and decodes its answer: compact descriptors only unless the platform hands in
   * the Schema checks (`schemaChecks.ts`'s `anyChecksOf`), so a page's `request` ships no Schema.
   */
  readonly checksOf?: ChecksOf | undefined
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException("The operation was aborted.", "AbortError")

/** The caller's abort, in the error family, with the signal's reason as its cause. */
const abortError = (operation: OperationDescriptor, signal: AbortSignal): IntercomAbortError => {
  const reason = abortReason(signal)
  const said = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : undefined
  return new IntercomAbortError({
    message: `${operation.name}: aborted by the caller${said === undefined || said === "" ? "" : ` (${said})`}`,
    operation: operation.name,
    cause: reason,
  })
}

/** Waits `millis` on `timers`; an aborted `signal` rejects with its reason. */
const sleep = (timers: Timers, millis: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal === undefined) {
      timers.setTimer(resolve, millis)
      return
    }
    if (signal.aborted) return reject(abortReason(signal))
    const onAbort = () => {
      timers.clearTimer(handle)
      reject(abortReason(signal))
    }
    const handle = timers.setTimer(() => {
      signal.removeEventListener("abort", onAbort)
      resolve()
    }, millis)
    signal.addEventListener("abort", onAbort, { once: true })
  })

/**
 * Runs one call: its `IntercomResponse`, or only its data when `withResponse` is `false` (so that the facade's
 * methods need no promise of their own on top). Rejects with the `IntercomError` itself, or with `IntercomAbortError` (the signal's reason as its cause)
 * once `options.signal` aborted (the request is aborted with it). One `async` function for the whole call: every
 * layer of promises is a microtask hop per call.
 */
export const runCall = async (
  context: PromiseCallContext,
  operation: OperationDescriptor,
  args: unknown,
  options: PromiseRequestOptions | undefined,
  withResponse = true,
): Promise<unknown> => {
  const { config, transport } = context
  const signal = options?.signal
  if (signal?.aborted) throw abortError(operation, signal)
  const checksOf = context.checksOf ?? compactChecksOf
  const prepared = prepare(operation, args, config, options, checksOf)
  if (prepared._tag === "Failure") throw prepared.failure
  const { request, policy, validation } = prepared.success
  if (request.validation.length > 0) reportValidationUnsafe(config, request.validation)
  const { log } = config
  const debug = log.enabled("debug")
  const path = debug ? pathOf(config, request) : ""
  const timers = context.timers ?? systemTimers
  const limiter = config.rateLimiter
  const start = timers.now()
  let attempts = 0
  // The waits before the next attempt (rate limiter, backoff), as asked for: what its log line reports.
  let waited = 0
  // The limiter's permit for the attempt being sent (none when it is disabled).
  let permit: Permit | undefined
  const admit = limiter.enabled
    ? (now: number) => {
      const admitted = limiter.admitUnsafe(now)
      if (typeof admitted === "number") return admitted
      permit = admitted
      return undefined
    }
    : undefined
  try {
    while (true) {
      permit = undefined as Permit | undefined
      let sentAt = timers.now()
      let step = beforeAttempt(policy, sentAt - start, sentAt, admit)
      while (step._tag === "Wait") {
        log.emit(...rateLimitWaitLine(operation, step.millis))
        waited += step.millis
        await sleep(timers, step.millis, signal)
        sentAt = timers.now()
        step = beforeAttempt(policy, sentAt - start, sentAt, admit)
      }
      if (step._tag === "OutOfTime") throw callTimeoutError(operation, policy, attempts)
      const { timeoutMillis } = step
      attempts++
      let error: IntercomError
      const waitMillis = waited
      waited = 0
      try {
        const raw = await transport.sendPromise(
          requestOfAttempt(request, attempts),
          { timeoutMillis, maxResponseBytes: config.maxResponseBytes },
          signal,
        )
        if (permit !== undefined) limiter.observeUnsafe(permit, raw.headers, timers.now())
        if (debug) {
          log.emit(
            "debug",
            "attempt",
            attemptFields(operation, request, path, raw, attempts, waitMillis, timers.now() - sentAt),
          )
        }
        const failed = statusError(operation, raw, attempts)
        if (failed === undefined) {
          const decoded = decodeResponseChecked(operation, raw, attempts, validation, request.validation, checksOf)
          if (decoded._tag === "Failure") throw decoded.failure
          reportValidationUnsafe(config, decoded.success.validation)
          return withResponse ? decoded.success : decoded.success.data
        }
        error = failed
      } catch (thrown) {
        if (signal?.aborted) throw abortError(operation, signal)
        if (!isTransportFailure(thrown)) throw thrown
        error = transportError(operation, thrown, attempts, timeoutMillis)
        if (debug) {
          log.emit(
            "debug",
            "attempt",
            attemptFields(operation, request, path, error, attempts, waitMillis, timers.now() - sentAt),
          )
        }
      }
      const now = timers.now()
      const next = afterError(operation, policy, error, attempts, now - start, now, (context.random ?? Math.random)())
      if (next._tag === "Stop") throw error
      log.emit(...retryLine(operation, { attempts, ...next }))
      waited += next.delayMillis
      await sleep(timers, next.delayMillis, signal)
    }
  } catch (error) {
    // A wait (rate limit, backoff) ended by the signal rejects with its reason.
    if (signal?.aborted) throw error instanceof IntercomAbortError ? error : abortError(operation, signal)
    if (typeof error === "object" && error !== null && "_tag" in error) {
      callFailedUnsafe(config, operation, error as IntercomError)
    }
    throw error
  }
}

// What the port rejects with, as opposed to an error thrown above (decoding) that must pass through as is.
const isTransportFailure = (u: unknown): u is TransportFailure =>
  typeof u === "object" && u !== null && !("_tag" in u) && "message" in u && "cause" in u
