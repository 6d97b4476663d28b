/**
 * Typed queries for Intercom's search endpoints (`POST /contacts/search`, `/conversations/search`, `/tickets/search`):
 * a single `{ field, operator, value }` filter, or `AND`/`OR` groups of them nested at most two levels deep with at
 * most 15 entries per group. The types rule out most mistakes at compile time; {@link issues} catches the rest (and
 * everything from untyped callers) before anything is sent.
 *
 * @since 0.1.0
 */

/** @category models */
export type EqualityOperator = "=" | "!="
/** @category models */
export type ListOperator = "IN" | "NIN"
/** @category models */
export type OrderOperator = "<" | "<=" | ">" | ">="
/** @category models */
export type TextOperator = "~" | "!~" | "^" | "$"
/** @category models */
export type Operator = EqualityOperator | ListOperator | OrderOperator | TextOperator

/**
 * One condition. The value's type follows the operator: a list for `IN`/`NIN`, a number (unix time for dates) for
 * comparisons (or its decimal string, as Intercom's own examples send it), text for contains (`~`, `!~`), starts with (`^`) and ends with (`$`).
 *
 * @category models
 */
export type Filter =
  | { readonly field: string; readonly operator: EqualityOperator; readonly value: string | number | boolean | null }
  | { readonly field: string; readonly operator: ListOperator; readonly value: ReadonlyArray<string | number> }
  | { readonly field: string; readonly operator: OrderOperator; readonly value: number | `${number}` }
  | { readonly field: string; readonly operator: TextOperator; readonly value: string }

/**
 * A group inside a group: filters only (Intercom allows two levels).
 *
 * @category models
 */
export interface InnerGroup {
  readonly operator: "AND" | "OR"
  readonly value: ReadonlyArray<Filter>
}

/** @category models */
export interface Group {
  readonly operator: "AND" | "OR"
  readonly value: ReadonlyArray<Filter | InnerGroup>
}

/**
 * What the `query` of a search body accepts.
 *
 * @category models
 */
export type SearchQuery = Filter | Group

/**
 * Intercom's limits.
 *
 * @category constants
 */
export const limits = { maxDepth: 2, maxEntriesPerGroup: 15 } as const

/**
 * One problem, with where it is (`query.value[1].operator`).
 *
 * @category models
 */
export interface SearchQueryIssue {
  readonly path: string
  readonly message: string
}

/**
 * A filter, typed by its operator.
 *
 * @category constructors
 */
export const where: {
  (field: string, operator: EqualityOperator, value: string | number | boolean | null): Filter
  (field: string, operator: ListOperator, value: ReadonlyArray<string | number>): Filter
  (field: string, operator: OrderOperator, value: number | `${number}`): Filter
  (field: string, operator: TextOperator, value: string): Filter
} = (field: string, operator: Operator, value: unknown): Filter => ({ field, operator, value }) as Filter

/**
 * All of the entries.
 *
 * @category constructors
 */
export const and: {
  (...value: ReadonlyArray<Filter>): InnerGroup
  (...value: ReadonlyArray<Filter | InnerGroup>): Group
} = (...value: ReadonlyArray<Filter | InnerGroup>) => ({ operator: "AND", value }) as Group & InnerGroup

/**
 * Any of the entries.
 *
 * @category constructors
 */
export const or: {
  (...value: ReadonlyArray<Filter>): InnerGroup
  (...value: ReadonlyArray<Filter | InnerGroup>): Group
} = (...value: ReadonlyArray<Filter | InnerGroup>) => ({ operator: "OR", value }) as Group & InnerGroup

const operators: ReadonlySet<string> = new Set(["=", "!=", "IN", "NIN", "<", "<=", ">", ">=", "~", "!~", "^", "$"])
// typeof checks of its own: the Promise root exports this module and runs without effect.
const isString = (u: unknown): u is string => typeof u === "string"
const isNumber = (u: unknown): u is number => typeof u === "number"
const isBoolean = (u: unknown): u is boolean => typeof u === "boolean"
const scalar = (u: unknown) => isString(u) || isNumber(u) || isBoolean(u) || u === null
const finite = (u: unknown): u is number => isNumber(u) && Number.isFinite(u)
const numericString = (u: unknown): boolean => isString(u) && /^-?\d+(\.\d+)?$/.test(u)

const checkFilter = (node: Record<string, unknown>, path: string, issues: Array<SearchQueryIssue>) => {
  const { field, operator, value } = node
  if (!isString(field) || field.trim() === "") {
    issues.push({ path: `${path}.field`, message: "must be a non-empty field name" })
  }
  if (!isString(operator) || !operators.has(operator)) {
    issues.push({ path: `${path}.operator`, message: `must be one of ${[...operators].join(" ")}` })
    return
  }
  const at = `${path}.value`
  switch (operator) {
    case "IN":
    case "NIN":
      if (!Array.isArray(value) || value.length === 0) {
        issues.push({ path: at, message: `${operator} needs a non-empty list` })
      } else {value.forEach((item, i) => {
          if (!isString(item) && !finite(item)) {
            issues.push({ path: `${at}[${i}]`, message: "must be a string or a number" })
          }
        })}
      return
    case "<":
    case "<=":
    case ">":
    case ">=":
      if (!finite(value) && !numericString(value)) {
        issues.push({ path: at, message: `${operator} compares numbers (unix seconds for dates)` })
      }
      return
    case "~":
    case "!~":
    case "^":
    case "$":
      if (!isString(value)) issues.push({ path: at, message: `${operator} matches text: the value must be a string` })
      return
    default:
      if (!scalar(value) || (isNumber(value) && !Number.isFinite(value))) {
        issues.push({ path: at, message: `${operator} needs a string, number, boolean or null` })
      }
  }
}

const checkNode = (node: unknown, path: string, depth: number, issues: Array<SearchQueryIssue>): void => {
  if (typeof node !== "object" || node === null || Array.isArray(node)) {
    issues.push({
      path,
      message: "must be a filter { field, operator, value } or a group { operator: AND | OR, value: [...] }",
    })
    return
  }
  const record = node as Record<string, unknown>
  const isGroup = !("field" in record) &&
    (record.operator === "AND" || record.operator === "OR" || Array.isArray(record.value))
  if (!isGroup) return checkFilter(record, path, issues)
  if (record.operator !== "AND" && record.operator !== "OR") {
    issues.push({ path: `${path}.operator`, message: "a group's operator is AND or OR" })
  }
  if (depth > limits.maxDepth) {
    issues.push({ path, message: `groups nest at most ${limits.maxDepth} levels deep` })
    return
  }
  const entries = record.value
  if (!Array.isArray(entries) || entries.length === 0) {
    issues.push({ path: `${path}.value`, message: "a group needs a non-empty list of filters or groups" })
    return
  }
  if (entries.length > limits.maxEntriesPerGroup) {
    issues.push({
      path: `${path}.value`,
      message: `a group holds at most ${limits.maxEntriesPerGroup} entries (got ${entries.length})`,
    })
  }
  entries.forEach((entry, i) => checkNode(entry, `${path}.value[${i}]`, depth + 1, issues))
}

/**
 * Every problem in `query` (empty when it is fine).
 *
 * @category validation
 */
export const issues = (query: unknown, path = "query"): ReadonlyArray<SearchQueryIssue> => {
  const found: Array<SearchQueryIssue> = []
  checkNode(query, path, 1, found)
  return found
}

/**
 * Whether a value is a valid query (then typed as one); {@link issues} says what is wrong with one that is not.
 *
 * @category validation
 */
export const isSearchQuery = (query: unknown): query is SearchQuery => issues(query).length === 0
