/** The Effect client: one method per operation of a record (plus `withResponse` and `paginate`), each running `execute`. */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { RequestOptions } from "../IntercomConfig.ts"
import type { IntercomError } from "../IntercomError.ts"
import type { IntercomClient, OperationRecord } from "../IntercomClient.ts"
import type { IntercomResponse } from "../IntercomResponse.ts"
import type { Operation } from "../Operation.ts"
import * as Pagination from "../Pagination.ts"
import { execute, type ExecuteContext } from "./execute.ts"
import { methodNames, notInVersion } from "./notInVersion.ts"

/** How a client runs one call: the real `execute`, or a test layer's mock. */
export type RunCall = (
  operation: Operation,
  params: unknown,
  options: RequestOptions | undefined,
) => Effect.Effect<IntercomResponse<unknown>, IntercomError>

/** Builds the Effect client for a record of operations over `run`: three closures per operation, made once per client. */
export const makeClientWith = <Ops extends OperationRecord>(operations: Ops, run: RunCall): IntercomClient<Ops> => {
  const methods: Record<string, unknown> = {}
  const withResponse: Record<string, unknown> = {}
  const paginate: Record<string, unknown> = {}
  for (const [name, operation] of Object.entries(operations)) {
    if (Pagination.isPaginated(operation)) {
      paginate[name] = (params?: unknown, options?: RequestOptions) =>
        Pagination.items(
          operation,
          params,
          (args) => Effect.map(run(operation, args, options), (response) => response.data),
        )
    }
    withResponse[name] = (params?: unknown, options?: RequestOptions) => run(operation, params, options)
    methods[name] = (params?: unknown, options?: RequestOptions) =>
      Effect.map(run(operation, params, options), (response) => response.data)
  }
  methods.withResponse = withResponse
  methods.paginate = paginate
  return methods as IntercomClient<Ops>
}

/** The Effect client sending for real. */
export const makeClient = <Ops extends OperationRecord>(
  operations: Ops,
  context: ExecuteContext,
): IntercomClient<Ops> =>
  makeClientWith(operations, (operation, params, options) => execute(context, operation, params, options))

/**
 * Gives a client pinned to `version` the methods of the other versions, each failing with `IntercomNotInVersionError`
 * (`notInVersion.ts`): called through a cast or from JavaScript, such a method fails in the error channel, as the
 * Promise client's rejects, instead of not being a function.
 */
export const refuseOtherVersions = <A extends object>(client: A, version: string): A => {
  const methods = client as Record<string, any>
  for (const name of methodNames) {
    if (name in methods) continue
    const refused = Effect.flatMap(Effect.promise(() => notInVersion(name, version)), Effect.fail)
    methods[name] = methods.withResponse[name] = () => refused
    methods.paginate[name] = () => Stream.fromEffect(refused)
  }
  return client
}
