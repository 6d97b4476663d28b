import * as Result from "effect/Result"
import type { IntercomOptions, PromiseRequestOptions } from "../IntercomConfig.ts"
import type { Operation } from "../Operation.ts"
import { type ResolvedConfig, resolveConfig } from "./config.ts"
import type { ChecksOf } from "./operationChecks.ts"
import { runCall } from "./promiseInterpreter.ts"
import type { Transport } from "./transport.ts"

/** Runs one operation as a Promise. */
export type RunOperation = (
  config: ResolvedConfig,
  operation: Operation,
  params: unknown,
  options: PromiseRequestOptions | undefined,
  withResponse: boolean,
) => Promise<unknown>

/**
 * Runs operations through the port `transportOf` gives (awaited only when it is still being built), with the
 * Promise interpreter: failures reject with the `IntercomError` itself, and an aborted `signal` aborts the request
 * and rejects with `IntercomAbortError`, the signal's reason as its `cause`. `checksOf` as in `PromiseCallContext`.
 */
export const makeRunOperationWith = (
  transportOf: () => Transport | Promise<Transport>,
  checksOf?: ChecksOf | undefined,
): RunOperation => {
  let ready: Transport | undefined
  const run: RunOperation = (config, operation, params, options, withResponse) => {
    const transport = ready
    if (transport === undefined) {
      return new Promise<Transport>((resolve) => resolve(transportOf())).then((built) => {
        ready = built
        return run(config, operation, params, options, withResponse)
      })
    }
    return runCall({ config, transport, checksOf }, operation, params, options, withResponse)
  }
  return run
}

/** Resolves the options into a config, or throws the `IntercomConfigError`. */
export const resolveOrThrow = (options: IntercomOptions, requireToken: boolean): ResolvedConfig => {
  const resolved = resolveConfig(options, { requireToken })
  if (Result.isFailure(resolved)) throw resolved.failure
  return resolved.success
}
