/**
 * Findings as the SDK reports them, without the Schema that found them: a path of keys and a message. Both
 * checkers (Effect's parser through `issues.ts`, the generated compact one) give these.
 */
import type { IntercomIssue } from "../IntercomError.ts"

/** One problem of a value: where (keys, not yet formatted) and what. */
export interface FlatIssue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

const identifier = /^[A-Za-z_$][\w$]*$/

/** `["source", "author", "id"]` → `.source.author.id`; numbers become `[0]`, odd keys `["a-b"]`. */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path
    .map((key) =>
      typeof key === "number"
        ? `[${key}]`
        : typeof key === "string" && identifier.test(key)
        ? `.${key}`
        : `[${JSON.stringify(String(key))}]`
    )
    .join("")

/** Issues of a response body: paths start at `$`. */
export const flatBodyIssues = (issues: ReadonlyArray<FlatIssue>): ReadonlyArray<IntercomIssue> =>
  issues.map(({ path, message }) => ({ path: `$${formatPath(path)}`, message }))
