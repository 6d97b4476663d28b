/**
 * The effect-free checker of generated operations: the generator turns each operation's Schema (its AST, at build
 * time) into the compact shapes below, and this small interpreter checks a value against one, giving the same
 * `{ path, message }` findings as `flattenIssue` of Effect's parser for that Schema (same order, same messages, the
 * union rules of `SchemaAST`'s candidate index and `issues.ts`'s "closest alternative"). The Promise path of a page
 * then ships no Schema machinery; `compactValidator.test.ts` and `compactCalls.test.ts` hold the two to agreement.
 *
 * Every text that depends on the AST (`Expected …`, a check's message, a union member's name) is asked of Effect at
 * build time; the shape stores it wherever the few rules below (a kind's name, a literal's JSON, a union's members
 * joined) would not give the same text.
 */
import type { FlatIssue } from "./issuePaths.ts"

/** A check on a value that has the node's type: its kind, its bound, what Effect says it expects (`an integer`). */
export type CompactCheck =
  | readonly ["int", 0, string]
  | readonly ["finite", 0, string]
  | readonly ["minLength" | "maxLength" | "gte" | "lte", number, string]

/** A shape, or a function giving it (references inside a cycle). */
export type CompactRef = CompactShape | (() => CompactShape)

/**
 * `t` (kind): `s` string, `n` number, `b` boolean, `z` null, `v` undefined, `x` anything, `l` literal, `o` object,
 * `a` array, `u` union. `e` is what a value of another kind is told it should be (`Expected ${e}`), left out where
 * it is the kind's own name (see `expectedOf`): the generator writes it only where Effect says something else.
 */
export type CompactShape =
  | { readonly t: "s" | "n" | "b" | "z" | "v" | "x"; readonly e?: string; readonly c?: ReadonlyArray<CompactCheck> }
  | { readonly t: "l"; readonly v: string | number | boolean | null; readonly e?: string }
  | {
    readonly t: "o"
    readonly e?: string
    /** Properties: name, shape, `1` when the key may be absent. */
    readonly p: ReadonlyArray<readonly [string, CompactRef, 0 | 1]>
    /** The shape of every own key's value (an index signature with string keys). */
    readonly i?: CompactRef
    readonly c?: ReadonlyArray<CompactCheck>
  }
  | { readonly t: "a"; readonly e?: string; readonly i: CompactRef; readonly c?: ReadonlyArray<CompactCheck> }
  | {
    readonly t: "u"
    readonly e?: string
    readonly m: ReadonlyArray<CompactRef>
    /** Per member: the `[key, literal]` pairs that discriminate it (sentinels), when any member has some. */
    readonly d?: ReadonlyArray<ReadonlyArray<readonly [string, string | number | boolean | null]>>
    /** Per member: its name in a "closest of N alternatives" note, when not `alternative <i + 1>`. */
    readonly n?: ReadonlyArray<string>
  }

const shapeOf = (ref: CompactRef): CompactShape => (typeof ref === "function" ? ref() : ref)

const kindNames = {
  s: "string",
  n: "number",
  b: "boolean",
  z: "null",
  v: "undefined",
  x: "unknown",
  o: "object",
  a: "array",
}

/** What a value must be, as Effect says it: the stored text, else the kind's own name (the members' for a union). */
export const expectedOf = (ref: CompactRef): string => {
  const shape = shapeOf(ref)
  if (shape.e !== undefined) return shape.e
  switch (shape.t) {
    case "l":
      return JSON.stringify(shape.v)
    case "u":
      return [...new Set(shape.m.map(expectedOf))].join(" | ")
    default:
      return kindNames[shape.t]
  }
}

const allTypes = ["null", "undefined", "string", "number", "boolean", "symbol", "bigint", "object", "array", "function"]

/** The runtime types a union member is tried for (`SchemaAST`'s candidate types); a literal, its value. */
const candidateTypes = (ref: CompactRef): ReadonlyArray<string> | { readonly l: unknown } => {
  // A function is a reference through `Schema.suspend`: Effect tries it for every type.
  if (typeof ref === "function") return allTypes
  switch (ref.t) {
    case "l":
      return { l: ref.v }
    case "o":
      return ref.p.length > 0 || ref.i !== undefined ? ["object"] : allTypes
    case "u":
      return [
        ...new Set(ref.m.flatMap((member) => {
          const inner = candidateTypes(member)
          return Array.isArray(inner) ? inner : [typeof (inner as { readonly l: unknown }).l]
        })),
      ]
    case "x":
      return allTypes
    default:
      return [kindNames[ref.t]]
  }
}

