/**
 * "New in 2.x" and "Changed in 2.x" marks, computed from the docs manifests of every version (oldest first): an
 * operation is joined across versions by its method name (one per operation in every version, lib/versions.ts), a
 * parameter by its location and name (a path parameter by its position: its name changes between versions), a body
 * or result field by its property path. A field's shape is its schema without prose and without its own fields
 * (those carry their own marks), so a description edit never counts as a change.
 */
import type {
  DocsManifest,
  OperationDoc,
  ParameterDoc,
  PropertyNode,
  SchemaNode,
  VersionMarks,
} from "../../src/Manifest.ts"

const PROSE = new Set(["description", "title", "example", "default", "truncated"])

/** A node's own shape: prose and its fields' own schemas left out. */
const shapeOf = (node: SchemaNode): string =>
  JSON.stringify(node, (key, value) => {
    if (PROSE.has(key)) return undefined
    if (key === "properties" && Array.isArray(value)) {
      return (value as Array<PropertyNode>).map((p) => `${p.name}${p.required ? "" : "?"}`)
    }
    return value
  })

type Shapes = Map<string, string>

/** Every field of a schema by its path under `prefix`, with its shape. */
const collect = (node: SchemaNode, prefix: string, into: Shapes): void => {
  for (const p of node.properties ?? []) {
    const path = `${prefix}.${p.name}`
    into.set(path, `${p.required}${shapeOf(p.schema)}`)
    collect(p.schema, path, into)
  }
  if (node.items) collect(node.items, `${prefix}[]`, into)
  node.variants?.forEach((v, i) => collect(v, `${prefix}|${i}`, into))
}

const parameterKey = (op: OperationDoc, p: ParameterDoc): string =>
  p.in === "path"
    ? `path:${[...op.path.matchAll(/\{([^}]+)\}/g)].findIndex((m) => m[1] === p.name)}`
    : `${p.in}:${p.name}`

/** The success response: the lowest 2xx. */
const successOf = (op: OperationDoc) =>
  op.responses.filter((r) => /^2\d\d$/.test(r.status)).sort((a, b) => Number(a.status) - Number(b.status))[0]

const fieldsOf = (op: OperationDoc): Shapes => {
  const out: Shapes = new Map()
  // The version header's enum lists every version so far: it grows with each one and says nothing of the operation.
  for (const p of op.parameters) {
    if (!(p.in === "header" && p.name.toLowerCase() === "intercom-version")) {
      out.set(parameterKey(op, p), `${p.required}${shapeOf(p.schema)}`)
    }
  }
  if (op.body) {
    out.set("body", `${op.body.contentType}${op.body.required}${shapeOf(op.body.schema)}`)
    collect(op.body.schema, "body", out)
  }
  const success = successOf(op)
  out.set("result", `${success?.status}${success?.schema ? shapeOf(success.schema) : ""}`)
  if (success?.schema) collect(success.schema, "result", out)
  return out
}

interface History {
  readonly since: string
  readonly changedIn: Array<string>
  last: string
}

/** One history per key, over the versions in order: when it first appears, and each version its shape changed in. */
const track = (histories: Map<string, History>, key: string, version: string, shape: string): void => {
  const h = histories.get(key)
  if (!h) histories.set(key, { since: version, changedIn: [], last: shape })
  else if (h.last !== shape) {
    h.changedIn.push(version)
    h.last = shape
  }
}

/**
 * The manifests with marks: an operation or field first seen after the oldest version is "new" in the version that
 * brought it (a field only when its operation is older); "changed" lists the versions, up to the manifest's own,
 * whose shape differs from the version before.
 */
export const markManifests = (manifests: ReadonlyArray<DocsManifest>): Array<DocsManifest> => {
  const oldest = manifests[0]?.apiVersion
  const operations = new Map<string, History>()
  const fields = new Map<string, History>()
  // Shapes are compared between consecutive versions that have the operation (or field).
  for (const manifest of manifests) {
    for (const op of manifest.operations) {
      const own = fieldsOf(op)
      track(
        operations,
        op.name,
        manifest.apiVersion,
        `${op.method}${op.path.replace(/\{[^}]+\}/g, "{}")}${JSON.stringify([...own])}`,
      )
      for (const [key, shape] of own) track(fields, `${op.name} ${key}`, manifest.apiVersion, shape)
    }
  }
  const order = manifests.map((m) => m.apiVersion)
  const upTo = (version: string) => (v: string) => order.indexOf(v) <= order.indexOf(version)
  const marksOf = (
    h: History | undefined,
    version: string,
    parentSince: string | undefined,
  ): VersionMarks | undefined => {
    if (!h) return undefined
    const changedIn = h.changedIn.filter(upTo(version))
    const isNew = h.since !== oldest && h.since !== parentSince
    if (!isNew && changedIn.length === 0) return undefined
    return { ...(isNew ? { since: h.since } : {}), ...(changedIn.length > 0 ? { changedIn } : {}) }
  }
  return manifests.map((manifest) => {
    const version = manifest.apiVersion
    const markNode = (op: string, since: string, node: SchemaNode, prefix: string): SchemaNode => {
      const properties = node.properties?.map((p): PropertyNode => {
        const path = `${prefix}.${p.name}`
        const marks = marksOf(fields.get(`${op} ${path}`), version, since)
        return { ...p, schema: markNode(op, since, p.schema, path), ...(marks ? { marks } : {}) }
      })
      return {
        ...node,
        ...(properties ? { properties } : {}),
        ...(node.items ? { items: markNode(op, since, node.items, `${prefix}[]`) } : {}),
        ...(node.variants ? { variants: node.variants.map((v, i) => markNode(op, since, v, `${prefix}|${i}`)) } : {}),
      }
    }
    const operationsMarked = manifest.operations.map((op): OperationDoc => {
      const history = operations.get(op.name)!
      const marks = marksOf(history, version, undefined)
      const success = successOf(op)
      return {
        ...op,
        ...(marks ? { marks } : {}),
        parameters: op.parameters.map((p) => {
          if (p.in === "header" && p.name.toLowerCase() === "intercom-version") return p
          const m = marksOf(fields.get(`${op.name} ${parameterKey(op, p)}`), version, history.since)
          return m ? { ...p, marks: m } : p
        }),
        body: op.body && { ...op.body, schema: markNode(op.name, history.since, op.body.schema, "body") },
        responses: op.responses.map((r) =>
          r === success && r.schema ? { ...r, schema: markNode(op.name, history.since, r.schema, "result") } : r
        ),
      }
    })
    return { ...manifest, operations: operationsMarked }
  })
}
