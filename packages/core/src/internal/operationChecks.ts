/**
 * The one function through which a call checks its arguments and decodes its answer: `checksOf(operation)`. A
 * generated compact descriptor (`generated/compact/operations`, public as `@utdk/intercom-core/compact/operations`) brings its own effect-free checks; a descriptor with
 * Schemas is checked by Effect's parser (`schemaChecks.ts`), which a platform hands in only where it ships Schema.
 */
import type { OperationDescriptor } from "../Operation.ts"
import type { CompactOperation } from "./compactOperation.ts"
import { compactIssues } from "./compactValidator.ts"
import type { FlatIssue } from "./issuePaths.ts"

/** A value as it is sent (or returned), and what its description says against it (empty when nothing). */
export interface Checked {
  readonly value: unknown
  readonly issues: ReadonlyArray<FlatIssue>
}

export interface OperationChecks {
  /** The parameter at `index` of `operation.parameters`. */
  readonly parameter: (index: number, value: unknown) => Checked
  /** The top-level property names a flat body accepts, or `undefined` when it accepts any. */
  readonly bodyKeys: ReadonlySet<string> | undefined
  readonly body: (raw: unknown) => Checked
  /** A 2xx JSON body; `undefined` when the operation describes none. Unknown fields are kept. */
  readonly response: ((json: unknown) => Checked) | undefined
}

export type ChecksOf = (operation: OperationDescriptor) => OperationChecks

const isCompact = (operation: OperationDescriptor): boolean => "compact" in operation

const compactChecks = new WeakMap<object, OperationChecks>()

/** The checks of a compact descriptor, made at its first call. */
const compactChecksOfUnsafe = (operation: CompactOperation): OperationChecks => {
  let checks = compactChecks.get(operation)
  if (checks === undefined) {
    const { parameters, body, success } = operation.compact
    checks = {
      parameter: (index, value) => ({ value, issues: compactIssues(parameters[index]!, value) }),
      bodyKeys: body?.keys === undefined ? undefined : new Set(body.keys),
      body: (raw) => ({ value: raw, issues: body === undefined ? [] : compactIssues(body.shape, raw) }),
      response: success === undefined ? undefined : (json) => ({ value: json, issues: compactIssues(success, json) }),
    }
    compactChecks.set(operation, checks)
  }
  return checks
}

/**
 * Compact descriptors only (what a page's `request` ships): a descriptor with Schemas is refused with a message that
 * says where the compact one is.
 */
export const compactChecksOf: ChecksOf = (operation) => {
  if (isCompact(operation)) return compactChecksOfUnsafe(operation as unknown as CompactOperation)
  throw new TypeError(
    `${operation.name}: this descriptor carries Schemas; this client takes the compact descriptors of ` +
      "`@utdk/intercom-browser/operations`",
  )
}

/** Compact descriptors by their own checks, the others by `schemaChecksOf`. */
export const eitherChecksOf = (schemaChecksOf: ChecksOf): ChecksOf => (operation) =>
  isCompact(operation) ? compactChecksOfUnsafe(operation as unknown as CompactOperation) : schemaChecksOf(operation)
