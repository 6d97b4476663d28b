/**
 * Sends one call through the gateway with the browser client's function form (`sdk.ts`'s `request`), and says honestly
 * what happened when no answer could be read. Loaded on the first Send, so the SDK is not part of the JavaScript
 * every page downloads; the operation's own descriptor and models are a further chunk of their own.
 *
 * A browser reports every failed cross-origin request as the same network error. The send is watched (the request
 * as it left, redirects not followed) and a failure is then diagnosed with requests that need no CORS: nothing
 * listening, an origin the gateway does not allow, a request the gateway refuses (its code and status, read with a
 * `HEAD` the gateway answers itself), and an upstream redirect are four different outcomes.
 */
import { gatewayHeaderNames } from "@utdk/intercom-core/GatewayProtocol"
import type { Json } from "../lib/schema-node.ts"
import type { WireRequest } from "../lib/snippet.ts"
import { gatewayPaths, reachable } from "./gateway-info.ts"
import { loadOperation, request, wireOf } from "./sdk.ts"

const gatewayErrorHeader = gatewayHeaderNames.error
const sessionHeader = gatewayHeaderNames.session

/** An answer as the page read it (the SDK reads its own copy). */
interface RawResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
}

/** One field of a response that did not match the SDK's model (the client's warn-mode validation). @category models */
export interface Mismatch {
  readonly operation?: string
  readonly path: string
  readonly expected: string
  readonly got: string
}

/** Why a Send produced no answer from Intercom, or who refused it. @category models */
export type Failure =
  /** The SDK refused the arguments before anything was sent. */
  | { readonly _tag: "NotSent" }
  /** Nothing answers at the gateway's address. */
  | { readonly _tag: "Unreachable" }
  /** The gateway answers, but not to this site's origin. */
  | { readonly _tag: "OriginNotAllowed" }
  /** The gateway itself refused the request: its error code, status and message. */
  | {
    readonly _tag: "GatewayRefused"
    readonly status: number
    readonly code: string
    readonly message?: string | undefined
  }
  /** The upstream answered with a redirect, which a browser may not read across origins. */
  | { readonly _tag: "Redirect" }
  | { readonly _tag: "Timeout" }

/** @category models */
export interface SendOutcome {
  readonly status: number | undefined
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: unknown
  readonly durationMs: number
  /** `_tag` and message of a typed SDK error. */
  readonly error?: { readonly tag: string; readonly message: string } | undefined
  readonly failure?: Failure | undefined
  /** The request as it left the browser (the session key masked), when it was built. */
  readonly request?: {
    readonly method: string
    readonly url: string
    readonly headers: Readonly<Record<string, string>>
    readonly body?: string | undefined
  } | undefined
  readonly validation: ReadonlyArray<Mismatch>
}

const entries = (headers: Readonly<Record<string, string>> | undefined): ReadonlyArray<readonly [string, string]> =>
  Object.entries(headers ?? {}).sort(([a], [b]) => a.localeCompare(b))

/** Why a send the browser refused to show failed, asked with requests that need no CORS. */
export const diagnose = async (gateway: string, request: WireRequest): Promise<Failure> => {
  if (!(await reachable(gateway))) return { _tag: "Unreachable" }
  try {
    await fetch(`${gateway}${gatewayPaths.info}`, { cache: "no-store" })
  } catch {
    return { _tag: "OriginNotAllowed" }
  }
  // HEAD is a "simple" request (no preflight) and never an Intercom route: the gateway answers it itself, with the
  // code of the first check the request fails (a path no operation matches, for example).
  try {
    const probe = await fetch(request.url, { method: "HEAD", cache: "no-store" })
    const code = probe.headers.get(gatewayErrorHeader)
    if (code !== null && code !== "method_not_allowed") return { _tag: "GatewayRefused", status: probe.status, code }
  } catch {
    // fall through: the path routes, so the preflight itself was refused
  }
  return {
    _tag: "GatewayRefused",
    status: 403,
    code: "preflight_denied",
    message:
      `The gateway refused the browser's preflight for ${request.method} (a method or header it does not allow).`,
  }
}

