/**
 * A generated operation in its effect-free form: the descriptor's facts with its Schemas replaced by the compact
 * checks the generator made from them (`compactValidator.ts`). What a page's Promise client takes.
 */
import type { BodyDescriptor, OperationDescriptor, PaginationStyle, ParameterDescriptor } from "../Operation.ts"
import type { CompactChecks } from "./compactValidator.ts"

export interface CompactOperation<
  out Params = unknown,
  out Result = unknown,
  out Pagination extends PaginationStyle = PaginationStyle,
> extends Omit<OperationDescriptor<Pagination>, "parameters" | "body" | "success" | "summary"> {
  readonly parameters: ReadonlyArray<Omit<ParameterDescriptor, "schema" | "summary">>
  readonly body: Omit<BodyDescriptor, "schema"> | undefined
  readonly success: { readonly status: number }
  readonly compact: CompactChecks
  readonly "~types"?: { readonly params: Params; readonly result: Result } | undefined
}
