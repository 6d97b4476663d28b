/**
 * The part of an operation the Try it island needs, embedded in each page as JSON: the snippet fields, form
 * schemas without prose, the request examples and the typed placeholders of an empty form.
 */
import type { RequestValues } from "@utdk/intercom-core/Manifest"
import { buildRequest } from "@utdk/intercom-core/Request"
import { coerceToSchema } from "./coerce.ts"
import { pageChecks } from "./page-checks.ts"
import type { OperationModel } from "./operations.ts"
import { forForm, type Json, type SchemaNode } from "./schema-node.ts"
import { toArgs, type SnippetOperation } from "./snippet.ts"

/** A spec request example as the page offers it. @category models */
export interface FormExample {
  readonly name: string
  /** The example, with numbers given for string fields turned to strings (see coerce.ts). */
  readonly value: Json
  /** What was changed to fit the schema (`ticket_type_id: 88 → "88"`). */
  readonly coerced: ReadonlyArray<string>
  /** The SDK's reasons for refusing the example even so (`user.id: Missing key`), decided at build time. */
  readonly refused?: ReadonlyArray<string> | undefined
}

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
      readonly examples: ReadonlyArray<FormExample>
      /**
       * A body built from the schema that the SDK accepts, offered after the spec's examples: the manifest's
       * example values, else only the required fields.
       */
      readonly built?: Json | undefined
    }
    | undefined
  /** Required values an empty form lacks, as snippet placeholders. */
  readonly placeholders: RequestValues
}

const isNumeric = (v: Json | undefined) => typeof v === "number" || (typeof v === "string" && /^\d+$/.test(v))

/**
 * The placeholder of an id the spec types as an integer (the SDK takes `string | integer`) is a number-like string,
 * the plausible id a visitor types: the schema-built `"example"` is refused by anything that checks the spec's type.
 */
const plausibleIds = (op: OperationModel, values: RequestValues): RequestValues => {
  const path: Record<string, Json> = { ...values.path }
  for (const p of op.parameters) {
    const allowsInteger = p.schema.kind === "integer" || (p.schema.variants ?? []).some((v) => v.kind === "integer")
    if (p.in === "path" && allowsInteger && p.name in path && !isNumeric(path[p.name])) path[p.name] = "123"
  }
  return { ...values, path }
}

/** The SDK's reasons for refusing `body` with the operation's example parameters; empty when it accepts it. */
const refusals = (op: OperationModel, snippet: SnippetOperation, body: Json | undefined): ReadonlyArray<string> => {
  // As strict as the page's own check (sdk.ts): an example the page would refuse is not offered as sendable.
  const values = { ...plausibleIds(op, op.exampleValues), body }
  const built = buildRequest(
    op.descriptor,
    toArgs(snippet, snippet.version ? withVersion(values, snippet.version) : values),
    {
      ...(snippet.version ? { version: snippet.version as never } : {}),
      ...pageChecks,
    },
  )
  if (built._tag === "Success") return []
  const issues = "issues" in built.failure ? built.failure.issues : []
  return issues.length > 0
    ? [...new Set(issues.map((i) => `${i.path.replace(/^\$\.?/, "") || "body"}: ${i.message}`))]
    : [built.failure.message]
}

const formExamples = (op: OperationModel, snippet: SnippetOperation): ReadonlyArray<FormExample> =>
  (op.body?.examples ?? []).map((ex) => {
    const { value, changes } = coerceToSchema(op.body!.schema, ex.value)
    const refused = refusals(op, snippet, value)
    return { name: ex.name, value, coerced: changes, ...(refused.length > 0 ? { refused } : {}) }
  })

// An older version's page names its version in the call, as the API's own `Intercom-Version` header parameter.
const versionHeader = "Intercom-Version"
const withVersion = (values: RequestValues, version: string): RequestValues => ({
  ...values,
  header: { [versionHeader]: version, ...values.header },
})

/**
 * `version`: the page's API version when it is not the newest (the snippets then pin it, and Try it sends it).
 *
 * @category constructors
 */
export const tryItData = (op: OperationModel, version?: string): TryItOperation => {
  const snippet: SnippetOperation = {
    name: op.name,
    method: op.method,
    path: op.path,
    pagination: op.pagination,
    parameters: op.parameters,
    body: op.body,
    ...(version ? { version } : {}),
  }
  const examples = formExamples(op, snippet)
  // Offered beside the examples too: an example the SDK sends may still be one the API refuses (a spec example is
  // not checked against its own schema), and a visitor can always start from values of the right type.
  const built = op.body
    ? [op.exampleValues.body, op.requiredValues.body].find((body) =>
      body !== undefined && refusals(op, snippet, body).length === 0
    )
    : undefined
  return {
    name: op.name,
    method: op.method,
    path: op.path,
    pagination: op.pagination,
    ...(version ? { version } : {}),
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
      examples,
      ...(built !== undefined ? { built } : {}),
    },
    placeholders: version && op.parameters.some((p) => p.in === "header" && p.name === versionHeader)
      ? withVersion(plausibleIds(op, op.requiredValues), version)
      : plausibleIds(op, op.requiredValues),
  }
}
