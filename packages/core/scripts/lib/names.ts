/**
 * Naming rules, the same everywhere: components become PascalCase model names, operationIds become camelCase
 * method names (and PascalCase `<Name>Params` / `<Name>Result` types), wire names stay as the API spells them.
 */

import overrides from "../../overrides.ts"

// Model names that would shadow a global or a name the generated modules use.
const RESERVED = new Set([
  "Array",
  "Boolean",
  "Date",
  "Error",
  "Function",
  "Map",
  "Number",
  "Object",
  "Operation",
  "Promise",
  "Record",
  "Schema",
  "Set",
  "String",
  "Symbol",
])

const words = (text: string): Array<string> => text.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0)

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1)

/** `update_conversation_request` → `UpdateConversationRequest`; `error` → `ErrorModel`. */
export const typeName = (component: string): string => {
  let name = words(component).map(capitalize).join("")
  if (/^[0-9]/.test(name)) name = `M${name}`
  return RESERVED.has(name) ? `${name}Model` : name
}

/** Method names the overrides file gives to misspelt operationIds (`lisDataEvents` → `listDataEvents`). */
const renamed = new Map(overrides.operationNames.map((entry) => [entry.operationId, entry.name]))

/** The spec's own method name for an operation the overrides file renames (kept as a deprecated alias). */
export const misspeltName = (operationId: string): string | undefined =>
  renamed.has(operationId) ? camel(operationId) : undefined

/** The method name an operationId spells, ignoring the overrides file (an older version's own name). */
export const spelledName = (operationId: string): string => camel(operationId)

/** `RetrieveACompanyById` → `retrieveACompanyById`; `list-things` → `listThings`; misspelt ones as the overrides say. */
export const methodName = (operationId: string): string => renamed.get(operationId) ?? camel(operationId)

const camel = (operationId: string): string => {
  const [first = "", ...rest] = words(operationId)
  return first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join("")
}

/** `retrieveACompanyById` → `RetrieveACompanyById` (prefix of the operation's type names). */
export const operationTypeName = (name: string): string => capitalize(name)

/** An object key as written in code: bare when it is an identifier, quoted otherwise. */
export const propertyKey = (key: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key))

/** The first line of a summary, trimmed: committed code carries no other prose from the spec. */
export const oneLine = (text: string | undefined): string => (text ?? "").split("\n")[0]!.trim().replace(/\s+/g, " ")
