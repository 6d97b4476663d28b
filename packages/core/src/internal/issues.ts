import * as SchemaIssue from "effect/SchemaIssue"
import type { IntercomIssue } from "../IntercomError.ts"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const identifier = /^[A-Za-z_$][\w$]*$/

/** `["source", "author", "id"]` → `.source.author.id`; numbers become `[0]`, odd keys `["a-b"]`. */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path
    .map((key) =>
      typeof key === "number"
        ? `[${key}]`
        : typeof key === "string" && identifier.test(key)
          ? `.${key}`
          : `[${JSON.stringify(String(key))}]`,
    )
    .join("")

/** A schema issue flattened into `{ path, message }` entries, paths as keys (not yet formatted). */
export const flattenIssue = (
  issue: SchemaIssue.Issue,
): ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }> =>
  formatter(issue).issues.map((entry) => ({
    path: (entry.path ?? []).map((key) => (typeof key === "object" && key !== null && "key" in key ? key.key : key)),
    message: entry.message,
  }))

/** Issues of a response body: paths start at `$`. */
export const bodyIssues = (issue: SchemaIssue.Issue): ReadonlyArray<IntercomIssue> =>
  flattenIssue(issue).map(({ path, message }) => ({ path: `$${formatPath(path)}`, message }))
