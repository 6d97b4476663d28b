/**
 * The shape of the docs manifests (`src/generated/manifests/<version>.json`, one per version, and
 * `src/generated/manifest.json`, the newest numbered version's; in the workspace only): what the generator knows about each
 * operation beyond its descriptor, for documentation sites and playgrounds. Per operation: its page slug, sidebar
 * group, descriptions as Markdown, parameter and body field docs, examples and a JSON-friendly schema tree a form
 * can be generated from. The manifest is build output (it carries the spec's prose); these types are its contract.
 *
 * Descriptions are Markdown in which Intercom's `{% admonition %}` callouts are already converted to directive
 * asides, the syntax Starlight uses: `:::note[Title]` … `:::` on their own lines (`note`, `tip`, `caution`,
 * `danger`). No `{%` tag survives.
 *
 * Method names, argument keys, how the body is passed and the pagination style are not repeated here: they are in
 * the operation's descriptor (`operations[name]`), joined by `name`.
 *
 * @since 0.1.0
 */
import type { HttpMethod } from "./Operation.ts"

/** @category models */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/** @category models */
export type SchemaKind = "string" | "integer" | "number" | "boolean" | "object" | "array" | "map" | "union" | "any"

/**
 * A cycle-free view of one OpenAPI schema (allOf merged, single-member unions unwrapped, cycles cut).
 *
 * @category models
 */
export interface SchemaNode {
  readonly kind: SchemaKind
  readonly title?: string
  /** Markdown (see the module notes on asides). */
  readonly description?: string
  readonly format?: string
  readonly enum?: ReadonlyArray<Json>
  readonly nullable?: boolean
  readonly default?: Json
  readonly example?: Json
  readonly readOnly?: boolean
  readonly deprecated?: boolean
  readonly minimum?: number
  readonly maximum?: number
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: string
  readonly minItems?: number
  readonly maxItems?: number
  /** `object`: its declared properties. */
  readonly properties?: ReadonlyArray<PropertyNode>
  /** `object` or `map`: the schema of undeclared keys (free key/value maps such as `custom_attributes`). */
  readonly values?: SchemaNode
  /** `array`: the item schema. */
  readonly items?: SchemaNode
  /** `union`: the alternatives of a oneOf/anyOf. */
  readonly variants?: ReadonlyArray<SchemaNode>
  /**
   * `object`: sets of property names of which at least one set must be given in full (a oneOf/anyOf that only lists
   * `required` names, as in `{ anyOf: [{ required: [id] }, { required: [user_id] }] }`).
   */
  readonly requireOneOf?: ReadonlyArray<ReadonlyArray<string>>
  /** Set when the schema refers back to an ancestor (or is too deep): its children are not expanded again. */
  readonly truncated?: boolean
}

/**
 * Where an operation or a field stands among the versions, as of the manifest's own version: `since`, the version
 * that brought it (left out when it is as old as its operation, or as the oldest description); `changedIn`, the
 * versions up to this one whose shape of it differs from the version before (its type, format, enum, required-ness;
 * never prose). Computed by the generator from the models of every version.
 *
 * @category models
 */
export interface VersionMarks {
  readonly since?: string
  readonly changedIn?: ReadonlyArray<string>
}

/** @category models */
export interface PropertyNode {
  readonly name: string
  readonly required: boolean
  readonly schema: SchemaNode
  /** "New in" / "Changed in" marks of a body or result field (see {@link VersionMarks}). */
  readonly marks?: VersionMarks
}

/** @category models */
export interface ParameterDoc {
  /** Wire name; with `in`, it names the descriptor's parameter. */
  readonly name: string
  readonly in: "path" | "query" | "header"
  readonly required: boolean
  readonly description?: string
  readonly deprecated?: boolean
  /** The spec's example, kept only when it is a valid value of the parameter. */
  readonly example?: Json
  readonly schema: SchemaNode
  /** "New in" / "Changed in" marks (see {@link VersionMarks}). */
  readonly marks?: VersionMarks
}

/** @category models */
export interface Example {
  readonly name: string
  readonly value: Json
}

/** @category models */
export interface BodyDoc {
  readonly contentType: string
  readonly required: boolean
  readonly schema: SchemaNode
  readonly examples: ReadonlyArray<Example>
}

/** @category models */
export interface ResponseDoc {
  readonly status: string
  readonly description?: string
  readonly schema?: SchemaNode
  readonly examples: ReadonlyArray<Example>
}

/**
 * A request as a form holds it: values by wire name per location (`undefined` body: none).
 *
 * @category models
 */
export interface RequestValues {
  readonly header: Readonly<Record<string, Json>>
  readonly path: Readonly<Record<string, Json>>
  readonly query: Readonly<Record<string, Json>>
  readonly body: Json | undefined
}

/** @category models */
export interface OperationDoc {
  /** The method name on the clients and the key of `operations` (`updateConversation`). */
  readonly name: string
  /** URL segment of the operation's page (`update-conversation`). */
  readonly slug: string
  /** Sidebar group: the operation's first tag. */
  readonly group: string
  readonly method: HttpMethod
  readonly path: string
  readonly summary: string
  readonly tags: ReadonlyArray<string>
  readonly deprecated: boolean
  /** "New in" / "Changed in" marks of the operation (see {@link VersionMarks}). */
  readonly marks?: VersionMarks
  readonly description: string
  /** Header, then path, then query parameters. */
  readonly parameters: ReadonlyArray<ParameterDoc>
  readonly body: BodyDoc | undefined
  readonly responses: ReadonlyArray<ResponseDoc>
  /**
   * Example values that make a valid call: every required value and, for an object body, its top-level fields;
   * built from the spec's examples where they fit the schema, otherwise from values of the right type and format.
   */
  readonly exampleValues: RequestValues
  /**
   * Only what a call cannot do without (required parameters, the body's required fields), with example values: the
   * typed placeholders of a snippet for an empty form.
   */
  readonly requiredValues: RequestValues
}

/** @category models */
export interface TagDoc {
  readonly name: string
  readonly slug: string
  readonly description?: string
  /** Names of its operations, in spec order. */
  readonly operations: ReadonlyArray<string>
}

/** @category models */
export interface DocsManifest {
  /** The version this manifest documents (`2.14`, `Preview`): one manifest per version (`manifests/<version>.json`). */
  readonly apiVersion: string
  /** The docs site's origin: operation pages live at `${site}/operations/${slug}/` (the links hover docs give). */
  readonly site: string
  /** Tags in the spec's order, then tags only operations use. */
  readonly tags: ReadonlyArray<TagDoc>
  /** Every operation, in spec order. */
  readonly operations: ReadonlyArray<OperationDoc>
}
