/**
 * Response validation modes and the mismatches they report. Real Intercom answers deviate from the spec in places:
 * in `"warn"` mode the body is returned as received and each mismatch is described by operation, JSON path, what the
 * spec expected and what came instead (a kind of value, never the value of a string: bodies hold personal data).
 */
import { type FlatIssue, formatPath } from "./issuePaths.ts"
import type { ValidationIssue } from "../ClientOptions.ts"

export { type ValidationIssue, type ValidationMode, validationModes } from "../ClientOptions.ts"

/** A kind of value, with the value itself only for numbers and booleans (strings may be emails, names...). */
export const describeValue = (value: unknown, present: boolean): string => {
  if (!present) return "missing"
  if (value === null) return "null"
  if (Array.isArray(value)) return "array"
  switch (typeof value) {
    case "number":
    case "boolean":
      return `${typeof value} ${value}`
    default:
      return typeof value
  }
}

const valueAt = (
  root: unknown,
  path: ReadonlyArray<PropertyKey>,
): { readonly present: boolean; readonly value: unknown } => {
  let value = root
  for (const key of path) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,ObjectLiteral,BooleanLiteral: Effect's issue paths only go through objects' own keys (a missing key is told by its message).
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) {
      return { present: false, value: undefined }
    }
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return { present: true, value }
}

/** The mismatches a check found, with `got` read from the body itself. */
export const validationIssues = (
  operation: string,
  issues: ReadonlyArray<FlatIssue>,
  body: unknown,
): ReadonlyArray<ValidationIssue> =>
  issues.map(({ path, message }) => {
    const found = valueAt(body, path)
    // Stryker disable next-line Regex: Effect's messages start with their kind.
    const missing = /^Missing key/.test(message)
    return {
      operation,
      path: `$${formatPath(path)}`,
      // Stryker disable next-line Regex,StringLiteral: Effect's messages start with "Expected " and, today, carry no ", got …".
      expected: missing ? "a value" : message.replace(/^Expected /, "").replace(/, got .*$/s, ""),
      // Stryker disable next-line LogicalOperator: a missing key is never present, a key found is never missing.
      got: describeValue(found.value, found.present && !missing),
    }
  })

/** The key under which an issue is reported once: array indexes do not count (`$.data[].id`). */
export const reportKey = (issue: ValidationIssue): string =>
  `${issue.operation} ${issue.path.replace(/\[\d+\]/g, "[]")}`

/** The log line's fields for one issue. */
export const issueFields = (issue: ValidationIssue) => ({
  operation: issue.operation,
  path: issue.path,
  expected: JSON.stringify(issue.expected),
  got: JSON.stringify(issue.got),
})
