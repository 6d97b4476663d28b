/**
 * The gateway's allow-list: a matcher compiled from operation descriptors that accepts only `METHOD /path` pairs of
 * the registry and rebuilds the upstream path from the template, so nothing the caller spells reaches the upstream
 * verbatim except validated parameter values and the query.
 *
 * @since 0.1.0
 */
import type { HttpMethod, OperationDescriptor } from "@utdk/intercom-core"

/** @category models */
export type RouteMatch =
  | {
      readonly _tag: "Matched"
      readonly operation: OperationDescriptor
      /** Path to request upstream: the template with every parameter decoded, checked and re-encoded. */
      readonly upstreamPath: string
      /** The raw query string without `?` ("" when absent), checked by {@link parseRequestTarget}. */
      readonly query: string
    }
  | { readonly _tag: "MethodNotAllowed"; readonly allow: ReadonlyArray<HttpMethod> }
  | { readonly _tag: "NotFound" }
  | { readonly _tag: "BadTarget"; readonly reason: string }

/** @category models */
export interface Router {
  /** Matches a method and a raw request target (`/path?query`, exactly as received on the wire). */
  readonly match: (method: string, rawTarget: string) => RouteMatch
  /** Methods accepted on a path (for preflight and `Allow`), empty when the path matches no operation. */
  readonly methodsFor: (rawTarget: string) => ReadonlyArray<HttpMethod>
  readonly size: number
}

interface Node {
  readonly literals: Map<string, Node>
  param: { readonly name: string; readonly node: Node } | undefined
  readonly operations: Map<string, { readonly operation: OperationDescriptor; readonly params: ReadonlyArray<string> }>
}

const makeNode = (): Node => ({ literals: new Map(), param: undefined, operations: new Map() })

/** Longest request target accepted; Intercom paths are short, and a cap keeps hostile input cheap to reject. */
export const maxTargetLength = 4096

// RFC 3986 pchar (unreserved / sub-delims / ":" / "@") or a percent escape; nothing else may appear in a segment.
const segmentPattern = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/
// Query: pchar plus "/" and "?"; brackets are tolerated because deepObject encoders often leave them raw.
const queryPattern = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?[\]]|%[0-9A-Fa-f]{2})*$/
// After decoding, a parameter must still be one opaque segment: no separators, no escapes left (double encoding),
// no control characters.
const unsafeDecoded = /[/\\%\u0000-\u001f\u007f]/

/** @category models */
export type ParsedTarget =
  | { readonly _tag: "Ok"; readonly segments: ReadonlyArray<string>; readonly query: string }
  | { readonly _tag: "Bad"; readonly reason: string }

/**
 * Splits a raw request target into path segments and query, rejecting anything that is not a plain origin-form
 * target: absolute URLs, `//host`, backslashes, empty or dot segments, bytes outside RFC 3986, fragments.
 *
 * @category parsing
 */
export const parseRequestTarget = (rawTarget: string): ParsedTarget => {
  if (rawTarget.length === 0 || rawTarget.length > maxTargetLength) return { _tag: "Bad", reason: "target length" }
  if (rawTarget.charCodeAt(0) !== 47 /* "/" */) return { _tag: "Bad", reason: "not origin-form" }
  const q = rawTarget.indexOf("?")
  const path = q === -1 ? rawTarget : rawTarget.slice(0, q)
  const query = q === -1 ? "" : rawTarget.slice(q + 1)
  if (!queryPattern.test(query)) return { _tag: "Bad", reason: "query characters" }
  if (path === "/") return { _tag: "Ok", segments: [], query }
  const segments = path.slice(1).split("/")
  for (const segment of segments) {
    if (segment === "") return { _tag: "Bad", reason: "empty segment" }
    if (segment === "." || segment === "..") return { _tag: "Bad", reason: "dot segment" }
    if (!segmentPattern.test(segment)) return { _tag: "Bad", reason: "path characters" }
  }
  return { _tag: "Ok", segments, query }
}

const decodeParam = (raw: string): string | undefined => {
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return undefined
  }
  if (decoded === "." || decoded === ".." || unsafeDecoded.test(decoded)) return undefined
  return decoded
}

const templateSegments = (path: string): ReadonlyArray<string> => path.split("/").filter((s) => s !== "")
const paramName = (segment: string): string | undefined => /^\{([^{}]+)\}$/.exec(segment)?.[1]

type Found = { readonly node: Node; readonly values: ReadonlyArray<string> }

/**
 * Compiles descriptors into a segment trie. Literal segments win over parameters (`/contacts/search` before
 * `/contacts/{contact_id}`), with backtracking so a literal dead end still falls back to the parameter branch.
 *
 * @category constructors
 */
export const makeRouter = (operations: ReadonlyArray<OperationDescriptor>): Router => {
  const root = makeNode()
  let size = 0
  for (const operation of operations) {
    let node = root
    const params: Array<string> = []
    for (const segment of templateSegments(operation.path)) {
      const name = paramName(segment)
      if (name === undefined) {
        let next = node.literals.get(segment)
        if (next === undefined) node.literals.set(segment, (next = makeNode()))
        node = next
      } else {
        // Different operations may name the same position differently; values are bound by position.
        if (node.param === undefined) node.param = { name, node: makeNode() }
        params.push(name)
        node = node.param.node
      }
    }
    if (!node.operations.has(operation.method)) {
      node.operations.set(operation.method, { operation, params })
      size++
    }
  }

  // All nodes a path reaches, literal branches first.
  const walk = (segments: ReadonlyArray<string>): Array<Found> => {
    const found: Array<Found> = []
    const visit = (node: Node, index: number, values: Array<string>): void => {
      if (index === segments.length) {
        if (node.operations.size > 0) found.push({ node, values: [...values] })
        return
      }
      const segment = segments[index]!
      const literal = node.literals.get(segment)
      if (literal !== undefined) visit(literal, index + 1, values)
      if (node.param !== undefined) {
        const value = decodeParam(segment)
        if (value !== undefined) {
          values.push(value)
          visit(node.param.node, index + 1, values)
          values.pop()
        }
      }
    }
    visit(root, 0, [])
    return found
  }

  const methodsOf = (found: ReadonlyArray<Found>): Array<HttpMethod> => {
    const methods = new Set<HttpMethod>()
    for (const f of found) for (const m of f.node.operations.keys()) methods.add(m as HttpMethod)
    return [...methods].sort()
  }

  const match = (method: string, rawTarget: string): RouteMatch => {
    const target = parseRequestTarget(rawTarget)
    if (target._tag === "Bad") return { _tag: "BadTarget", reason: target.reason }
    const found = walk(target.segments)
    if (found.length === 0) return { _tag: "NotFound" }
    for (const f of found) {
      const entry = f.node.operations.get(method)
      if (entry === undefined) continue
      let i = 0
      const upstreamPath = entry.operation.path.replace(/\{[^{}]+\}/g, () => encodeURIComponent(f.values[i++]!))
      return { _tag: "Matched", operation: entry.operation, upstreamPath, query: target.query }
    }
    return { _tag: "MethodNotAllowed", allow: methodsOf(found) }
  }

  const methodsFor = (rawTarget: string): ReadonlyArray<HttpMethod> => {
    const target = parseRequestTarget(rawTarget)
    return target._tag === "Bad" ? [] : methodsOf(walk(target.segments))
  }

  return { match, methodsFor, size }
}
