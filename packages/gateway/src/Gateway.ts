/**
 * The gateway: one request in, one response out, with every decision taken by the pure policy modules beside this
 * one (router, header policy, CORS, sessions, limits). It uses only web-standard APIs (`fetch`, `Headers`,
 * `Response`, WebCrypto), so the same code runs in the Node server and on edge platforms.
 *
 * @since 0.1.0
 */
import { headerNames, regions } from "@utdk/intercom-core/Facts"
import { gatewayPaths, type GatewayInfo } from "@utdk/intercom-core/GatewayProtocol"
import { routes as versionRoutes, type Route } from "@utdk/intercom-core/Versions"
import { makeLightAbort } from "@utdk/intercom-core/Wire"
import { checkBody, chunksOf, makeJsonDepthCheck, mediaType, readBody, type BodySource } from "./Body.ts"
import { applyCorsHeaders, decideOrigin, decidePreflight, normalizeOrigins, type CorsPolicy } from "./Cors.ts"
import {
  callerRequestId,
  copyResponseHeaders,
  gatewayErrorHeader,
  sessionHeader,
  upstreamRequestHeaders,
  type HeaderRecord,
  type HeaderSource,
} from "./HeaderPolicy.ts"
import { silentLogger, type GatewayLogger } from "./Log.ts"
import { gatewayDefaults } from "./Options.ts"
import { makeRouter, type RoutedOperation } from "./Router.ts"
import {
  isSessionKey,
  makeSessionCrypto,
  minSecretBytes,
  SessionSecretError,
  tokenPattern,
  type SessionCrypto,
} from "./Session.ts"
import { makeMemoryStore, StoreUnavailableError, type GatewayStore } from "./Store.ts"
import { makeScrubber } from "./Scrub.ts"
import { makeFetchTransport, type UpstreamResponse, type UpstreamTransport } from "./Upstream.ts"
import { makeVersionPolicy, routedOperations } from "./VersionPolicy.ts"

/**
 * Every operation of every API version the generated registry types, one entry per path template: what the gateway
 * allows unless told otherwise (each only in the versions that have it).
 *
 * @category constants
 */
export const allOperations: ReadonlyArray<RoutedOperation> = routedOperations(versionRoutes)

export type { GatewayInfo } from "@utdk/intercom-core/GatewayProtocol"

/** Where session keys are created (POST) and revoked (DELETE) in session mode. @category constants */
export const sessionsPath = gatewayPaths.sessions

/** @category constants */
export const healthPath = gatewayPaths.health

/** What the gateway is and how it is set up, without secrets (the docs' playground reads it). @category constants */
export const infoPath = gatewayPaths.info

/** @category models */
export type CredentialsOptions =
  | { readonly mode: "server"; readonly token: string }
  | {
    readonly mode: "session"
    /** Gateway secret, at least 32 bytes, shared by every instance that shares a store. */
    readonly secret: string | Uint8Array
    /** Session lifetime (default 3600). */
    readonly ttlSeconds?: number
    /** Session creations allowed per client per rate-limit window (default 10). */
    readonly createPerWindow?: number
  }

