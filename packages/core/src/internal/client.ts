import * as Effect from "effect/Effect"
import type { RequestOptions } from "../IntercomConfig.ts"
import type { IntercomClient, OperationRecord } from "../IntercomClient.ts"
import * as Pagination from "../Pagination.ts"
import { execute, type ExecuteContext } from "./execute.ts"

/** Builds the Effect client for a record of operations: two closures per operation, made once per client. */
export const makeClient = <Ops extends OperationRecord>(operations: Ops, context: ExecuteContext): IntercomClient<Ops> => {
  const methods: Record<string, unknown> = {}
  const withResponse: Record<string, unknown> = {}
  const paginate: Record<string, unknown> = {}
  for (const [name, operation] of Object.entries(operations)) {
    if (Pagination.isPaginated(operation)) {
      paginate[name] = (params?: unknown, options?: RequestOptions) =>
        Pagination.items(operation, params, (args) => Effect.map(execute(context, operation, args, options), (response) => response.data))
    }
    withResponse[name] = (params?: unknown, options?: RequestOptions) => execute(context, operation, params, options)
    methods[name] = (params?: unknown, options?: RequestOptions) =>
      Effect.map(execute(context, operation, params, options), (response) => response.data)
  }
  methods.withResponse = withResponse
  methods.paginate = paginate
  return methods as IntercomClient<Ops>
}
