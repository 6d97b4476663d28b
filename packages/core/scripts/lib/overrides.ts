/**
 * The overrides file's shape and how it is applied to the parsed (not yet generated) description.
 * Every change happens on the document itself, so the rest of the generator only ever sees one, corrected, spec.
 */
import type { Document, HttpMethodLower, OperationObject, ParameterObject, SchemaObject } from "./spec.ts"
import { HTTP_METHODS, resolve } from "./spec.ts"

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
  /** Properties response models require wherever a schema declares them (and no example leaves them out). */
  readonly presentInResponses: { readonly properties: ReadonlyArray<string>; readonly reason: string }
  /**
   * Method names for operationIds the spec misspells; the spec's name stays as a deprecated alias of the method.
   */
  readonly operationNames: ReadonlyArray<{ readonly operationId: string; readonly name: string; readonly reason: string }>
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
    if (!operation || operation.operationId) {
      unmatched(`operationId ${entry.operationId} (${entry.method} ${entry.path})`)
      continue
    }
    operation.operationId = entry.operationId
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

  for (const entry of overrides.parameters) {
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

  for (const entry of [...overrides.retrySafe, ...overrides.pagination]) select([entry.operation])
  for (const entry of overrides.operationNames) select([entry.operationId])
}

const sameParameter = (a: ParameterObject, b: ParameterObject): boolean => a.name === b.name && a.in === b.in
