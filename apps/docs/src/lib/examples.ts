/**
 * The example call of an operation (snippets, tests): the spec's first request example the SDK accepts, else the
 * manifest's schema-built example values. "Accepts" is decided by the SDK's own request builder, at build time.
 */
import type { RequestValues } from "@utdk/intercom-core/Manifest"
import { buildRequest } from "@utdk/intercom-core/Request"
import type { OperationModel } from "./operations.ts"
import type { Json, SchemaNode } from "./schema-node.ts"
import { toArgs } from "./snippet.ts"
import { tryItData } from "./try-it-data.ts"

/** Whether every key of `value` is declared by `schema` (the types refuse undeclared keys the runtime would keep). */
export const declaredOnly = (schema: SchemaNode, value: Json): boolean => {
  if (schema.kind === "union") return (schema.variants ?? []).some((v) => declaredOnly(v, value))
  if (Array.isArray(value)) {
    return schema.kind !== "array" || !schema.items || value.every((v) => declaredOnly(schema.items!, v))
  }
  if (value === null || typeof value !== "object") return true
  if (schema.kind === "map" || schema.values || schema.kind === "any" || schema.truncated) return true
  const props = new Map((schema.properties ?? []).map((p) => [p.name, p.schema]))
  return Object.entries(value).every(([k, v]) => props.has(k) && declaredOnly(props.get(k)!, v))
}

export const exampleValues = (op: OperationModel): RequestValues => {
  const data = tryItData(op)
  const fitting = (op.body?.examples ?? []).filter((ex) => declaredOnly(op.body!.schema, ex.value))
  const candidates = [...fitting.map((ex) => ({ ...op.exampleValues, body: ex.value })), op.exampleValues]
  // The first candidate the SDK sends without a finding (it sends the others as written too, reporting them).
  return (
    candidates.find((values) => {
      const built = buildRequest(op.descriptor, toArgs(data, values))
      return built._tag === "Success" && built.success.validation.length === 0
    }) ?? op.exampleValues
  )
}
