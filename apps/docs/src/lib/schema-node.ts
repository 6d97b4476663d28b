/**
 * The manifest's schema trees (`@utdk/intercom-core/Manifest`), as the page tables (server) and the Try it form
 * (browser) read them: labels and the prose-free copy the form gets.
 */
import type { SchemaNode } from "@utdk/intercom-core/Manifest"

export type { Json, PropertyNode, SchemaKind, SchemaNode } from "@utdk/intercom-core/Manifest"

/** Short type label for tables and form hints: `string`, `integer (int64)`, `array of string`, `map of any`. */
export const typeLabel = (node: SchemaNode): string => {
  switch (node.kind) {
    case "array":
      return node.items ? `array of ${typeLabel(node.items)}` : "array"
    case "map":
      return node.values ? `map of ${typeLabel(node.values)}` : "map"
    case "union":
      return [...new Set(variantLabels(node))].join(" | ") || "any"
    case "object":
      return node.title ? `object (${node.title})` : "object"
    default:
      return node.format ? `${node.kind} (${node.format})` : node.kind
  }
}

/** A union's variant labels, nested unions flattened (the spec nests them: `string | integer` inside another). */
const variantLabels = (node: SchemaNode): Array<string> =>
  (node.variants ?? []).flatMap((
    v,
  ) => (v.title === undefined && v.kind === "union" ? variantLabels(v) : [v.title ?? typeLabel(v)]))

/** True when the node has children worth expanding (object properties, map values, array items that are objects). */
export const hasChildren = (node: SchemaNode): boolean =>
  (node.properties?.length ?? 0) > 0 ||
  (node.kind === "union" && (node.variants?.length ?? 0) > 0) ||
  (node.kind === "array" && node.items !== undefined && hasChildren(node.items)) ||
  (node.kind === "map" && node.values !== undefined && hasChildren(node.values))

/** Copy without prose, read-only properties and non-scalar examples: what the Try it form needs. */
export const forForm = (node: SchemaNode): SchemaNode => {
  const { description: _d, example, ...rest } = node
  const out: { -readonly [K in keyof SchemaNode]: SchemaNode[K] } = { ...rest }
  if (example !== undefined && (example === null || typeof example !== "object")) out.example = example
  if (node.properties) {
    out.properties = node.properties
      .filter((p) => !p.schema.readOnly)
      .map((p) => ({ name: p.name, required: p.required, schema: forForm(p.schema) }))
  }
  if (node.values) out.values = forForm(node.values)
  if (node.items) out.items = forForm(node.items)
  if (node.variants) out.variants = node.variants.map(forForm)
  return out
}
