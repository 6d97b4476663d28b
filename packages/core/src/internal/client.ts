import * as Effect from "effect/Effect"
import type { RequestOptions } from "../IntercomConfig.ts"
import type { IntercomClient, OperationRecord } from "../IntercomClient.ts"
import { execute, type ExecuteContext } from "./execute.ts"

/** Builds the Effect client for a record of operations: two closures per operation, made once per client. */
export const makeClient = <Ops extends OperationRecord>(operations: Ops, context: ExecuteContext): IntercomClient<Ops> => {
  const methods: Record<string, unknown> = {}
  const withResponse: Record<string, unknown> = {}
  for (const [name, operation] of Object.entries(operations)) {
    withResponse[name] = (params?: unknown, options?: RequestOptions) => execute(context, operation, params, options)
    methods[name] = (params?: unknown, options?: RequestOptions) =>
      Effect.map(execute(context, operation, params, options), (response) => response.data)
  }
  methods.withResponse = withResponse
  return methods as IntercomClient<Ops>
}
