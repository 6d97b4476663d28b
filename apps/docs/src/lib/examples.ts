/**
 * Example arguments for an operation, built from its schemas (the spec's examples where they fit the type,
 * otherwise a value of the right shape): required fields everywhere, plus the optional top-level fields.
 */
import type { OperationModel } from "./operations.ts"
import type { Json, SchemaNode } from "./schema-node.ts"
import type { RequestValues } from "./snippet.ts"

const fits = (node: SchemaNode, value: Json | undefined): value is Json => {
  if (value === undefined) return false
  if (node.enum && node.enum.length > 0) return node.enum.some((e) => e === value)
  switch (node.kind) {
    case "string":
      return typeof value === "string"
    case "integer":
      return typeof value === "number" && Number.isInteger(value)
    case "number":
      return typeof value === "number"
    case "boolean":
      return typeof value === "boolean"
    default:
      return false
  }
}

/** A value of the node's type: its example or default when they fit, else the first enum value, else a placeholder. */
export const exampleOf = (node: SchemaNode, allOptional = false, depth = 0): Json => {
  if (fits(node, node.example)) return node.example
  if (fits(node, node.default)) return node.default
  if (node.enum && node.enum.length > 0 && node.enum[0] !== null && node.enum[0] !== undefined) return node.enum[0]
  switch (node.kind) {
    case "string":
      return node.format === "date-time" ? "2024-05-01T10:00:00Z" : "example"
    case "integer":
      return node.format === "date-time" ? 1714557600 : 1
    case "number":
      return 1.5
    case "boolean":
      return true
    case "array":
      return node.items && depth < 6 ? [exampleOf(node.items, false, depth + 1)] : []
    case "map":
      return node.values && depth < 6 ? { key: exampleOf(node.values, false, depth + 1) } : {}
    case "union":
      return node.variants?.[0] && depth < 6 ? exampleOf(node.variants[0], allOptional, depth) : "example"
    case "object": {
      const out: Record<string, Json> = {}
      const chosen = new Set(node.requireOneOf?.[0] ?? [])
      for (const p of node.properties ?? []) {
        if (p.schema.readOnly || (!p.required && !chosen.has(p.name) && !allOptional) || depth >= 6) continue
        out[p.name] = exampleOf(p.schema, false, depth + 1)
      }
      return out
    }
    default:
      return "example"
  }
}

/** Example request values for an operation: every parameter and, for an object body, every top-level field. */
export const exampleValues = (op: OperationModel): RequestValues => {
  const by = { header: {} as Record<string, Json>, path: {} as Record<string, Json>, query: {} as Record<string, Json> }
  for (const p of op.parameters) {
    by[p.in][p.name] = fits(p.schema, p.example) ? p.example : exampleOf(p.schema)
  }
  return { ...by, body: op.body ? exampleOf(op.body.schema, true) : undefined }
}
