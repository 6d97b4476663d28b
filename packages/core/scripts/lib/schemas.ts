/**
 * OpenAPI schema → Effect Schema code plus the matching TypeScript type, in one of two flavours:
 * - `response`: lenient. Unknown fields pass through (a string index signature), properties are optional unless the
 *   spec requires them and no example leaves them out, nullable where the spec or any example says null, and enums
 *   accept values added later (`"open" | (string & {})`).
 * - `request`: strict, as the spec says: it validates caller input before anything is sent.
 * Every call is marked pure so a bundler can drop what a program does not use.
 */
import type { Hints, JsonType } from "./hints.ts"
import type { Document, SchemaObject } from "./spec.ts"
import { componentName, resolve } from "./spec.ts"
import { propertyKey, typeName } from "./names.ts"
import { fieldDocLines, jsDoc } from "./prose.ts"

/** A property's docs: its own description, else the description of what it refers to. */
export const propertyDocLines = (doc: Document, property: SchemaObject): Array<string> =>
  fieldDocLines(property.description !== undefined ? property : resolve<SchemaObject>(doc, property))

export type Mode = "response" | "request"

export interface Emitted {
  readonly code: string
  readonly type: string
  /** The type is an object literal type, so it can become an `interface`. */
  readonly objectType: boolean
  /**
   * Set when the type is `Base & { extra }` (an `allOf` that reuses models): a declaration can then be
   * `interface X extends Base { extra }`, with `body` the `{ extra }` part.
   */
  readonly extends?: { readonly bases: ReadonlyArray<string>; readonly body: string }
}

/** One model export: a component in one flavour. */
export interface ModelKey {
  readonly component: string
  readonly mode: Mode
}

export interface Context {
  readonly mode: Mode
  /** The component being emitted (references inside its cycle go through `Schema.suspend`). */
  readonly current: string | undefined
  /** Model exports this code refers to, as `component|mode`, or `component|mode|fields` for its `XFields`. */
  readonly uses: Set<string>
  /**
   * Set when the model being emitted exports its fields (`XFields`, which `allOf`s elsewhere reuse): the top-level
   * struct then reads `Schema.Struct(XFields)` and `code` receives the fields object.
   */
  readonly fields?: { readonly name: string; code?: string }
}

export interface SchemaEmitter {
  /**
   * `nullable` adds `null`; `whole` marks a schema that is a whole model or body (never `null` itself): a
   * component's `nullable` describes the places that reference it, so it is applied there, not to the model.
   */
  readonly emit: (schema: SchemaObject, ctx: Context, depth: number, nullable?: boolean, whole?: boolean) => Emitted
  /** A request body's top-level property, as `emit` gives it, an id widened as nested ones are (bodyIds). */
  readonly emitBodyField: (key: string, property: SchemaObject, ctx: Context, depth: number) => Emitted
  /** Model export name of a component in a flavour: `conversation` → `Conversation` / `ConversationInput`. */
  readonly exportName: (component: string, mode: Mode) => string
  /** File (without extension) of a component's models. */
  readonly fileName: (component: string) => string
  /** Whether references from `from` to `to` must be lazy (they are in one reference cycle). */
  cyclic: (from: string, to: string) => boolean
}

/** A `component|mode` or `component|mode|fields` use, split. */
export const parseUse = (
  use: string,
): { readonly component: string; readonly mode: Mode; readonly fields: boolean } => {
  const [component, mode, fields] = use.split("|") as [string, Mode, string | undefined]
  return { component, mode, fields: fields === "fields" }
}

/** `interface X extends Base { … }`, `interface X { … }` or `type X = …`, whichever the emitted type allows. */
export const typeDeclaration = (name: string, e: Emitted): string =>
  e.extends
    ? `export interface ${name} extends ${e.extends.bases.join(", ")} ${e.extends.body}\n`
    : e.objectType
    ? `export interface ${name} ${e.type}\n`
    : `export type ${name} = ${e.type}\n`

const PURE = "/*#__PURE__*/ "
const call = (fn: string, args: string): string => `${PURE}Schema.${fn}(${args})`
const indent = (depth: number): string => "  ".repeat(depth)

const scalar = (code: string, type: string): Emitted => ({ code, type, objectType: false })

