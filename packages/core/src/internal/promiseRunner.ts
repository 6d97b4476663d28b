import type { IntercomOptions, PromiseRequestOptions } from "../IntercomConfig.ts"
import type { Operation } from "../Operation.ts"
import type { ResolvedConfig } from "./config.ts"
import { resolveOrThrow, type RunOperation } from "./runOperation.ts"

/** Runs operations for one Promise client instance. */
export interface PromiseRunner {
  readonly run: (
    operation: Operation,
    params: unknown,
    options: PromiseRequestOptions | undefined,
    withResponse: boolean,
  ) => Promise<unknown>
}

/**
 * The runner of one client instance over `runOperation`: its configuration is resolved at the first call (so a
 * missing token fails that call, not the import) and kept once valid.
 */
export const makeRunner = (
  runOperation: RunOperation,
  runnerOptions: { readonly options: () => IntercomOptions; readonly requireToken: boolean },
): PromiseRunner => {
  let config: ResolvedConfig | undefined
  return {
    // Not `async`: a call is one promise (the interpreter's), not one per layer.
    run: (operation, params, options, withResponse) => {
      if (config === undefined) {
        try {
          config = resolveOrThrow(runnerOptions.options(), runnerOptions.requireToken)
        } catch (error) {
          return Promise.reject(error)
        }
      }
      return runOperation(config, operation, params, options, withResponse)
    },
  }
}
