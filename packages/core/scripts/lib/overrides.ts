/**
 * The overrides file's shape and how it is applied to the parsed (not yet generated) description.
 * Every change happens on the document itself, so the rest of the generator only ever sees one, corrected, spec.
 */
import type { Document, HttpMethodLower, OperationObject, ParameterObject, SchemaObject } from "./spec.ts"
import { HTTP_METHODS, resolve } from "./spec.ts"
import { missingComponents, UNNAMED } from "./versions.ts"

type OperationSelector = "*" | ReadonlyArray<string>

export interface Overrides {
  readonly operationIds: ReadonlyArray<{
    readonly method: HttpMethodLower
    readonly path: string
    readonly operationId: string
    readonly reason: string
  }>
  readonly parameters: ReadonlyArray<{
    readonly operations: OperationSelector
    readonly in: "path" | "query" | "header"
    readonly name: string
    readonly schema?: SchemaObject
    readonly moveTo?: "path" | "query" | "header"
    readonly reason: string
  }>
  readonly addParameters: ReadonlyArray<{
    readonly operation: string
    readonly parameters: ReadonlyArray<ParameterObject>
    readonly reason: string
  }>
  readonly responses: ReadonlyArray<{
    readonly operations: OperationSelector
    readonly status: string
    /** An error response answered with Intercom's error list (`#/components/schemas/error`). */
    readonly error?: boolean
    readonly schema?: SchemaObject
    readonly reason: string
  }>
  readonly retrySafe: ReadonlyArray<{ readonly operation: string; readonly reason: string }>
  readonly pagination: ReadonlyArray<{
    readonly operation: string
    readonly style: "none" | "cursor" | "searchCursor" | "page" | "scroll"
    readonly reason: string
  }>
  /** Path parameters whose name matches `names` (a regular expression) are ids: a string or an integer. */
  readonly pathIds: { readonly names: string; readonly reason: string }
  /**
   * Request body properties whose name matches `names` (a regular expression) are ids: where the description
   * declares a plain string, they take an integer too, sent as given.
   */
  readonly bodyIds: { readonly names: string; readonly reason: string; readonly source: string | ReadonlyArray<string> }
  /** Properties response models require wherever a schema declares them (and no example leaves them out). */
  readonly presentInResponses: { readonly properties: ReadonlyArray<string>; readonly reason: string }
  /**
   * Method names for operationIds the spec misspells; the spec's name stays as a deprecated alias of the method.
   */
  readonly operationNames: ReadonlyArray<
    { readonly operationId: string; readonly name: string; readonly reason: string }
  >
  /**
   * Documented deviations of the real API from its description, one entry each: a change at a JSON pointer into the
   * description (a schema, a property, a response), the reason, the public source that documents it, and the real
   * shape (`replay`) that the tests send and answer through the operation it concerns.
   */
  readonly deviations: ReadonlyArray<Deviation>
}

/** One documented deviation: where the description is wrong, what the API really does, and who says so. */
export interface Deviation {
  /** A JSON pointer into the description (`/components/schemas/admin/properties/avatar`); it must exist. */
  readonly pointer: string
  /** Keys set on the object at `pointer`; `null` removes a key. Exactly one of `merge`, `replace` and `append`. */
  readonly merge?: Readonly<Record<string, unknown>>
  /** The new value at `pointer`. */
  readonly replace?: unknown
  /** Items added to the array at `pointer`. */
  readonly append?: ReadonlyArray<unknown>
  readonly reason: string
  /** Where the deviation is documented in public (issue, pull request, file line). */
  readonly source: string | ReadonlyArray<string>
  /** The real shape, as the API takes and sends it: the tests replay it in both directions. */
  readonly replay: {
    readonly operation: string
    /** The flat arguments the caller passes (sent as written). */
    readonly args?: Readonly<Record<string, unknown>>
    /** The 2xx body the API answers (given to the caller as received, typed). */
    readonly response?: unknown
    /** Flat arguments the API refuses although the description allows them: the request check reports them. */
    readonly reported?: Readonly<Record<string, unknown>>
  }
}

/** The schema of a path id: what callers hold, a string or an integer. */
export const PATH_ID_SCHEMA: SchemaObject = { oneOf: [{ type: "string" }, { type: "integer" }] }

export interface OperationEntry {
  readonly method: HttpMethodLower
  readonly path: string
  readonly operation: OperationObject
}

export const listOperations = (doc: Document): Array<OperationEntry> => {
  const out: Array<OperationEntry> = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method]
      if (operation) out.push({ method, path, operation })
    }
  }
  return out
}

/**
 * Applies `overrides` to `doc` in place. With `strict`, an entry that changes nothing is an error (used for the
 * version the overrides were written for); otherwise it is reported through `warn`.
 */
