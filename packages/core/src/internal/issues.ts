/** Effect's schema issues flattened into the SDK's `{ path, message }` issues, paths written as `$.a[0].b`. */
import * as SchemaAST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import type { IntercomIssue } from "../IntercomError.ts"
import { type FlatIssue, flatBodyIssues } from "./issuePaths.ts"

export { type FlatIssue, formatPath } from "./issuePaths.ts"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const formatted = (issue: SchemaIssue.Issue, prefix: ReadonlyArray<PropertyKey>): Array<FlatIssue> =>
  formatter(issue).issues.map((entry) => ({
    path: [
      ...prefix,
      ...(entry.path ?? []).map((key) => (typeof key === "object" && key !== null && "key" in key ? key.key : key)),
    ],
    message: entry.message,
  }))

const requiredKeys = (ast: SchemaAST.AST): ReadonlyArray<string> =>
  SchemaAST.isObjects(ast)
    ? ast.propertySignatures.flatMap((p) => (p.type.context?.isOptional === true ? [] : [String(p.name)]))
    : []

/**
 * How a union member is named in a message: its identifier, else the required keys that set it apart from the
 * other members (`the alternative with \`user_id\``), else its position.
 */
export const memberName = (union: SchemaAST.Union, member: SchemaAST.AST): string => {
  const identifier = SchemaAST.resolveIdentifier(member)
  if (identifier !== undefined) return identifier
  const others = union.types.filter((type) => type !== member).map((type) => new Set(requiredKeys(type)))
  const own = requiredKeys(member).filter((key) => others.some((keys) => !keys.has(key)))
  if (own.length > 0) return `the alternative with ${own.map((key) => `\`${key}\``).join(", ")}`
  const index = union.types.indexOf(member)
  return index >= 0 ? `alternative ${index + 1}` : "one alternative"
}

/** The AST a member's issue is about (through pointers and refinements). */
const astOf = (issue: SchemaIssue.Issue): SchemaAST.AST | undefined =>
  "ast" in issue ? issue.ast : "issue" in issue ? astOf(issue.issue) : undefined

const deepest = (issues: ReadonlyArray<FlatIssue>): number => Math.max(0, ...issues.map((i) => i.path.length))

const walk = (issue: SchemaIssue.Issue, prefix: ReadonlyArray<PropertyKey>): Array<FlatIssue> => {
  switch (issue._tag) {
    case "Pointer":
      return walk(issue.issue, [...prefix, ...issue.path])
    case "Composite":
      return issue.issues.flatMap((inner) => walk(inner, prefix))
    case "AnyOf": {
      if (issue.issues.length === 0) return formatted(issue, prefix)
      if (issue.issues.length === 1) return walk(issue.issues[0]!, prefix)
      // Every member failed: the one with the fewest problems (then the one that got deepest) is what the caller
      // most likely meant; listing every member's problems blames keys of members they never meant.
      const members = issue.issues.map((member) => ({ member, problems: walk(member, prefix) }))
      let best = members[0]!
      for (const candidate of members) {
        if (
          candidate.problems.length < best.problems.length ||
          (candidate.problems.length === best.problems.length && deepest(candidate.problems) > deepest(best.problems))
        ) {
          best = candidate
        }
      }
      const ast = astOf(best.member)
      const name = ast === undefined ? "one alternative" : memberName(issue.ast, ast)
      const note = ` (closest of ${issue.ast.types.length} alternatives: ${name})`
      return best.problems.map((problem) => ({ ...problem, message: problem.message + note }))
    }
    default:
      return formatted(issue, prefix)
  }
}

/**
 * A schema issue flattened into `{ path, message }` entries, paths as keys (not yet formatted). A union that no
 * member matched reports the member that came closest, named, with the values that broke it.
 */
export const flattenIssue = (issue: SchemaIssue.Issue): ReadonlyArray<FlatIssue> => walk(issue, [])

/** Issues of a response body: paths start at `$`. */
export const bodyIssues = (issue: SchemaIssue.Issue): ReadonlyArray<IntercomIssue> =>
  flatBodyIssues(flattenIssue(issue))