/** @category models */
export interface GatewayOptions {
  /**
   * The operations to allow ({@link allOperations} in production; generated descriptors or any list in tests). An
   * operation is forwarded only in the versions that have it (see `versions`).
   */
  readonly operations: ReadonlyArray<RoutedOperation>
  /**
   * Every template requests are routed by before the allow-list is checked (default: every version's templates), so
   * a narrowed `operations` cannot be bypassed through a parameter that spells a sibling literal.
   */
  readonly registry?: ReadonlyArray<RoutedOperation>
  /**
   * Which operations each API version has (default: `routes` of `@utdk/intercom-core/Versions`, generated from every
   * description). A request whose operation its version lacks is refused (404 `operation_not_in_version`).
   */
  readonly versions?: ReadonlyArray<Route>
  /**
   * The `Intercom-Version` sent upstream when a request names none (default: the newest numbered version), so
   * Intercom never falls back to the app's default version set in its Developer Hub.
   */
  readonly defaultVersion?: string
  /** Upstream origin, from `resolveUpstream`. */
  readonly upstream: string
  readonly credentials: CredentialsOptions
  readonly cors?: Partial<CorsPolicy>
  readonly store?: GatewayStore
  /** Requests per client per window; `false` turns the limit off. Default 120 per 60 s. */
  readonly rateLimit?: { readonly requests: number; readonly windowSeconds: number } | false
  /** Request body cap in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number
  /**
   * Deadline for the whole upstream exchange (default 30 s): waiting for a pooled connection, the answer and its
   * body, streamed or not. A trickling upstream or a stalled reader cannot hold a request longer.
   */
  readonly upstreamTimeoutMs?: number
  /**
   * Deadline for receiving the request body (default 30 s), kept by the handler itself: Deno and workerd put none on
   * a request body, so a stalled upload would otherwise hold the request forever.
   */
  readonly requestTimeoutMs?: number
  readonly logger?: GatewayLogger
  /** How to call the upstream (default: {@link makeFetchTransport} over `globalThis.fetch`). */
  readonly transport?: UpstreamTransport
  /** Upstream answers up to this size are read whole and sent with a `Content-Length`; larger ones stream. */
  readonly bufferResponseBytes?: number
  /**
   * Cap on an upstream answer that arrived compressed and was decompressed (default 64 MiB): a compression bomb is
   * cut there. The gateway asks for `identity`, so Intercom's answers are not compressed in the first place.
   */
  readonly maxDecodedResponseBytes?: number
  readonly userAgent?: string
  readonly now?: () => number
}

/** One request as the gateway sees it: the raw target as sent on the wire, and the client's address. @category models */
export interface GatewayExchange {
  readonly method: string
  /** Raw request target (`/path?query`); absolute-form or anything else is refused. */
  readonly target: string
  readonly headers: HeaderSource
  readonly body: BodySource | null
  /** Key for per-client rate limiting (the peer address, or what a trusted proxy reported). */
  readonly clientAddress: string
  /** Aborts when the client goes away: the upstream request is then cancelled. */
  readonly signal?: AbortSignal | undefined
  /**
   * `signal`'s counterpart for adapters told of a departed client by an event (Node's `close`), without an
   * `AbortController` and its listeners per request: the gateway hands over the cancel of its upstream exchange, to
   * be called when the client goes away (at once if it already has).
   */
  readonly onClientGone?: ((cancel: () => void) => void) | undefined
}

/**
 * The gateway's answer, before it is written: Node writes it straight to the socket, the web handler wraps it in a
 * `Response`. Header names are lower case.
 *
 * @category models
 */
export interface GatewayReply {
  readonly status: number
  readonly headers: HeaderRecord
  readonly body: Uint8Array | string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null
}

/** @category models */
export interface Gateway {
  readonly handle: (exchange: GatewayExchange) => Promise<GatewayReply>
  /** The web-standard handler: what edge platforms call. */
  readonly fetch: (request: Request, info?: { readonly clientAddress?: string }) => Promise<Response>
  readonly store: GatewayStore
  readonly close: () => Promise<void>
}

/** Error codes the gateway answers with itself (upstream errors pass through unchanged). @category models */
export type GatewayErrorCode =
  | "route_not_found"
  | "operation_not_allowed"
  | "operation_not_in_version"
  | "version_unknown"
  | "method_not_allowed"
  | "origin_not_allowed"
  | "preflight_denied"
  | "rate_limited"
  | "body_too_large"
  | "body_malformed"
  | "body_not_allowed"
  | "body_timeout"
  | "request_malformed"
  | "unsupported_media_type"
  | "session_required"
  | "session_invalid"
  | "token_invalid"
  | "upstream_timeout"
  | "upstream_busy"
  | "upstream_unavailable"
  | "store_unavailable"
  | "internal_error"

