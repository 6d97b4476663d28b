/**
 * Search operations (the descriptor's `searchQuery`: contacts, conversations, tickets) get their `query` checked against
 * Intercom's search rules (operators, value types, 2 levels, 15 entries per group) before anything is sent.
 */
import * as Predicate from "effect/Predicate"
import { IntercomInvalidInputError } from "../IntercomError.ts"
import type { OperationDescriptor } from "../Operation.ts"
import * as SearchQuery from "../SearchQuery.ts"

/** The error for a search query that breaks the rules, or `undefined` (not a search, no query, or a fine one). */
export const searchQueryError = (
  operation: OperationDescriptor,
  args: unknown,
): IntercomInvalidInputError | undefined => {
  if (!operation.searchQuery || !Predicate.isObject(args) || !("query" in args)) return undefined
  const issues = SearchQuery.issues(args.query)
  const first = issues[0]
  if (first === undefined) return undefined
  return new IntercomInvalidInputError({
    message: `${operation.name}: invalid search query at ${first.path}: ${first.message}`,
    operation: operation.name,
    field: "query",
    issues: issues.map((issue) => ({ path: `$.${issue.path}`, message: issue.message })),
  })
}
