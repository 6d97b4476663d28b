/**
 * Every published description at once: which versions there are, the identity of an operation across them, and the
 * one operationId (hence method name) each operation keeps in every version.
 *
 * Upstream's operationIds are not stable between versions (a typo fixed and back again, a rename) and path parameter
 * names change (`{id}` → `{contact_id}`), so an operation is known by its method and path template with the
 * parameter names left out. Its name is the newest one (the version the overrides file was written for first, then
 * Preview, then older versions newest first): an older version's own name is kept as a deprecated alias there.
 */
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"
import { misspeltName, spelledName } from "./names.ts"
import { componentName, type Document, HTTP_METHODS, type HttpMethodLower, type OperationObject } from "./spec.ts"

/** The version the overrides file was written for (strict there): the newest numbered description. */
export const PRIMARY_VERSION = "2.16"

/** The folder of the Preview description (formerly Unstable). */
export const PREVIEW_FOLDER = "0"

/** Where an operation records the operationId its own description gave it, when that is not its canonical one. */
export const OWN_OPERATION_ID = "x-utdk-own-operation-id"

/** Set on an operation its own description leaves unnamed (the overrides file's `operationIds` may name it). */
export const UNNAMED = "x-utdk-unnamed"

/** `GET /contacts/{}`: an operation's identity in every version. */
export const identityOf = (method: string, path: string): string =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, "{}")}`

/** The folders holding a description, oldest first: numbered versions by number, Preview (`0`) last. */
export const versionFolders = (dir: string): Array<string> => {
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "api.intercom.io.yaml")))
    .map((e) => e.name)
  const numbered = folders.filter((f) => f !== PREVIEW_FOLDER && /^\d+\.\d+$/.test(f))
  const key = (v: string) => v.split(".").map(Number) as [number, number]
  numbered.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1])
  if (!numbered.includes(PRIMARY_VERSION)) throw new Error(`generate: no ${PRIMARY_VERSION} description in ${dir}`)
  if (numbered[numbered.length - 1] !== PRIMARY_VERSION) {
    throw new Error(
      `generate: ${
        numbered[numbered.length - 1]
      } is newer than ${PRIMARY_VERSION}, the version the overrides file was written for`,
    )
  }
  return folders.includes(PREVIEW_FOLDER) ? [...numbered, PREVIEW_FOLDER] : numbered
}

interface Found {
  readonly version: string
  readonly operationId: string | undefined
}

/**
 * The canonical operationId of every operation (by identity) over `docs` (oldest first, Preview last; the
 * primary's entries of the overrides file `operationIds` already applied): the primary's, else Preview's, else the
 * newest older version's; an operation no version names gets one from its method and path.
 */
export const canonicalOperationIds = (
  docs: ReadonlyArray<{ readonly version: string; readonly doc: Document }>,
  named: ReadonlyArray<{ readonly method: string; readonly path: string; readonly operationId: string }>,
): Map<string, string> => {
  const found = new Map<string, Array<Found>>()
  for (const { version, doc } of docs) {
    const seen = new Map<string, string>()
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method]
        if (!operation) continue
        const identity = identityOf(method, path)
        const clash = seen.get(identity)
        if (clash) throw new Error(`generate (${version}): ${method} ${path} and ${clash} are one operation`)
        seen.set(identity, path)
        const operationId = operation.operationId ??
          (version === PRIMARY_VERSION
            ? named.find((n) => n.method === method && n.path === path)?.operationId
            : undefined)
        found.set(identity, [...(found.get(identity) ?? []), { version, operationId }])
      }
    }
  }
  const primary = docs.find((d) => d.version === PRIMARY_VERSION)?.version
  const preview = docs[docs.length - 1]?.version
  const out = new Map<string, string>()
  for (const [identity, list] of found) {
    const preference = [
      ...list.filter((f) => f.version === primary),
      ...list.filter((f) => f.version === preview && f.version !== primary),
      ...list.filter((f) => f.version !== primary && f.version !== preview).reverse(),
    ]
    const named = preference.find((f) => f.operationId !== undefined)?.operationId
    out.set(identity, named ?? derivedOperationId(identity))
  }
  const byId = new Map<string, string>()
  for (const [identity, id] of out) {
    const clash = byId.get(id.toLowerCase())
    if (clash) throw new Error(`generate: ${identity} and ${clash} would share the operationId ${id}`)
    byId.set(id.toLowerCase(), identity)
  }
  return out
}

/** `GET /ticket_states/{}` → `getTicketStates`, for an operation no description names. */
const derivedOperationId = (identity: string): string => {
  const [method, path] = identity.split(" ") as [string, string]
  const words = path.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0)
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("")
}

/** Gives every operation of `doc` its canonical operationId, recording a different own one in {@link OWN_OPERATION_ID}. */
export const useCanonicalOperationIds = (doc: Document, canonical: ReadonlyMap<string, string>): void => {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS as ReadonlyArray<HttpMethodLower>) {
      const operation = item[method]
      if (!operation) continue
      const id = canonical.get(identityOf(method, path))!
      if (operation.operationId === undefined) operation[UNNAMED] = true
      else if (operation.operationId !== id) operation[OWN_OPERATION_ID] = operation.operationId
      operation.operationId = id
    }
  }
}

/** The component names `value` refers to (`$ref: #/components/schemas/x`) that `doc` does not have. */
export const missingComponents = (doc: Document, value: unknown): Array<string> => {
  const missing: Array<string> = []
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit)
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "$ref" && typeof x === "string") {
          const name = componentName(x)
          if (name !== undefined && !Object.hasOwn(doc.components.schemas, name)) missing.push(name)
        } else visit(x)
      }
    }
  }
  visit(value)
  return missing
}

/**
 * The deprecated alias of the method `name` in this operation's version: the version's own name when it differs
 * from the canonical one, else the spec's misspelling the overrides file renames (`operationNames`).
 */
export const aliasOf = (operation: OperationObject, name: string): string | undefined => {
  const own = operation[OWN_OPERATION_ID]
  const ownName = typeof own === "string" ? spelledName(own) : misspeltName(operation.operationId ?? "")
  return ownName !== undefined && ownName !== name ? ownName : undefined
}

/**
 * Adds the models a description refers to but lacks (2.7–2.11 refer to `custom_attributes` and never define it), as
 * the nearest newer description defines them; a model no newer one has becomes "any value". Reported through `warn`.
 */
export const fillMissingComponents = (
  doc: Document,
  newer: ReadonlyArray<Document>,
  warn: (message: string) => void,
): void => {
  for (let round = 0; round < 32; round++) {
    const missing = [...new Set(missingComponents(doc, doc))]
    if (missing.length === 0) return
    for (const name of missing) {
      const source = newer.find((d) => Object.hasOwn(d.components.schemas, name))
      warn(
        `the description refers to the missing model ${name}: ${
          source ? `taken from ${source.info.version}` : "any value"
        }`,
      )
      doc.components.schemas[name] = source ? structuredClone(source.components.schemas[name]!) : {}
    }
  }
  throw new Error(`generate (${doc.info.version}): missing models keep appearing`)
}