const WIDE: Record<JsonType, Emitted> = {
  string: scalar("Schema.String", "string"),
  number: scalar("Schema.Number", "number"),
  boolean: scalar("Schema.Boolean", "boolean"),
  object: scalar(`${PURE}Schema.Record(Schema.String, Schema.Unknown)`, "{ readonly [key: string]: unknown }"),
  array: scalar(`${PURE}Schema.Array(Schema.Unknown)`, "ReadonlyArray<unknown>"),
}

export const makeSchemaEmitter = (
  doc: Document,
  hints: Hints,
  warn: (message: string) => void,
  /** Properties response models require where the spec's examples always send them (overrides file). */
  present: ReadonlySet<string> = new Set(),
  /** Request properties (by name) that are ids: declared a string, they take an integer too (overrides file). */
  bodyIds?: RegExp,
): SchemaEmitter => {
  const names = new Map<string, string>()
  const taken = new Map<string, string>()
  for (const component of Object.keys(doc.components.schemas).sort()) {
    const name = typeName(component)
    const clash = taken.get(name.toLowerCase())
    if (clash) throw new Error(`generate: components ${clash} and ${component} both map to ${name}`)
    taken.set(name.toLowerCase(), component)
    names.set(component, name)
  }
  const exportName = (component: string, mode: Mode): string => {
    const name = names.get(component)
    if (!name) throw new Error(`generate: unknown component ${component}`)
    return mode === "request" ? `${name}Input` : name
  }

  const emitter: SchemaEmitter = {
    exportName,
    fileName: (component) => exportName(component, "response"),
    cyclic: () => false,
    emitBodyField: (key, property, ctx, depth) => {
      const e = emitter.emit(property, ctx, depth)
      return bodyIds?.test(key) ? eitherId(doc, property, e) : e
    },
    emit: (schema, ctx, depth, nullable = false, whole = false) => {
      const inner = emitInner(schema, ctx, depth)
      const e = ctx.mode === "request" && !schema.$ref ? constrained(schema, inner) : inner
      const target = schema.$ref && !whole ? resolve<SchemaObject>(doc, schema) : undefined
      const isNullable = nullable ||
        (!whole && schema.nullable === true) ||
        target?.nullable === true ||
        (Array.isArray(schema.type) && schema.type.includes("null")) ||
        (schema.enum?.includes(null) ?? false)
      return isNullable && e.type !== "unknown" && !e.type.endsWith(" | null") ? nullOr(e) : e
    },
  }

  /** Requests also check the spec's bounds (lengths, item counts, ranges) before anything is sent. */
  const constrained = (schema: SchemaObject, e: Emitted): Emitted => {
    const checks: Array<string> = []
    const bound = (keyword: string, fn: string) => {
      const value = schema[keyword]
      if (typeof value === "number") checks.push(`${PURE}Schema.${fn}(${value})`)
    }
    bound("minLength", "isMinLength")
    bound("maxLength", "isMaxLength")
    bound("minItems", "isMinLength")
    bound("maxItems", "isMaxLength")
    bound("minimum", "isGreaterThanOrEqualTo")
    bound("maximum", "isLessThanOrEqualTo")
    return checks.length === 0
      ? e
      : { ...e, code: `${PURE}${e.code.replace(/^\/\*#__PURE__\*\/ /, "")}.check(${checks.join(", ")})` }
  }

  /** An id as a caller may hold it: the declared string or integer, or the other one (sent as given). */
  const eitherId = (doc: Document, property: SchemaObject, e: Emitted): Emitted => {
    const other = plainIdType(doc, property)
    if (other === undefined) return e
    return other === "string"
      ? { code: call("Union", `[${e.code}, Schema.Int]`), type: `${e.type} | number`, objectType: false }
      : { code: call("Union", `[${e.code}, Schema.String]`), type: `${e.type} | string`, objectType: false }
  }

  const nullOr = (e: Emitted): Emitted => ({
    code: call("NullOr", e.code),
    type: `${e.objectType || e.type.includes("|") || e.type.includes("&") ? `(${e.type})` : e.type} | null`,
    objectType: false,
  })

  const emitInner = (schema: SchemaObject, ctx: Context, depth: number): Emitted => {
    if (schema.$ref) return emitRef(schema.$ref, ctx, depth)
    if (schema.allOf) return emitAllOf(schema, ctx, depth)
    const union = schema.oneOf ?? schema.anyOf
    if (union && !schema.properties) return emitUnion(union, ctx, depth)
    if (union) return emitVariants(schema, ctx, depth)
    if (schema.enum) return emitEnum(schema, ctx)
    switch (primaryType(schema)) {
      case "string":
        return scalar("Schema.String", "string")
      case "integer":
        return ctx.mode === "request" ? scalar("Schema.Int", "number") : scalar("Schema.Number", "number")
      case "number":
        return ctx.mode === "request" ? scalar("Schema.Finite", "number") : scalar("Schema.Number", "number")
      case "boolean":
        return scalar("Schema.Boolean", "boolean")
      case "null":
        return scalar("Schema.Null", "null")
      case "array": {
        let item = schema.items ? emitter.emit(schema.items, ctx, depth) : scalar("Schema.Unknown", "unknown")
        if (ctx.mode === "response") item = widened(item, hints.widen.get(schema)?.get("[]"), depth)
        return scalar(call("Array", item.code), `ReadonlyArray<${item.type}>`)
      }
      case "object":
        return emitObject(
          Object.entries(schema.properties ?? {}).map(([key, property]) => ({ key, property, owner: schema })),
          new Set(schema.required ?? []),
          schema.additionalProperties,
          ctx,
          depth,
        )
      default:
        return scalar("Schema.Unknown", "unknown")
    }
  }

  const emitRef = (ref: string, ctx: Context, depth: number): Emitted => {
    const component = componentName(ref)
    if (!component) return emitter.emit(resolve<SchemaObject>(doc, { $ref: ref }), ctx, depth)
    const name = exportName(component, ctx.mode)
    ctx.uses.add(`${component}|${ctx.mode}`)
    const lazy = ctx.current !== undefined && emitter.cyclic(ctx.current, component)
    return {
      // Models are built at first use (`X()`); references inside a cycle stay lazy beyond that.
      code: lazy ? call("suspend", `(): Schema.Codec<${name}> => ${name}()`) : `${name}()`,
      type: name,
      objectType: false,
    }
  }

  const emitAllOf = (schema: SchemaObject, ctx: Context, depth: number): Emitted => {
    const members = schema.allOf ?? []
    const own = schema.properties || schema.additionalProperties !== undefined || schema.oneOf || schema.anyOf
    if (members.length === 1 && !own) return emitter.emit(members[0]!, ctx, depth)
    return emitReusing(schema, ctx, depth) ?? emitVariants(schema, ctx, depth)
  }

  /** A component whose model is one struct of its own properties, so its fields can be reused. */
  const plainObject = (schema: SchemaObject | undefined): schema is SchemaObject =>
    schema !== undefined &&
    !schema.$ref &&
    !schema.allOf &&
    !schema.oneOf &&
    !schema.anyOf &&
    !schema.enum &&
    schema.additionalProperties === undefined &&
    primaryType(schema) === "object" &&
    Object.keys(schema.properties ?? {}).length > 0 &&
    (schema.required ?? []).every((key) => Object.hasOwn(schema.properties ?? {}, key))

  /**
   * `allOf: [{ $ref: model }, { properties: extra }]` reuses the model instead of copying its fields: the type
   * extends it and the struct is built from its exported `XFields` plus the extra ones. Only when the result is
   * exactly what flattening gives (same field code and types: no property redeclared, no `required` reaching into
   * another part, no reference cycle); anything else is flattened by `emitVariants`.
   */
  const emitReusing = (schema: SchemaObject, ctx: Context, depth: number): Emitted | undefined => {
    if (schema.oneOf || schema.anyOf || schema.additionalProperties !== undefined || schema.enum) return undefined
    const bases: Array<string> = []
    const parts: Array<SchemaObject> = []
    for (const member of schema.allOf ?? []) {
      if (member.$ref) {
        const component = componentName(member.$ref)
        if (!component || !plainObject(doc.components.schemas[component])) return undefined
        if (ctx.current !== undefined && emitter.cyclic(ctx.current, component)) return undefined
        if (bases.includes(component)) return undefined
        bases.push(component)
      } else if (plainObject(member)) parts.push(member)
      else return undefined
    }
    if (schema.properties) {
      const own: SchemaObject = { ...schema }
      delete own.allOf
      if (!plainObject(own)) return undefined
      parts.push(schema)
    } else if (schema.required) return undefined
    if (bases.length === 0 || parts.length === 0) return undefined
    const ownFields = (owner: SchemaObject): Array<Field> =>
      Object.entries(owner.properties ?? {}).map(([key, property]) => ({ key, property, owner }))
    const baseSchemas = bases.map((b) => doc.components.schemas[b]!)
    const keys = [...baseSchemas, ...parts].flatMap((s) => Object.keys(s.properties ?? {}))
    if (new Set(keys).size !== keys.length) return undefined
    const required = new Set([...baseSchemas, ...parts].flatMap((s) => s.required ?? []))
    // Each base's fields as its own model emits them must be what the merged object would give them.
    for (const [i, base] of bases.entries()) {
      const scratch: Context = { mode: ctx.mode, current: base, uses: new Set() }
      const fields = ownFields(baseSchemas[i]!)
      const alone = fieldLines(fields, new Set(baseSchemas[i]!.required ?? []), scratch, 0)
      const merged = fieldLines(fields, required, scratch, 0)
      if (
        alone.codes.length === 0 || alone.codes.join("") !== merged.codes.join("") ||
        alone.types.join("") !== merged.types.join("")
      ) return undefined
    }
    const extra = fieldLines(parts.flatMap(ownFields), required, ctx, depth)
    for (const base of bases) {
      ctx.uses.add(`${base}|${ctx.mode}`)
      ctx.uses.add(`${base}|${ctx.mode}|fields`)
    }
    const names = bases.map((b) => exportName(b, ctx.mode))
    const close = indent(depth)
    const fieldsCode = `${PURE}Object.assign({}, ${names.map((n) => `${n}Fields()`).join(", ")}, {\n${
      extra.codes.join("")
    }${close}})`
    const struct = call("Struct", fieldsCode)
    const code = ctx.mode === "response"
      ? call("StructWithRest", `${struct}, [${call("Record", "Schema.String, Schema.Unknown")}]`)
      : struct
    const body = `{\n${extra.types.join("")}${close}}`
    return { code, type: `${names.join(" & ")} & ${body}`, objectType: false, extends: { bases: names, body } }
  }

  /**
   * Objects built from parts (allOf, or properties constrained by oneOf/anyOf): requests get one strict struct per
   * alternative, responses one lenient struct with every property any alternative declares.
   */
  const emitVariants = (schema: SchemaObject, ctx: Context, depth: number): Emitted => {
    const variants = objectVariants(doc, schema)
    if (!variants) {
      warn(`allOf/oneOf of non-object members (${JSON.stringify(schema).slice(0, 200)}): using the first member`)
      return emitter.emit((schema.allOf ?? schema.oneOf ?? schema.anyOf)![0]!, ctx, depth)
    }
    if (ctx.mode === "response" || variants.length === 1) {
      const merged = ctx.mode === "response" ? mergeVariants(variants) : variants[0]!
      return emitObject(merged.fields, merged.required, merged.additional, ctx, depth)
    }
    const emitted = variants.map((v) => emitObject(v.fields, v.required, v.additional, ctx, depth + 1))
    const pad = indent(depth + 1)
    return {
      code: call("Union", `[\n${emitted.map((e) => `${pad}${e.code},\n`).join("")}${indent(depth)}]`),
      type: emitted.map((e) => `(${e.type})`).join(" | "),
      objectType: false,
    }
  }

  const emitUnion = (members: Array<SchemaObject>, ctx: Context, depth: number): Emitted => {
    if (members.length === 1) return emitter.emit(members[0]!, ctx, depth)
    const emitted = members.map((member) => emitter.emit(member, ctx, depth + 1))
    const pad = indent(depth + 1)
    return {
      code: call("Union", `[\n${emitted.map((e) => `${pad}${e.code},\n`).join("")}${indent(depth)}]`),
      type: emitted.map((e) => (e.objectType || e.type.includes("=>") ? `(${e.type})` : e.type)).join(" | "),
      objectType: false,
    }
  }

  const emitEnum = (schema: SchemaObject, ctx: Context): Emitted => {
    const values = (schema.enum ?? []).filter((v) => v !== null) as Array<string | number | boolean>
    const type = primaryType(schema) ?? typeof values[0]
    const literals = values.map((v) => JSON.stringify(v))
    if (values.length === 0) return scalar("Schema.Unknown", "unknown")
    if (ctx.mode === "request") {
      return literals.length === 1
        ? scalar(call("Literal", literals[0]!), literals[0]!)
        : scalar(call("Literals", `[${literals.join(", ")}]`), literals.join(" | "))
    }
    // Responses: a value Intercom adds later must still decode; the type keeps the known values for editors.
    if (type === "boolean") return scalar("Schema.Boolean", "boolean")
    if (type === "integer" || type === "number") {
      return scalar("Schema.Number", `${literals.join(" | ")} | (number & {})`)
    }
    return scalar("Schema.String", `${literals.join(" | ")} | (string & {})`)
  }

  /** Adds the JSON types the spec's examples send where the schema does not allow them (responses only). */
  const widened = (e: Emitted, extra: ReadonlySet<JsonType> | undefined, _depth: number): Emitted => {
    if (!extra || extra.size === 0 || e.type === "unknown") return e
    const members = [...extra].sort().map((t) => WIDE[t])
    return {
      code: call("Union", `[${[e.code, ...members.map((m) => m.code)].join(", ")}]`),
      type: [e.objectType ? `(${e.type})` : e.type, ...members.map((m) => m.type)].join(" | "),
      objectType: false,
    }
  }

  /** One code line and one type line per property (read-only ones are left out of requests). */
  const fieldLines = (
    fields: ReadonlyArray<Field>,
    required: ReadonlySet<string>,
    ctx: Context,
    depth: number,
  ): { readonly codes: Array<string>; readonly types: Array<string> } => {
    const response = ctx.mode === "response"
    const pad = indent(depth + 1)
    const codes: Array<string> = []
    const types: Array<string> = []
    for (const { key, property, owner } of fields) {
      if (!response && resolve<SchemaObject>(doc, property).readOnly === true && !property.$ref) continue
      const isRequired = response
        ? (required.has(key) && !hints.missing.get(owner)?.has(key)) ||
          (present.has(key) && hints.seen.get(owner)?.has(key) === true && !hints.absent.get(owner)?.has(key))
        : required.has(key)
      const nullable = response && (hints.nulls.get(owner)?.has(key) === true || property.example === null)
      let e = emitter.emit(property, ctx, depth + 1, nullable)
      if (response) e = widened(e, hints.widen.get(owner)?.get(key), depth + 1)
      else if (bodyIds?.test(key)) e = eitherId(doc, property, e)
      const k = propertyKey(key)
      types.push(jsDoc(propertyDocLines(doc, property), pad))
      if (isRequired) {
        codes.push(`${pad}${k}: ${e.code},\n`)
        types.push(`${pad}readonly ${k}: ${e.type}\n`)
      } else if (response) {
        codes.push(`${pad}${k}: ${call("optionalKey", e.code)},\n`)
        types.push(`${pad}readonly ${k}?: ${e.type}\n`)
      } else {
        codes.push(`${pad}${k}: ${call("optional", e.code)},\n`)
        types.push(`${pad}readonly ${k}?: ${e.type} | undefined\n`)
      }
    }
    return { codes, types }
  }

  const emitObject = (
    fields: ReadonlyArray<Field>,
    required: ReadonlySet<string>,
    additional: SchemaObject["additionalProperties"],
    ctx: Context,
    depth: number,
  ): Emitted => {
    const response = ctx.mode === "response"
    const pad = indent(depth + 1)
    const { codes, types } = fieldLines(fields, required, ctx, depth)
    let rest: Emitted | undefined
    if (additional && typeof additional === "object") {
      rest = emitter.emit(additional, ctx, depth + 1)
      if (response) rest = widened(rest, hints.widen.get(additional)?.get("*"), depth + 1)
    } else if (additional === true || response) rest = scalar("Schema.Unknown", "unknown")
    // Declared properties must fit the index signature, so a typed rest only stands alone.
    if (rest && codes.length > 0 && rest.type !== "unknown") rest = scalar("Schema.Unknown", "unknown")

    const close = indent(depth)
    if (codes.length === 0) {
      const value = rest ?? scalar("Schema.Unknown", "unknown")
      return {
        code: call("Record", `Schema.String, ${value.code}`),
        type: `{ readonly [key: string]: ${value.type} }`,
        objectType: true,
      }
    }
    let fieldsCode = `{\n${codes.join("")}${close}}`
    if (depth === 0 && ctx.fields && ctx.fields.code === undefined) {
      ctx.fields.code = fieldsCode
      fieldsCode = `${ctx.fields.name}()`
    }
    const struct = call("Struct", fieldsCode)
    if (!rest) return { code: struct, type: `{\n${types.join("")}${close}}`, objectType: true }
    return {
      code: call("StructWithRest", `${struct}, [${call("Record", `Schema.String, ${rest.code}`)}]`),
      type: `{\n${types.join("")}${pad}readonly [key: string]: ${rest.type}\n${close}}`,
      objectType: true,
    }
  }

  return emitter
}