type Path = ReadonlyArray<PropertyKey>

const runtimeType = (u: unknown): string => (u === null ? "null" : Array.isArray(u) ? "array" : typeof u)

const isLength = (u: unknown): u is { readonly length: number } => typeof u === "string" || Array.isArray(u)

const passes = (check: CompactCheck, value: unknown): boolean => {
  const n = value as number
  switch (check[0]) {
    case "int":
      return Number.isSafeInteger(n)
    case "finite":
      return Number.isFinite(n)
    case "minLength":
      return isLength(value) && value.length >= check[1]
    case "maxLength":
      return isLength(value) && value.length <= check[1]
    // As Effect's number order compares: NaN is below every number.
    case "gte":
      return n >= check[1]
    case "lte":
      return Number.isNaN(n) || n <= check[1]
  }
}

const checked = (
  out: Array<FlatIssue>,
  checks: ReadonlyArray<CompactCheck> | undefined,
  value: unknown,
  path: Path,
): void => {
  if (checks === undefined) return
  for (const check of checks) if (!passes(check, value)) out.push({ path, message: `Expected ${check[2]}` })
}

const deepest = (issues: ReadonlyArray<FlatIssue>): number => Math.max(0, ...issues.map((i) => i.path.length))

const hasKey = (
  record: object,
  key: string,
): boolean => (key === "__proto__" ? Object.hasOwn(record, key) : key in record)

/** The members of a union that a value is tried against, as `SchemaAST.getCandidateIndex` selects them. */
const candidates = (shape: Extract<CompactShape, { t: "u" }>, value: unknown): Array<number> => {
  const type = runtimeType(value)
  const kinds = shape.m.map(candidateTypes)
  const literalOf = (i: number) => {
    const kind = kinds[i]!
    return Array.isArray(kind) ? undefined : (kind as { readonly l: unknown }).l
  }
  const byType = (i: number) => {
    const kind = kinds[i]!
    return Array.isArray(kind) ? kind.includes(type) : typeof (kind as { readonly l: unknown }).l === type
  }
  const all = shape.m.map((_, i) => i)
  if (all.every((i) => literalOf(i) !== undefined)) return all.filter((i) => literalOf(i) === value)
  const sentinels = shape.d
  const fallback = all.filter((i) => (sentinels === undefined || sentinels[i]!.length === 0) && byType(i))
  if (sentinels === undefined) return fallback.filter((i) => literalOf(i) === undefined || literalOf(i) === value)
  const discriminated = all.filter((i) => sentinels[i]!.length > 0)
  const record = value as Record<string, unknown>
  const isObject = typeof value === "object" && value !== null
  const keys = [...new Set(discriminated.flatMap((i) => sentinels[i]!.map(([key]) => key)))]
  const owners = (key: string) => discriminated.filter((i) => sentinels[i]!.some(([k]) => k === key))
  const matching = (key: string, v: unknown) =>
    discriminated.filter((i) => sentinels[i]!.some(([k, l]) => k === key && l === v))
  if (keys.length === 1 && fallback.length === 0 && shape.m.every((_, i) => sentinels[i]!.length > 0)) {
    if (!isObject) return []
    const key = keys[0]!
    const v = hasKey(record, key) ? record[key] : undefined
    return v === undefined ? [] : matching(key, v)
  }
  if (!isObject) return fallback
  // The key every discriminated member owns, with the most distinct values.
  let common: string | undefined
  let commonValues = 0
  for (const key of keys) {
    const values = new Set(matchingValues(discriminated, sentinels, key)).size
    if (owners(key).length === discriminated.length && (common === undefined || values > commonValues)) {
      common = key
      commonValues = values
    }
  }
  const selected = new Set(fallback)
  let direct: string | undefined
  if (common !== undefined && hasKey(record, common)) {
    const match = matching(common, record[common])
    if (match.length === 0) return fallback
    for (const i of match) selected.add(i)
    direct = common
  }
  if (direct === undefined) {
    for (const key of keys) if (hasKey(record, key)) { for (const i of matching(key, record[key])) selected.add(i) }
  }
  for (const key of keys) {
    if (key === direct || !hasKey(record, key)) continue
    const match = matching(key, record[key])
    for (const i of owners(key)) if (!match.includes(i)) selected.delete(i)
  }
  return [...selected].sort((a, b) => a - b)
}