const gatewayRefusal = (raw: RawResponse): Failure | undefined => {
  const code = raw.headers[gatewayErrorHeader]
  if (code === undefined) return undefined
  let message: string | undefined
  try {
    message = (JSON.parse(raw.text) as { errors?: Array<{ message?: string }> }).errors?.[0]?.message
  } catch {
    message = undefined
  }
  return { _tag: "GatewayRefused", status: raw.status, code, message }
}

export const send = async (options: {
  /** The API version of the page (unset: the newest, the SDK's default). */
  readonly version?: string | undefined
  readonly gateway: string
  readonly session: string | undefined
  readonly operation: string
  readonly args: Record<string, Json>
  /** Fields the description does not list: the SDK's `extraBody` / `extraQuery` options. */
  readonly extras?: {
    readonly extraBody?: Readonly<Record<string, Json>> | undefined
    readonly extraQuery?: Readonly<Record<string, Json>> | undefined
  } | undefined
}): Promise<SendOutcome> => {
  const operation = await loadOperation(options.operation, options.version)
  let sent: WireRequest | undefined
  let failure: Failure | undefined
  let last: RawResponse | undefined
  // The browser client's `fetch` option: the page's fetch, watched, and a redirect reported rather than followed
  // across origins.
  const watched: typeof globalThis.fetch = async (input, init) => {
    const wire = wireOf(input, init)
    sent = wire
    let response: Response
    try {
      response = await fetch(input, { ...init, redirect: "manual" })
    } catch (cause) {
      if (!init?.signal?.aborted) failure = await diagnose(options.gateway, wire)
      throw cause
    }
    if (response.type === "opaqueredirect") {
      failure = { _tag: "Redirect" }
      throw new Error("the upstream answered with a redirect, which the browser does not let this page read")
    }
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => void (headers[name] = value))
    last = { status: response.status, headers, text: await response.clone().text() }
    return response
  }
  const started = performance.now()
  const shown = () =>
    sent && {
      method: sent.method,
      url: sent.url,
      headers: Object.fromEntries(Object.entries(sent.headers).map(([k, v]) => [k, k === sessionHeader ? "••••" : v])),
      body: typeof sent.body === "string" ? sent.body : undefined,
    }
  try {
    // No token: the gateway adds the credentials (its own, or those of the visitor's session).
    const response = await request.withResponse(operation, options.args as never, {
      baseUrl: options.gateway,
      fetch: watched,
      // The page's API version (older versions' pages): sent as Intercom-Version, through the gateway.
      ...(options.version ? { version: options.version as never } : {}),
      // One attempt: a playground shows what happened rather than retrying behind the visitor's back.
      maxRetries: 0,
      ...(options.extras?.extraBody ? { extraBody: options.extras.extraBody } : {}),
      ...(options.extras?.extraQuery ? { extraQuery: options.extras.extraQuery as never } : {}),
      ...(options.session ? { headers: { [sessionHeader]: options.session } } : {}),
    })
    const validation = (response as { validation?: ReadonlyArray<Mismatch> }).validation ?? []
    return {
      status: response.status,
      headers: entries(response.headers),
      body: response.data,
      durationMs: performance.now() - started,
      request: shown(),
      validation,
    }
  } catch (error) {
    const e = error as {
      _tag?: string
      message?: string
      status?: number
      headers?: Record<string, string>
      body?: unknown
    }
    const tag = e._tag ?? "Error"
    if (sent === undefined && tag === "IntercomInvalidInputError") failure = { _tag: "NotSent" }
    else if (tag === "IntercomTimeoutError") failure = { _tag: "Timeout" }
    else if (last !== undefined && e.status === last.status) failure = gatewayRefusal(last)
    return {
      status: e.status,
      headers: entries(e.headers),
      body: e.body,
      durationMs: performance.now() - started,
      error: { tag, message: e.message ?? String(error) },
      failure,
      request: shown(),
      validation: [],
    }
  }
}