const messages: Record<GatewayErrorCode, string> = {
  route_not_found: "No Intercom operation matches this method and path.",
  operation_not_allowed: "This gateway does not allow this operation.",
  operation_not_in_version: "This operation does not exist in the Intercom-Version the request names.",
  version_unknown: "The Intercom-Version header names no version this gateway routes.",
  method_not_allowed: "This path does not accept this method.",
  origin_not_allowed: "This origin may not use the gateway.",
  preflight_denied: "The preflight request asks for a method or header the gateway does not allow.",
  rate_limited: "Too many requests; retry after the delay in Retry-After.",
  body_too_large: "The request body is larger than the gateway accepts.",
  body_malformed: "The request body is not valid for its content type.",
  body_not_allowed: "This method does not take a request body.",
  body_timeout: "The request body did not arrive in time.",
  request_malformed: "The request's framing or Host header is ambiguous.",
  unsupported_media_type: "The request body's content type is not one Intercom accepts.",
  session_required: `This gateway needs a session key in the ${sessionHeader} header.`,
  session_invalid: "The session key is unknown, expired or revoked.",
  token_invalid: "The body must be a JSON object with a token string.",
  upstream_timeout: "Intercom did not answer in time.",
  upstream_busy: "The gateway has too many requests in flight to Intercom; retry after the delay in Retry-After.",
  upstream_unavailable: "Intercom could not be reached.",
  store_unavailable: "The gateway's state store is unavailable.",
  internal_error: "The gateway failed to handle the request.",
}

const baseHeaders = (requestId: string): HeaderRecord => ({
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  [headerNames.requestId]: requestId,
})

const jsonResponse = (status: number, body: unknown, headers: HeaderRecord): GatewayReply => {
  headers["content-type"] = "application/json"
  return { status, headers, body: JSON.stringify(body) }
}

// Intercom's own error envelope, so clients decode gateway errors and upstream errors the same way.
// `message` says more than the code's fixed message where the request decides it (which version, which operation).
const errorResponse = (
  status: number,
  code: GatewayErrorCode,
  requestId: string,
  headers: HeaderRecord = baseHeaders(requestId),
  message: string = messages[code],
): GatewayReply => {
  headers[gatewayErrorHeader] = code
  return jsonResponse(status, { type: "error.list", request_id: requestId, errors: [{ code, message }] }, headers)
}

const nullBodyStatuses = new Set([204, 205, 304])

const isBusy = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "name" in error && error.name === "UpstreamBusyError"

/** Why an exchange's signal fired. */
const deadlinePassed = new Error("upstream deadline passed")
deadlinePassed.name = "TimeoutError"
const clientGone = new Error("client went away")
clientGone.name = "AbortError"

/**
 * One upstream exchange's deadline and cancellation: a timer started before the transport is called (so waiting for
 * a pooled connection counts), and the client's departure (its signal, or the adapter's `onClientGone`), both
 * aborting one light signal (no `AbortController` per request). `finish` releases both once the body is done.
 */
const makeExchangeGuard = (timeoutMs: number, exchange: GatewayExchange) => {
  const controller = makeLightAbort()
  const signal = controller.signal
  const timer = setTimeout(() => controller.abort(deadlinePassed), timeoutMs)
  const onClientGone = () => controller.abort(clientGone)
  exchange.onClientGone?.(onClientGone)
  const client = exchange.signal
  if (client !== undefined) {
    if (client.aborted) controller.abort(clientGone)
    else client.addEventListener("abort", onClientGone, { once: true })
  }
  return {
    signal,
    timedOut: () => signal.reason === deadlinePassed,
    finish: () => {
      clearTimeout(timer)
      client?.removeEventListener("abort", onClientGone)
    },
  }
}

