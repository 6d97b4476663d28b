import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Result from "effect/Result"
import type { IntercomOptions, PromiseRequestOptions } from "../IntercomConfig.ts"
import type { Operation } from "../Operation.ts"
import { type ResolvedConfig, resolveConfig } from "./config.ts"
import { executeWith } from "./execute.ts"
import type { Transport } from "./transport.ts"

const abortReason = (signal: AbortSignal | undefined): unknown =>
  signal?.reason ?? new DOMException("The operation was aborted.", "AbortError")

/** Runs one operation as a Promise. */
export type RunOperation = (
  config: ResolvedConfig,
  operation: Operation,
  params: unknown,
  options: PromiseRequestOptions | undefined,
  withResponse: boolean,
) => Promise<unknown>

/**
 * Runs operations over the transport `transportOf` gives (awaited at each call, so it can be built lazily).
 * Failures reject with the error value of the Effect channel itself (not a wrapper), and an aborted `signal`
 * interrupts the program (which aborts the request) and rejects with the signal's reason, as `fetch` does.
 */
export const makeRunOperationWith =
  (transportOf: () => Transport | Promise<Transport>): RunOperation =>
  async (config, operation, params, options, withResponse) => {
    const signal = options?.signal
    if (signal?.aborted) throw abortReason(signal)
    const program = executeWith({ transport: await transportOf(), config }, operation, params, options)
    const exit = await Effect.runPromiseExit(
      withResponse ? program : Effect.map(program, (response) => response.data),
      signal ? { signal } : undefined,
    )
    if (Exit.isSuccess(exit)) return exit.value
    if (signal?.aborted && Cause.hasInterrupts(exit.cause)) throw abortReason(signal)
    const error = Cause.findError(exit.cause)
    throw Result.isSuccess(error) ? error.success : Cause.squash(exit.cause)
  }

/** Resolves the options into a config, or throws the `IntercomConfigError`. */
export const resolveOrThrow = (options: IntercomOptions, requireToken: boolean): ResolvedConfig => {
  const resolved = resolveConfig(options, { requireToken })
  if (Result.isFailure(resolved)) throw resolved.failure
  return resolved.success
}