export const applyOverrides = (
  doc: Document,
  overrides: Overrides,
  options: { readonly strict: boolean; readonly warn: (message: string) => void },
): void => {
  const unmatched = (what: string) => {
    const message = `overrides: ${what} matched nothing`
    if (options.strict) throw new Error(message)
    options.warn(message)
  }

  for (const entry of overrides.operationIds) {
    const operation = doc.paths[entry.path]?.[entry.method]
    // An operation its description leaves unnamed already has its canonical id (lib/versions.ts): the entry's.
    if (
      !operation || (operation.operationId && operation[UNNAMED] !== true) ||
      (operation[UNNAMED] === true && operation.operationId !== entry.operationId)
    ) {
      unmatched(`operationId ${entry.operationId} (${entry.method} ${entry.path})`)
      continue
    }
    operation.operationId = entry.operationId
    delete operation[UNNAMED]
  }

  const operations = listOperations(doc)
  const byId = new Map(operations.map((entry) => [entry.operation.operationId, entry]))
  const select = (selector: OperationSelector): Array<OperationEntry> =>
    selector === "*"
      ? operations
      : selector.flatMap((id) => {
        const entry = byId.get(id)
        if (!entry) unmatched(`operation ${id}`)
        return entry ? [entry] : []
      })

  // An entry naming a model this description lacks (an older version's) is skipped: it concerns a later shape.
  const lacksModels = (what: string, value: unknown): boolean => {
    const missing = missingComponents(doc, value)
    if (missing.length > 0) unmatched(`${what} (no model ${missing.join(", ")})`)
    return missing.length > 0
  }

  for (const entry of overrides.parameters) {
    if (lacksModels(`parameter ${entry.in}:${entry.name}`, entry.schema)) continue
    let hits = 0
    for (const { operation } of select(entry.operations)) {
      operation.parameters = (operation.parameters ?? []).map((raw) => {
        const p = resolve<ParameterObject>(doc, raw)
        if (p.name !== entry.name || p.in !== entry.in) return raw
        hits++
        return {
          ...p,
          ...(entry.schema ? { schema: entry.schema } : {}),
          ...(entry.moveTo ? { in: entry.moveTo, required: entry.moveTo === "path" ? true : p.required } : {}),
        }
      })
    }
    if (hits === 0) unmatched(`parameter ${entry.in}:${entry.name}`)
  }
  for (const entry of overrides.addParameters) {
    for (const { operation } of select([entry.operation])) {
      const own = (operation.parameters ??= [])
      for (const p of entry.parameters) {
        if (own.some((o) => sameParameter(resolve<ParameterObject>(doc, o), p))) {
          unmatched(`addParameters ${entry.operation} ${p.in}:${p.name} (already declared)`)
          continue
        }
        own.push({ ...p })
      }
    }
  }

  for (const entry of overrides.responses) {
    if (lacksModels(`response ${entry.status}`, entry.error ? { $ref: "#/components/schemas/error" } : entry.schema)) {
      continue
    }
    let hits = 0
    for (const { operation } of select(entry.operations)) {
      if (operation.responses[entry.status]) continue
      hits++
      const schema = entry.error ? { $ref: "#/components/schemas/error" } : entry.schema
      operation.responses[entry.status] = {
        description: entry.reason,
        ...(schema ? { content: { "application/json": { schema } } } : {}),
      }
    }
    if (hits === 0) unmatched(`response ${entry.status}`)
  }

  const idName = new RegExp(overrides.pathIds.names)
  let ids = 0
  for (const { operation } of operations) {
    operation.parameters = (operation.parameters ?? []).map((raw) => {
      const p = resolve<ParameterObject>(doc, raw)
      if (p.in !== "path" || !idName.test(p.name)) return raw
      ids++
      return { ...p, schema: PATH_ID_SCHEMA }
    })
  }
  if (ids === 0) unmatched(`pathIds ${overrides.pathIds.names}`)

  for (const entry of overrides.deviations) {
    select([entry.replay.operation])
    if (lacksModels(`deviation ${entry.pointer}`, [entry.merge, entry.replace, entry.append])) continue
    if (!applyDeviation(doc, entry)) unmatched(`deviation ${entry.pointer}`)
  }

  for (const entry of [...overrides.retrySafe, ...overrides.pagination]) select([entry.operation])
  for (const entry of overrides.operationNames) select([entry.operationId])
}

/** The parent object and key a JSON pointer names, or `undefined` when its parent does not exist. */
const locate = (
  doc: Document,
  pointer: string,
): { readonly parent: Record<string, unknown>; readonly key: string } | undefined => {
  if (!pointer.startsWith("/")) return undefined
  const keys = pointer.slice(1).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))
  let parent: unknown = doc
  for (const key of keys.slice(0, -1)) {
    if (typeof parent !== "object" || parent === null || !Object.hasOwn(parent, key)) return undefined
    parent = (parent as Record<string, unknown>)[key]
  }
  if (typeof parent !== "object" || parent === null) return undefined
  return { parent: parent as Record<string, unknown>, key: keys[keys.length - 1]! }
}

/**
 * Applies one deviation; `false` when it matches nothing: the pointer does not exist (a `merge` needs an object
 * there) or the description already says what the entry says (so the entry is stale).
 */
export const applyDeviation = (doc: Document, entry: Deviation): boolean => {
  if ([entry.merge, entry.replace, entry.append].filter((x) => x !== undefined).length !== 1) {
    throw new Error(`overrides: deviation ${entry.pointer} needs exactly one of merge, replace and append`)
  }
  const at = locate(doc, entry.pointer)
  if (!at || !Object.hasOwn(at.parent, at.key)) return false
  const before = JSON.stringify(at.parent[at.key])
  if (entry.replace !== undefined) {
    at.parent[at.key] = structuredClone(entry.replace)
  } else if (entry.append !== undefined) {
    const target = at.parent[at.key]
    if (!Array.isArray(target)) return false
    at.parent[at.key] = [...target, ...structuredClone(entry.append)]
  } else {
    const target = at.parent[at.key]
    if (typeof target !== "object" || target === null || Array.isArray(target)) return false
    const next: Record<string, unknown> = { ...(target as Record<string, unknown>) }
    for (const [key, value] of Object.entries(entry.merge!)) {
      if (value === null) delete next[key]
      else next[key] = structuredClone(value)
    }
    at.parent[at.key] = next
  }
  return JSON.stringify(at.parent[at.key]) !== before
}

const sameParameter = (a: ParameterObject, b: ParameterObject): boolean => a.name === b.name && a.in === b.in