// Cuts a decompressed body at `maxBytes` (a compression bomb), failing the stream.
async function* capped(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncIterable<Uint8Array> {
  let total = 0
  for await (const chunk of chunksOf(body)) {
    total += chunk.byteLength
    if (total > maxBytes) throw new Error(`the decompressed upstream answer exceeds ${maxBytes} bytes`)
    yield chunk
  }
}

const isJsonMediaType = (contentType: string | undefined): boolean => {
  const type = mediaType(contentType ?? null)
  return type === "application/json" || (type !== undefined && type.endsWith("+json"))
}

// Ends the guard when a streamed body ends, fails or is cancelled by the client.
async function* guarded(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  finish: () => void,
): AsyncIterable<Uint8Array> {
  try {
    yield* chunksOf(body)
  } finally {
    finish()
  }
}

// A Host header as RFC 9110 allows it: a registered name or IPv4 address, or a bracketed IPv6 literal, and a port.
const hostPattern = /^(?:[A-Za-z0-9._~!$&'()*+,;=-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/** @category errors */
export class CredentialsConfigError extends Error {
  override readonly name = "CredentialsConfigError"
}

/**
 * The request target (`/path?query`) cut out of a request URL as a string, without URL parsing: parsing would
 * resolve `%2e%2e` segments before the router could refuse them. Runtimes that keep the raw target (Deno, Bun) then
 * hand the router exactly what the client sent.
 *
 * @category conversions
 */
export const rawTargetOf = (url: string): string => {
  const scheme = url.indexOf("://")
  const authorityStart = scheme === -1 ? 0 : scheme + 3
  let start = authorityStart
  while (start < url.length && url[start] !== "/" && url[start] !== "?" && url[start] !== "#") start++
  const hash = url.indexOf("#", start)
  const target = hash === -1 ? url.slice(start) : url.slice(start, hash)
  return target === "" || target[0] === "?" ? `/${target}` : target
}

/** Wraps a reply in a web `Response`. @category conversions */
export const toResponse = (reply: GatewayReply): Response => {
  const body = reply.body
  const init = { status: reply.status, headers: reply.headers }
  if (body === null || typeof body === "string" || body instanceof Uint8Array || body instanceof ReadableStream) {
    return new Response(body as BodyInit | null, init)
  }
  const iterator = body[Symbol.asyncIterator]()
  const stream = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      const next = await iterator.next()
      if (next.done === true) controller.close()
      else controller.enqueue(next.value)
    },
    cancel: async () => {
      await iterator.return?.()
    },
  })
  return new Response(stream, init)
}

/**
 * Makes a gateway. Nothing is read from the environment: the Node adapter (or an edge entry point) passes
 * configuration in.
 *
 * @category constructors
 */
