/**
 * The gateway's allow-list: a matcher compiled from operation descriptors that accepts only `METHOD /path` pairs of
 * the registry and rebuilds the upstream path from the template, so nothing the caller spells reaches the upstream
 * verbatim except validated parameter values and the query.
 *
 * @since 0.1.0
 */
import type { HttpMethod, OperationDescriptor } from "@utdk/intercom-core"

/**
 * What the router needs of an operation: its name, method and path template. A generated descriptor is one; so is
 * one path template of an operation in any API version (`@utdk/intercom-core/Versions`).
 *
 * @category models
 */
export type RoutedOperation = Pick<OperationDescriptor, "name" | "method" | "path">

/** @category models */
export type RouteMatch =
  | {
    readonly _tag: "Matched"
    readonly operation: RoutedOperation
    /** Path to request upstream: the template with every parameter decoded, checked and re-encoded. */
    readonly upstreamPath: string
    /** The raw query string without `?` ("" when absent), checked by {@link parseRequestTarget}. */
    readonly query: string
  }
  | {
    /** The most specific template for this method and path belongs to an operation outside the allow-list. */
    readonly _tag: "NotAllowed"
    readonly operation: RoutedOperation
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
  readonly operations: Map<string, { readonly operation: RoutedOperation; readonly allowed: boolean }>
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
const dotSegment = /^(?:\.|%2e){1,2}$/i

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
    // Dot segments in any spelling (`..`, `%2e%2e`, `.%2E`): URL parsers resolve the encoded ones too, so they are
    // refused here, on the raw target, before anything normalises them.
    if (dotSegment.test(segment)) return { _tag: "Bad", reason: "dot segment" }
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
  // A value decoding to "." or ".." is a dot segment that parseRequestTarget refuses before routing: kept here so
  // decodeParam is safe on its own.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: unreachable after parseRequestTarget
  if (decoded === "." || decoded === ".." || unsafeDecoded.test(decoded)) return undefined
  return decoded
}

const templateSegments = (path: string): ReadonlyArray<string> => path.split("/").filter((s) => s !== "")
const paramName = (segment: string): string | undefined => /^\{([^{}]+)\}$/.exec(segment)?.[1]

type Found = { readonly node: Node; readonly values: ReadonlyArray<string> }

/** Identity of an operation for the allow-list: its method and path template. @category internals */
export const routeKey = (operation: Pick<RoutedOperation, "method" | "path">): string =>
  `${operation.method} ${operation.path}`

/**
 * Compiles descriptors into a segment trie. Segments are compared decoded, and a literal segment excludes the
 * parameter beside it (`/contacts/search` is never `/contacts/{contact_id}`, however it is spelled), so the
 * operation matched, the path forwarded and the operation logged are always the same one.
 *
 * Routing uses every known template (`routes`, the whole registry) and only then checks the allow-list
 * (`allowed`, default: all of them): with a narrowed list, `GET /admins/activity_logs` must still be recognised as
 * `listActivityLogs` (and refused), not matched as `GET /admins/{admin_id}` with `admin_id = "activity_logs"`.
 *
 * @category constructors
 */
export const makeRouter = (
  routes: ReadonlyArray<RoutedOperation>,
  allowed?: ReadonlyArray<RoutedOperation>,
): Router => {
  const allowedKeys = allowed === undefined ? undefined : new Set(allowed.map(routeKey))
  const root = makeNode()
  let size = 0
  // Allowed descriptors first, so a template known to both keeps the caller's descriptor.
  for (const operation of allowed === undefined ? routes : [...allowed, ...routes]) {
    let node = root
    for (const segment of templateSegments(operation.path)) {
      const name = paramName(segment)
      if (name === undefined) {
        let next = node.literals.get(segment)
        if (next === undefined) node.literals.set(segment, next = makeNode())
        node = next
      } else {
        // Different operations may name the same position differently; values are bound by position.
        if (node.param === undefined) node.param = { name, node: makeNode() }
        node = node.param.node
      }
    }
    if (!node.operations.has(operation.method)) {
      const isAllowed = allowedKeys === undefined || allowedKeys.has(routeKey(operation))
      node.operations.set(operation.method, { operation, allowed: isAllowed })
      if (isAllowed) size++
    }
  }

  // All nodes a path reaches, literal branches first. Segments are matched in their decoded form, literals too:
  // `%61ctivity_logs` is the literal `activity_logs` (what the upstream would route it as), never a parameter value
  // that spells it. A segment that does not decode to one safe segment matches nothing.
  const walk = (rawSegments: ReadonlyArray<string>): Array<Found> => {
    const segments: Array<string> = []
    for (const raw of rawSegments) {
      // Stryker disable next-line StringLiteral: decoding a segment without escapes gives it back (a shortcut).
      const decoded = raw.includes("%") ? decodeParam(raw) : raw
      if (decoded === undefined) return []
      segments.push(decoded)
    }
    const found: Array<Found> = []
    const visit = (node: Node, index: number, values: Array<string>): void => {
      if (index === segments.length) {
        // Stryker disable next-line ConditionalExpression,EqualityOperator: a node without operations adds no method.
        if (node.operations.size > 0) found.push({ node, values: [...values] })
        return
      }
      const segment = segments[index]!
      const literal = node.literals.get(segment)
      if (literal !== undefined) visit(literal, index + 1, values)
      // A value that equals a sibling literal is that literal, never the parameter: no fallback that would forward
      // a path the upstream routes to the sibling while the log names the parameter's operation.
      if (node.param !== undefined && literal === undefined) {
        values.push(segment)
        visit(node.param.node, index + 1, values)
        // Stryker disable next-line CallExpression: no backtracking follows (a literal excludes the parameter).
        values.pop()
      }
    }
    visit(root, 0, [])
    return found
  }

  // Methods of allowed operations only: a refused operation is not advertised in Allow or preflights.
  const methodsOf = (found: ReadonlyArray<Found>): Array<HttpMethod> => {
    const methods = new Set<HttpMethod>()
    for (const f of found) for (const [m, entry] of f.node.operations) if (entry.allowed) methods.add(m as HttpMethod)
    return [...methods].sort()
  }

  const match = (method: string, rawTarget: string): RouteMatch => {
    const target = parseRequestTarget(rawTarget)
    if (target._tag === "Bad") return { _tag: "BadTarget", reason: target.reason }
    const found = walk(target.segments)
    // Stryker disable next-line ConditionalExpression: a shortcut; no template found means no methods, so NotFound below.
    if (found.length === 0) return { _tag: "NotFound" }
    // The first (most specific) template with this method decides; a refused one never falls back to a parameter.
    for (const f of found) {
      const entry = f.node.operations.get(method)
      if (entry === undefined) continue
      if (!entry.allowed) return { _tag: "NotAllowed", operation: entry.operation }
      let i = 0
      const upstreamPath = entry.operation.path.replace(/\{[^{}]+\}/g, () => encodeURIComponent(f.values[i++]!))
      return { _tag: "Matched", operation: entry.operation, upstreamPath, query: target.query }
    }
    const allow = methodsOf(found)
    return allow.length === 0 ? { _tag: "NotFound" } : { _tag: "MethodNotAllowed", allow }
  }

  const methodsFor = (rawTarget: string): ReadonlyArray<HttpMethod> => {
    const target = parseRequestTarget(rawTarget)
    return target._tag === "Bad" ? [] : methodsOf(walk(target.segments))
  }

  return { match, methodsFor, size }
}