/** `string` or `integer` for a plain scalar (no enum, no union), else `undefined`. */
const plainIdType = (doc: Document, raw: SchemaObject): "string" | "integer" | undefined => {
  const schema = resolve<SchemaObject>(doc, raw)
  if (schema.enum || schema.oneOf || schema.anyOf || schema.allOf) return undefined
  const t = primaryType(schema)
  return t === "string" || t === "integer" ? t : undefined
}

/** The schema's type, ignoring `null` in a type list; `object` when it only lists properties. */
export const primaryType = (schema: SchemaObject): string | undefined => {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type
  if (t) return t
  if (schema.properties || schema.additionalProperties) return "object"
  if (schema.items) return "array"
  return undefined
}

export interface Field {
  readonly key: string
  readonly property: SchemaObject
  /** The object schema that declares the property (example hints are keyed by it). */
  readonly owner: SchemaObject
}

/** One way an object can look: its properties, which of them are required, what else it accepts. */
export interface ObjectVariant {
  readonly fields: ReadonlyArray<Field>
  readonly required: ReadonlySet<string>
  readonly additional: SchemaObject["additionalProperties"]
}

/**
 * The alternatives an object schema allows, flattening `$ref`, `allOf` (every part) and `oneOf`/`anyOf` (one member,
 * on top of the schema's own properties). `undefined` when some part is not an object (a string, an array).
 * Members that only add `required` (`anyOf: [{ required: [id] }, { required: [email] }]`) or nothing count as objects.
 */
