/**
 * The part of an operation the Try it island needs, embedded in each page as JSON: the snippet fields, form
 * schemas without prose, the request examples and the typed placeholders of an empty form.
 */
import type { Example, RequestValues } from "@utdk/intercom-core/Manifest"
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
  readonly body?:
    | {
        readonly flat: boolean
        readonly renamed: Readonly<Record<string, string>>
        readonly required: boolean
        readonly schema: SchemaNode
        readonly examples: ReadonlyArray<Example>
      }
    | undefined
  /** Required values an empty form lacks, as snippet placeholders. */
  readonly placeholders: RequestValues
}

/** @category constructors */
export const tryItData = (op: OperationModel): TryItOperation => ({
  name: op.name,
  method: op.method,
  path: op.path,
  pagination: op.pagination,
  summary: op.summary,
  parameters: op.parameters.map((p) => ({
    name: p.name,
    key: p.key,
    in: p.in,
    required: p.required,
    ...(p.example !== undefined ? { example: p.example } : {}),
    schema: forForm(p.schema),
  })),
  body: op.body && {
    flat: op.body.flat,
    renamed: op.body.renamed,
    required: op.body.required,
    schema: forForm(op.body.schema),
    examples: op.body.examples,
  },
  placeholders: op.requiredValues,
})