export const makeGateway = (options: GatewayOptions): Gateway => {
  const registry = options.registry ??
    (options.versions === undefined ? allOperations : routedOperations(options.versions))
  const router = makeRouter(registry, options.operations)
  const versionPolicy = makeVersionPolicy(options.versions ?? versionRoutes, options.defaultVersion)
  const preflightMethods = [...new Set(registry.map((o) => o.method as string))]
  const cors: CorsPolicy = {
    allowedOrigins: normalizeOrigins(options.cors?.allowedOrigins ?? []),
    requireOrigin: options.cors?.requireOrigin ?? false,
    maxAgeSeconds: options.cors?.maxAgeSeconds ?? 600,
  }
  const store = options.store ?? makeMemoryStore()
  const rateLimit = options.rateLimit === undefined ? gatewayDefaults.rateLimit : options.rateLimit
  const maxBodyBytes = options.maxBodyBytes ?? gatewayDefaults.maxBodyBytes
  const upstreamTimeoutMs = options.upstreamTimeoutMs ?? gatewayDefaults.upstreamTimeoutMs
  const requestTimeoutMs = options.requestTimeoutMs ?? gatewayDefaults.requestTimeoutMs
  const logger = options.logger ?? silentLogger
  const transport = options.transport ?? makeFetchTransport()
  const bufferResponseBytes = options.bufferResponseBytes ?? 256 * 1024
  const maxDecodedResponseBytes = options.maxDecodedResponseBytes ?? 64 * 1024 * 1024
  const userAgent = options.userAgent ?? "intercom-gateway"
  const now = options.now ?? Date.now
  const credentials = options.credentials
  const standIn = !(Object.values(regions) as ReadonlyArray<string>).includes(options.upstream)
  const info: GatewayInfo = {
    gateway: "@utdk/intercom-gateway",
    credentials: credentials.mode,
    operations: router.size,
    apiVersion: versionPolicy.defaultVersion,
    upstream: standIn ? "stand-in" : "intercom",
  }
  const infoBody = JSON.stringify(info)

  let sessionCrypto: Promise<SessionCrypto> | undefined
  if (credentials.mode === "server") {
    if (!tokenPattern.test(credentials.token)) {
      throw new CredentialsConfigError("the server token is empty or not header-safe")
    }
    logger.addSecret(credentials.token)
  } else {
    const length = typeof credentials.secret === "string"
      ? new TextEncoder().encode(credentials.secret).byteLength
      : credentials.secret.byteLength
    if (length < minSecretBytes) {
      throw new SessionSecretError(`the gateway secret must be at least ${minSecretBytes} bytes`)
    }
    sessionCrypto = makeSessionCrypto(credentials.secret)
  }
  // The secrets an upstream could reflect: never sent on to the caller.
  const scrubber = makeScrubber(
    credentials.mode === "server"
      ? [credentials.token]
      : typeof credentials.secret === "string"
      ? [credentials.secret]
      : [],
  )
  const sessionTtlMs = credentials.mode === "session"
    ? (credentials.ttlSeconds ?? gatewayDefaults.sessionTtlSeconds) * 1000
    : 0
  const sessionCreateLimit = credentials.mode === "session" ? (credentials.createPerWindow ?? 10) : 0

  // Counts a hit; answers the 429 to send when over the limit.
  const limited = async (
    key: string,
    limit: number,
    requestId: string,
    headers: HeaderRecord,
  ): Promise<GatewayReply | undefined> => {
    if (rateLimit === false) return undefined
    const hit = await store.hit(key, rateLimit.windowSeconds * 1000)
    if (hit.count <= limit) return undefined
    headers[headerNames.retryAfter] = String(Math.max(1, Math.ceil(hit.resetInMs / 1000)))
    return errorResponse(429, "rate_limited", requestId, headers)
  }

  // Sessions are bound to the origin that created them ("" for callers without an Origin): the origin is part of
  // the sealed record's associated data, so a key replayed from another origin does not open.
  const createSession = async (
    exchange: GatewayExchange,
    origin: string,
    requestId: string,
    headers: HeaderRecord,
  ): Promise<GatewayReply> => {
    const over = await limited(`sessions:${exchange.clientAddress}`, sessionCreateLimit, requestId, headers)
    if (over !== undefined) return over
    const body = await readBody(exchange.body, exchange.headers.get("content-length"), 4096, requestTimeoutMs)
    if (body._tag === "TooLarge") return errorResponse(413, "body_too_large", requestId, headers)
    if (body._tag === "TimedOut") return errorResponse(408, "body_timeout", requestId, headers)
    if (body._tag !== "Ok" || mediaType(exchange.headers.get("content-type")) !== "application/json") {
      return errorResponse(400, "token_invalid", requestId, headers)
    }
    let token: unknown
    try {
      token = (JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes)) as { token?: unknown }).token
    } catch {
      token = undefined
    }
    if (typeof token !== "string" || !tokenPattern.test(token)) {
      return errorResponse(400, "token_invalid", requestId, headers)
    }
    const crypto = await sessionCrypto!
    const key = crypto.newKey()
    const expiresAt = now() + sessionTtlMs
    await store.putSession(await crypto.idOf(key), await crypto.seal(key, token, expiresAt, origin), sessionTtlMs)
    return jsonResponse(201, { session: key, expires_at: new Date(expiresAt).toISOString() }, headers)
  }

  const revokeSession = async (
    exchange: GatewayExchange,
    origin: string,
    requestId: string,
    headers: HeaderRecord,
  ): Promise<GatewayReply> => {
    const token = await resolveToken(exchange, origin)
    if (token === "session_required" || token === "session_invalid") {
      return errorResponse(401, token, requestId, headers)
    }
    const deleted = await store.deleteSession(await (await sessionCrypto!).idOf(exchange.headers.get(sessionHeader)!))
    if (!deleted) return errorResponse(401, "session_invalid", requestId, headers)
    return { status: 204, headers, body: null }
  }

  // The token to inject, or the error to answer with.
  const resolveToken = async (
    exchange: GatewayExchange,
    origin: string,
  ): Promise<string | "session_required" | "session_invalid"> => {
    if (credentials.mode === "server") return credentials.token
    const key = exchange.headers.get(sessionHeader)
    if (key === null) return "session_required"
    if (!isSessionKey(key)) return "session_invalid"
    const crypto = await sessionCrypto!
    const record = await store.getSession(await crypto.idOf(key))
    if (record === undefined) return "session_invalid"
    return (await crypto.open(key, record, now(), origin)) ?? "session_invalid"
  }

  const handle = async (exchange: GatewayExchange): Promise<GatewayReply> => {
    const started = now()
    const requestId = callerRequestId(exchange.headers) ?? globalThis.crypto.randomUUID()
    let operation: string | undefined
    let response: GatewayReply
    try {
      response = await decide(exchange, requestId, (name) => (operation = name))
    } catch (error) {
      const storeDown = error instanceof StoreUnavailableError
      logger.log({
        level: "error",
        event: storeDown ? "store_unavailable" : "gateway_error",
        request_id: requestId,
        error: String(error),
      })
      response = storeDown
        ? errorResponse(503, "store_unavailable", requestId)
        : errorResponse(500, "internal_error", requestId)
    }
    logger.log({
      level: response.status >= 500 ? "warn" : "info",
      event: "request",
      request_id: requestId,
      method: exchange.method.slice(0, 16),
      operation,
      status: response.status,
      gateway_error: response.headers[gatewayErrorHeader],
      duration_ms: now() - started,
      client: exchange.clientAddress,
    })
    return response
  }

  const decide = async (
    exchange: GatewayExchange,
    requestId: string,
    named: (operation: string) => void,
  ): Promise<GatewayReply> => {
    const { method, target } = exchange
    const headers = baseHeaders(requestId)

    // A request that both a Content-Length and a Transfer-Encoding frame is ambiguous (request smuggling): a runtime
    // whose own parser lets it through (workerd) still has it refused here.
    if (exchange.headers.get("transfer-encoding") !== null && exchange.headers.get("content-length") !== null) {
      headers["connection"] = "close"
      return errorResponse(400, "request_malformed", requestId, headers)
    }

    const origin = decideOrigin(cors, exchange.headers)
    // The gateway's own answers (refusals, 429s) carry CORS headers for an allowed origin, so a page reads them.
    if (origin._tag === "Allowed") applyCorsHeaders(headers, origin.origin)

    // Every request counts, health checks and preflights too: none is free to flood.
    if (rateLimit !== false) {
      const over = await limited(`requests:${exchange.clientAddress}`, rateLimit.requests, requestId, headers)
      if (over !== undefined) return over
    }

    // Load balancers probe without an Origin, whatever the CORS policy.
    if (target === healthPath && method === "GET") {
      const ok = await store.ping().catch(() => false)
      return jsonResponse(ok ? 200 : 503, { status: ok ? "ok" : "store_unavailable" }, headers)
    }

    if (origin._tag === "Denied") return errorResponse(403, "origin_not_allowed", requestId, headers)
    const callerOrigin = origin._tag === "Allowed" ? origin.origin : ""
    const isSessionsPath = credentials.mode === "session" && target === sessionsPath

    if (method === "OPTIONS") {
      if (origin._tag !== "Allowed" || exchange.headers.get("access-control-request-method") === null) {
        headers["allow"] = "OPTIONS"
        return errorResponse(405, "method_not_allowed", requestId, headers)
      }
      // Any method the gateway knows passes the preflight of an allowed origin, whatever the path: the request that
      // follows is judged in full, and a refusal (unknown path, method) then reaches the page as the gateway's error
      // instead of a network error.
      const preflight = decidePreflight(cors, origin.origin, exchange.headers, preflightMethods)
      if (preflight._tag === "Denied") return errorResponse(403, "preflight_denied", requestId, headers)
      preflight.headers["cache-control"] = "no-store"
      preflight.headers[headerNames.requestId] = requestId
      return { status: 204, headers: preflight.headers, body: null }
    }

    if (target === infoPath) {
      if (method !== "GET") {
        headers["allow"] = "GET"
        return errorResponse(405, "method_not_allowed", requestId, headers)
      }
      headers["content-type"] = "application/json"
      return { status: 200, headers, body: infoBody }
    }

    if (isSessionsPath) {
      if (method === "POST") return createSession(exchange, callerOrigin, requestId, headers)
      if (method === "DELETE") return revokeSession(exchange, callerOrigin, requestId, headers)
      headers["allow"] = "POST, DELETE"
      return errorResponse(405, "method_not_allowed", requestId, headers)
    }

    const route = router.match(method, target)
    if (route._tag === "NotFound" || route._tag === "BadTarget") {
      return errorResponse(404, "route_not_found", requestId, headers)
    }
    if (route._tag === "NotAllowed") {
      named(route.operation.name)
      return errorResponse(403, "operation_not_allowed", requestId, headers)
    }
    if (route._tag === "MethodNotAllowed") {
      headers["allow"] = route.allow.join(", ")
      return errorResponse(405, "method_not_allowed", requestId, headers)
    }
    named(route.operation.name)
    const version = versionPolicy.decide(exchange.headers.get(headerNames.version), route.operation)
    if (version._tag === "UnknownVersion") {
      return errorResponse(400, "version_unknown", requestId, headers, version.message)
    }
    if (version._tag === "NotInVersion") {
      return errorResponse(404, "operation_not_in_version", requestId, headers, version.message)
    }

    const token = credentials.mode === "server" ? credentials.token : await resolveToken(exchange, callerOrigin)
    if (token === "session_required" || token === "session_invalid") {
      return errorResponse(401, token, requestId, headers)
    }

    const contentType = exchange.headers.get("content-type")
    const depthCheck = exchange.body !== null && mediaType(contentType) === "application/json"
      ? makeJsonDepthCheck()
      : undefined
    const body = await readBody(
      exchange.body,
      exchange.headers.get("content-length"),
      maxBodyBytes,
      requestTimeoutMs,
      depthCheck,
    )
    if (body._tag === "TooLarge") return errorResponse(413, "body_too_large", requestId, headers)
    if (body._tag === "Refused") {
      headers["connection"] = "close"
      return errorResponse(400, "body_malformed", requestId, headers)
    }
    if (body._tag === "TimedOut") {
      headers["connection"] = "close"
      return errorResponse(408, "body_timeout", requestId, headers)
    }
    if (body._tag === "Unreadable") return errorResponse(400, "body_malformed", requestId, headers)
    if (body._tag === "Ok") {
      if (method === "GET") return errorResponse(400, "body_not_allowed", requestId, headers)
      const check = checkBody(body.bytes, contentType)
      if (check._tag === "UnsupportedMediaType") return errorResponse(415, "unsupported_media_type", requestId, headers)
      if (check._tag === "Malformed") return errorResponse(400, "body_malformed", requestId, headers)
    }

    const path = route.query === "" ? route.upstreamPath : `${route.upstreamPath}?${route.query}`
    const guard = makeExchangeGuard(upstreamTimeoutMs, exchange)
    const failed = (error: unknown): GatewayReply => {
      guard.finish()
      if (isBusy(error)) {
        headers[headerNames.retryAfter] = "1"
        return errorResponse(503, "upstream_busy", requestId, headers)
      }
      return guard.timedOut()
        ? errorResponse(504, "upstream_timeout", requestId, headers)
        : errorResponse(502, "upstream_unavailable", requestId, headers)
    }
    let upstream: UpstreamResponse
    try {
      upstream = await transport({
        origin: options.upstream,
        path,
        method,
        headers: upstreamRequestHeaders(exchange.headers, { token, requestId, userAgent, version: version.version }),
        body: body._tag === "Ok" ? body.bytes : null,
        signal: guard.signal,
      })
    } catch (error) {
      return failed(error)
    }
    const encoding = upstream.headers.get("content-encoding")
    const compressed = encoding !== null && encoding !== "" && encoding.toLowerCase() !== "identity"
    if (compressed && !upstream.decoded) {
      // Asked for identity and got an encoding the transport cannot decode: its bytes could not be scanned.
      await upstream.discard()
      return failed(new Error(`upstream answered with content-encoding ${encoding}`))
    }
    copyResponseHeaders(upstream.headers, headers, { decoded: upstream.decoded, standIn, scrub: scrubber?.text })
    if (upstream.headers.get(headerNames.requestId) === null) headers[headerNames.requestId] = requestId
    // Anything but JSON (an HTML error page, a file) must not run as a page of the gateway's origin.
    if (!isJsonMediaType(headers["content-type"])) headers["content-security-policy"] = "sandbox"
    if (nullBodyStatuses.has(upstream.status)) {
      await upstream.discard()
      guard.finish()
      return { status: upstream.status, headers, body: null }
    }
    // Small answers (all of Intercom's JSON) go out in one write with a Content-Length; large ones stream, under the
    // same deadline.
    let bytes: Uint8Array | undefined
    try {
      bytes = await upstream.bytes(bufferResponseBytes)
    } catch (error) {
      return failed(error)
    }
    if (bytes !== undefined) {
      guard.finish()
      return { status: upstream.status, headers, body: scrubber === undefined ? bytes : scrubber.bytes(bytes) }
    }
    let stream = upstream.stream()
    if (compressed) stream = capped(stream, maxDecodedResponseBytes)
    if (scrubber !== undefined) stream = scrubber.stream(stream)
    return { status: upstream.status, headers, body: guarded(stream, guard.finish) }
  }

  const fetch = async (request: Request, peer?: { readonly clientAddress?: string }): Promise<Response> => {
    // Deno builds the request URL from the Host header as sent: `Host: x/admins?` turns `GET /me` into the URL
    // `http://x/admins?/me`. A Host that is not a plain host[:port] is refused before the URL is read.
    const host = request.headers.get("host")
    if (host !== null && !hostPattern.test(host)) {
      const requestId = globalThis.crypto.randomUUID()
      logger.log({
        level: "info",
        event: "request",
        request_id: requestId,
        method: request.method.slice(0, 16),
        status: 400,
        gateway_error: "request_malformed",
        client: peer?.clientAddress ?? "unknown",
      })
      return toResponse(
        errorResponse(400, "request_malformed", requestId, { ...baseHeaders(requestId), connection: "close" }),
      )
    }
    const reply = await handle({
      method: request.method,
      target: rawTargetOf(request.url),
      headers: request.headers,
      body: request.body,
      clientAddress: peer?.clientAddress ?? "unknown",
      signal: request.signal,
    })
    return toResponse(reply)
  }

  return { handle, fetch, store, close: () => store.close() }
}
