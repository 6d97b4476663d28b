/**
 * What the spec's own examples say about responses that its schemas do not: fields sent as `null` although the
 * schema calls them non-nullable (`waiting_since`), and required fields that examples leave out. The generator
 * reads these hints for response models only, so one rule covers every field instead of per-field edits.
 */
import type { Document, MediaTypeObject, SchemaObject } from "./spec.ts"
import { resolve } from "./spec.ts"
import { listOperations } from "./overrides.ts"

export interface Hints {
  /** Object schema → its properties some example sends as `null`. */
  readonly nulls: WeakMap<object, Set<string>>
  /** Object schema → its required properties some example leaves out. */
  readonly missing: WeakMap<object, Set<string>>
  /** Object schema → its declared properties (required or not) some example leaves out. */
  readonly absent: WeakMap<object, Set<string>>
  /** Object schema → its declared properties some example sends. */
  readonly seen: WeakMap<object, Set<string>>
  /**
   * Object schema → property (array schema → `[]` for items; additionalProperties schema → `*`) → JSON types some example
   * sends there that the schema does not allow (an id declared integer that examples send as a string).
   */
  readonly widen: WeakMap<object, Map<string, Set<JsonType>>>
}

export type JsonType = "string" | "number" | "boolean" | "object" | "array"

export const jsonType = (value: unknown): JsonType | undefined =>
  Array.isArray(value)
    ? "array"
    : typeof value === "string" || typeof value === "number" || typeof value === "boolean" || typeof value === "object"
    ? (typeof value as JsonType)
    : undefined

const add = (map: WeakMap<object, Set<string>>, owner: object, key: string): void => {
  let set = map.get(owner)
  if (!set) map.set(owner, set = new Set())
  set.add(key)
}

export const collectHints = (doc: Document): Hints => {
  const hints: Hints = {
    nulls: new WeakMap(),
    missing: new WeakMap(),
    absent: new WeakMap(),
    seen: new WeakMap(),
    widen: new WeakMap(),
  }
  const widen = (owner: object, key: string, schema: SchemaObject, value: unknown): void => {
    const t = jsonType(value)
    if (!t || accepts(schema, t, 0)) return
    let byKey = hints.widen.get(owner)
    if (!byKey) hints.widen.set(owner, byKey = new Map())
    let types = byKey.get(key)
    if (!types) byKey.set(key, types = new Set())
    types.add(t)
  }
  const accepts = (raw: SchemaObject, t: JsonType, depth: number): boolean => {
    const schema = resolve<SchemaObject>(doc, raw)
    if (depth > 16) return true
    const union = schema.oneOf ?? schema.anyOf
    if (union) return union.some((m) => accepts(m, t, depth + 1))
    if (schema.allOf) return schema.allOf.every((m) => accepts(m, t, depth + 1))
    if (schema.enum) return schema.enum.some((v) => v !== null && jsonType(v) === t)
    const declared = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : undefined
    if (!declared) return schema.properties || schema.additionalProperties ? t === "object" : true
    return declared.some((d) => (d === "integer" ? "number" : d) === t)
  }
  const walk = (raw: SchemaObject | undefined, value: unknown, depth: number): void => {
    if (!raw || depth > 64 || value === null || value === undefined) return
    const schema = resolve<SchemaObject>(doc, raw)
    for (const member of schema.allOf ?? []) walk(member, value, depth + 1)
    const union = schema.oneOf ?? schema.anyOf
    if (union) {
      for (const member of bestMembers(union, value)) walk(member, value, depth + 1)
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        if (schema.items) widen(schema, "[]", schema.items, item)
        walk(schema.items, item, depth + 1)
      }
      return
    }
    if (typeof value !== "object") return
    const record = value as Record<string, unknown>
    const properties = schema.properties
    if (properties) {
      for (const [key, v] of Object.entries(record)) {
        const property = properties[key]
        if (!property) continue
        if (v === null) add(hints.nulls, schema, key)
        else {
          widen(schema, key, property, v)
          walk(property, v, depth + 1)
        }
      }
      for (const key of schema.required ?? []) if (!(key in record)) add(hints.missing, schema, key)
      for (const key of Object.keys(properties)) add(key in record ? hints.seen : hints.absent, schema, key)
    }
    const extra = schema.additionalProperties
    if (extra && typeof extra === "object") {
      for (const [key, v] of Object.entries(record)) {
        if (properties?.[key] || v === null) continue
        widen(extra, "*", extra, v)
        walk(extra, v, depth + 1)
      }
    }
  }

  // Members of a union whose declared properties cover the most keys of the example: the ones it was written for.
  const bestMembers = (members: Array<SchemaObject>, value: unknown): Array<SchemaObject> => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return members
    const keys = Object.keys(value)
    const score = (member: SchemaObject): number => {
      const names = propertyNames(member, 0)
      return keys.filter((key) => names.has(key)).length
    }
    const scores = members.map(score)
    const best = Math.max(...scores)
    return members.filter((_, i) => scores[i] === best)
  }
  const propertyNames = (raw: SchemaObject, depth: number): Set<string> => {
    const schema = resolve<SchemaObject>(doc, raw)
    const names = new Set(Object.keys(schema.properties ?? {}))
    if (depth < 8) {
      for (const member of schema.allOf ?? []) for (const n of propertyNames(member, depth + 1)) names.add(n)
    }
    return names
  }

  const walkMedia = (media: MediaTypeObject | undefined): void => {
    if (!media?.schema) return
    if (media.example !== undefined) walk(media.schema, media.example, 0)
    for (const example of Object.values(media.examples ?? {})) {
      const value = resolve<{ value?: unknown }>(doc, example as { value?: unknown }).value
      walk(media.schema, value, 0)
    }
  }
  for (const { operation } of listOperations(doc)) {
    for (const response of Object.values(operation.responses)) {
      for (
        const media of Object.values(
          resolve<{ content?: Record<string, MediaTypeObject> }>(doc, response).content ?? {},
        )
      ) {
        walkMedia(media)
      }
    }
  }
  // Component-level examples describe responses too (they are what Prism answers with when no example is given).
  for (const schema of Object.values(doc.components.schemas)) {
    if (schema.example !== undefined && !schema.$ref) walk(schema, schema.example, 0)
  }
  return hints
}