const matchingValues = (
  members: ReadonlyArray<number>,
  sentinels: ReadonlyArray<ReadonlyArray<readonly [string, unknown]>>,
  key: string,
): Array<unknown> => members.flatMap((i) => sentinels[i]!.filter(([k]) => k === key).map(([, l]) => l))

const walk = (out: Array<FlatIssue>, ref: CompactRef, value: unknown, path: Path): void => {
  const shape = shapeOf(ref)
  switch (shape.t) {
    case "x":
      return checked(out, shape.c, value, path)
    case "l":
      if (value !== shape.v) out.push({ path, message: `Expected ${expectedOf(shape)}` })
      return
    case "s":
    case "n":
    case "b":
    case "z":
    case "v": {
      const ok = shape.t === "s"
        ? typeof value === "string"
        : shape.t === "n"
        ? typeof value === "number"
        : shape.t === "b"
        ? typeof value === "boolean"
        : shape.t === "z"
        ? value === null
        : value === undefined
      if (!ok) out.push({ path, message: `Expected ${expectedOf(shape)}` })
      else checked(out, shape.c, value, path)
      return
    }
    case "a": {
      if (!Array.isArray(value)) {
        out.push({ path, message: `Expected ${expectedOf(shape)}` })
        return
      }
      const before = out.length
      for (let i = 0; i < value.length; i++) walk(out, shape.i, value[i], [...path, i])
      if (out.length === before) checked(out, shape.c, value, path)
      return
    }
    case "o": {
      if (shape.p.length === 0 && shape.i === undefined) {
        if (value === null || value === undefined) out.push({ path, message: `Expected ${expectedOf(shape)}` })
        else checked(out, shape.c, value, path)
        return
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        out.push({ path, message: `Expected ${expectedOf(shape)}` })
        return
      }
      const record = value as Record<string, unknown>
      const before = out.length
      for (const [key, type, optional] of shape.p) {
        if (!Object.hasOwn(record, key)) {
          if (optional === 0) out.push({ path: [...path, key], message: "Missing key" })
          continue
        }
        walk(out, type, record[key], [...path, key])
      }
      if (shape.i !== undefined) {
        for (const key of Object.keys(record)) {
          walk(out, shape.i, record[key], [...path, key])
        }
      }
      if (out.length === before) checked(out, shape.c, value, path)
      return
    }
    case "u": {
      const chosen = candidates(shape, value)
      if (chosen.length === 0) {
        out.push({ path, message: `Expected ${expectedOf(shape)}` })
        return
      }
      if (chosen.length === 1) return walk(out, shape.m[chosen[0]!]!, value, path)
      let best: { readonly member: number; readonly problems: Array<FlatIssue> } | undefined
      for (const member of chosen) {
        const problems: Array<FlatIssue> = []
        walk(problems, shape.m[member]!, value, path)
        // The first member that accepts the value is the answer (Effect's `anyOf` unions).
        if (problems.length === 0) return
        if (
          best === undefined ||
          problems.length < best.problems.length ||
          (problems.length === best.problems.length && deepest(problems) > deepest(best.problems))
        ) {
          best = { member, problems }
        }
      }
      const note = ` (closest of ${shape.m.length} alternatives: ${
        shape.n?.[best!.member] ?? `alternative ${best!.member + 1}`
      })`
      for (const problem of best!.problems) out.push({ path: problem.path, message: problem.message + note })
      return
    }
  }
}

/** The findings of `value` against `shape` (empty when it is accepted as is), as `flattenIssue` gives them. */
export const compactIssues = (shape: CompactRef, value: unknown): ReadonlyArray<FlatIssue> => {
  const out: Array<FlatIssue> = []
  walk(out, shape, value, [])
  return out
}

/** The top-level property names a flat body accepts, or `undefined` when it accepts any. */
export type CompactBodyKeys = ReadonlyArray<string> | undefined

/** What the generator emits beside a descriptor so that the Promise path checks and decodes without Schema. */
export interface CompactChecks {
  /** Per parameter, in the descriptor's order: its shape. */
  readonly parameters: ReadonlyArray<CompactRef>
  readonly body?: { readonly shape: CompactRef; readonly keys: CompactBodyKeys } | undefined
  readonly success?: CompactRef | undefined
}
