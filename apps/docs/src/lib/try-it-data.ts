/**
 * The part of an operation the Try it island needs, embedded in each page as JSON: the snippet fields plus form
 * schemas without prose.
 */
import type { OperationModel } from "./operations.ts"
import { forForm, type Json, type SchemaNode } from "./schema-node.ts"
import type { SnippetOperation } from "./snippet.ts"

/** @category models */
export interface FormParameter {
  readonly name: string
  readonly key: string
  readonly in: "path" | "query" | "header"
  readonly required: boolean
  readonly example?: Json
  readonly schema: SchemaNode
}

/** @category models */
export interface TryItOperation extends SnippetOperation {
  readonly summary: string
  readonly parameters: ReadonlyArray<FormParameter>
  readonly body?: { readonly flat: boolean; readonly renamed: Readonly<Record<string, string>>; readonly required: boolean; readonly schema: SchemaNode } | undefined
}

/** @category constructors */
export const tryItData = (op: OperationModel): TryItOperation => ({
  name: op.name,
  method: op.method,
  path: op.path,
  summary: op.summary,
  parameters: op.parameters.map((p) => ({
    name: p.name,
    key: p.key,
    in: p.in,
    required: p.required,
    ...(p.example !== undefined && typeof p.example !== "object" ? { example: p.example } : {}),
    schema: forForm(p.schema),
  })),
  body: op.body && { flat: op.body.flat, renamed: op.body.renamed, required: op.body.required, schema: forForm(op.body.schema) },
})