export const objectVariants = (doc: Document, raw: SchemaObject, depth = 0): Array<ObjectVariant> | undefined => {
  if (depth > 16) return undefined
  const schema = resolve<SchemaObject>(doc, raw)
  const t = primaryType(schema)
  if (t !== undefined && t !== "object") return undefined
  if (t === undefined && !schema.allOf && !schema.oneOf && !schema.anyOf && !schema.required) {
    // An unconstrained member (`{ title: "other type" }`) adds nothing to the object it is part of.
    return depth > 0 && !schema.enum && !schema.items
      ? [{ fields: [], required: new Set(), additional: undefined }]
      : undefined
  }
  const own: ObjectVariant = {
    fields: Object.entries(schema.properties ?? {}).map(([key, property]) => ({ key, property, owner: schema })),
    required: new Set(schema.required ?? []),
    additional: schema.additionalProperties,
  }
  let variants: Array<ObjectVariant> = [{ fields: [], required: new Set(), additional: undefined }]
  const combine = (parts: Array<ObjectVariant> | undefined): boolean => {
    if (!parts) return false
    variants = variants.flatMap((v) => parts.map((part) => joinVariants(v, part)))
    return true
  }
  for (const member of schema.allOf ?? []) if (!combine(objectVariants(doc, member, depth + 1))) return undefined
  combine([own])
  const union = schema.oneOf ?? schema.anyOf
  if (union) {
    const members = union.map((member) => objectVariants(doc, member, depth + 1))
    if (!members.every((m) => m !== undefined)) return undefined
    combine(members.flat())
  }
  return variants
}

/** `b`'s fields over `a`'s (a later declaration of a property wins), both required sets. */
const joinVariants = (a: ObjectVariant, b: ObjectVariant): ObjectVariant => {
  const fields = new Map<string, Field>()
  for (const f of a.fields) fields.set(f.key, f)
  for (const f of b.fields) {
    // A member that only constrains a property (`data_type: { enum }`) keeps the owner's declaration when it is richer.
    const existing = fields.get(f.key)
    fields.set(f.key, existing && !f.property.type && !f.property.$ref && !f.property.enum ? existing : f)
  }
  return {
    fields: [...fields.values()],
    required: new Set([...a.required, ...b.required]),
    additional: b.additional ?? a.additional,
  }
}

/** Every property any alternative declares; required only where every alternative requires it. */
const mergeVariants = (variants: ReadonlyArray<ObjectVariant>): ObjectVariant => {
  const merged = variants.reduce((a, b) => joinVariants(a, b))
  const required = new Set([...merged.required].filter((key) => variants.every((v) => v.required.has(key))))
  return { ...merged, required }
}
