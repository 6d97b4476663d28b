/**
 * What a Node Promise client loads at its first call: core's Promise engine (the registry, the interpreter) with the
 * environment's defaults, and the one step of a call that is Node's own, the send through undici. Built as one bundle
 * with the parts of effect it uses inside (`scripts/bundleEngine.ts`): a Promise user needs no effect installed. The
 * webhook helpers come from here too (`lazy.ts`).
 *
 * So a call goes from the client's method into core (`PromiseClient`, the interpreter and its steps) and comes back
 * here only at the socket (`Exchange`, below).
 */
import { createRequire } from "node:module"
import { type IntercomOptions, withEnvironment } from "@utdk/intercom-core/ClientOptions"
import type { LoadedClient } from "@utdk/intercom-core/PromiseClient"
import { operationsFor, promiseEngine, typedVersionOf } from "@utdk/intercom-core/PromiseEngine"
import { envVars } from "@utdk/intercom-core/Facts"
import { revealSecret } from "@utdk/intercom-core/Secret"
import {
  type AttemptController,
  fromCancellableSend,
  type RawResponse,
  ResponseTooLarge,
  exceedsDeclaredLength,
  fetchWith,
  type Transport,
  type WireRequest,
} from "@utdk/intercom-core/Transport"
import { type Dispatcher, FormData as UndiciFormData, getGlobalDispatcher } from "undici"

const userAgent = (() => {
  const { version } = createRequire(import.meta.url)("../../package.json") as { readonly version: string }
  return `utdk-intercom/${version} node/${process.version}`
})()

/** Explicit options win; the environment fills the gaps (core's one reader of the variables). */
const fromEnvironment = (options: IntercomOptions): IntercomOptions => {
  const filled = withEnvironment(options, process.env)
  return { ...filled, headers: { "user-agent": userAgent, ...options.headers } }
}

export { parseWebhookNotification, verifyWebhookSignature } from "@utdk/intercom-core/Webhook"

/** The client's options as this module reads them (`IntercomNodeOptions`, whose dispatcher is typed by shape). */
interface NodeOptions extends IntercomOptions {
  readonly dispatcher?: unknown
}

/**
 * One client instance, loaded: the engine, its transport (`fetch`, a `dispatcher`, or undici's global one) and its
 * options over the environment. The token is read here, as text: an effect `Redacted` is known only to the app's
 * effect, not to the engine's copy.
 */
export const loadClient = async (given: NodeOptions): Promise<LoadedClient> => {
  const token = await revealSecret(given.token)
  const options: NodeOptions = token === undefined ? given : { ...given, token }
  const transport = options.fetch !== undefined
    ? fetchWith(options.fetch)
    : options.dispatcher !== undefined
    ? undiciTransportWith(options.dispatcher as Dispatcher) // typed by shape in the options (UndiciDispatcher)
    : undiciTransport
  // The pinned version's operations only (the option, else INTERCOM_VERSION, else the newest); an unknown
  // version is refused at the call, as before.
  const version = typedVersionOf(options.version ?? process.env[envVars.version])
  return {
    engine: promiseEngine,
    operations: await operationsFor(version),
    version,
    transport,
    options: () => fromEnvironment(options),
  }
}

// How the Node Promise client sends: undici's `Dispatcher.dispatch` through the client's `dispatcher` (the
// process-wide one by default), with a handler of our own that collects the answer into a `RawResponse`.
//
// Not `undici.request`: it wraps each response in a Node `Readable` (plus an `AsyncResource`, a URL parse, a copy of
// the options and, with a signal, listeners on both sides), about a third of what the client allocated per request;
// the handler below is one object per attempt that is at once the dispatch handler, the attempt's abort controller
// and the body being read. Not effect/http's client either: URL objects, response wrappers, a client span and trace
// headers per request; the Effect service (`Intercom.layer`) still takes whichever `HttpClient` the application
// provides.

// undici sends its own FormData class; the global one (from Node's bundled undici) is copied into it.
const bodyOf = (body: WireRequest["body"]): string | UndiciFormData | null => {
  if (body === undefined || typeof body === "string") return body ?? null
  const form = new UndiciFormData()
  for (const [name, value] of body) form.append(name, value)
  return form
}

/**
 * The origin of an absolute URL that starts with `prefix` (its scheme and authority), as `new URL` gives it: the
 * request's URL is the client's normalised base URL plus an encoded path, so only this part needs parsing, once per
 * base URL.
 */
const origins = new Map<string, string>()
const originOf = (prefix: string): string => {
  let origin = origins.get(prefix)
  if (origin === undefined) {
    origin = new URL(prefix).origin
    if (origins.size >= 64) origins.clear()
    origins.set(prefix, origin)
  }
  return origin
}

const dispatchOptions = (wire: WireRequest): Dispatcher.DispatchOptions => {
  const pathStart = wire.url.indexOf("/", wire.url.indexOf("//") + 2)
  return {
    origin: originOf(pathStart < 0 ? wire.url : wire.url.slice(0, pathStart)),
    path: pathStart < 0 ? "/" : wire.url.slice(pathStart),
    method: wire.method,
    headers: wire.headers,
    body: bodyOf(wire.body),
    // The attempt's whole-response timeout is fromCancellableSend's timer, not undici's per-phase ones.
    headersTimeout: 0,
    bodyTimeout: 0,
  }
}

const abortError = (): DOMException => new DOMException("This operation was aborted", "AbortError")

/** Lower-case names as undici gives them; a repeated header is joined with `, ` as `fetch`'s `Headers` does. */
const flatHeaders = (headers: Record<string, string | Array<string> | undefined>): Record<string, string> => {
  for (const name in headers) {
    if (typeof headers[name] !== "string") {
      const flat: Record<string, string> = {}
      for (const key in headers) {
        const value = headers[key]
        if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(", ") : value
      }
      return flat
    }
  }
  return headers as Record<string, string>
}

/** The body as text: UTF-8, a byte order mark dropped (as `Response.text()` and undici's `body.text()` do). */
const textOf = (first: Buffer | undefined, rest: Array<Buffer> | undefined, bytes: number): string => {
  if (first === undefined || bytes === 0) return ""
  const buffer = rest === undefined ? first : Buffer.concat([first, ...rest], bytes)
  const start = bytes >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0
  return buffer.toString("utf8", start, bytes)
}

/**
 * One attempt: the handler undici reports the exchange to, the controller that aborts it (timeout, caller, a body
 * past the cap) and the body read so far. Every byte is counted as it arrives, so a body past `maxResponseBytes`
 * (stated or not, compressed or not: undici's dispatcher hands over the bytes as sent) is abandoned at the cap.
 */
class Exchange implements Dispatcher.DispatchHandler, AttemptController<Exchange> {
  private controller: Dispatcher.DispatchController | undefined = undefined
  private reason: unknown = undefined
  private settled = false
  private resolve: ((raw: RawResponse) => void) | undefined = undefined
  private reject: ((cause: unknown) => void) | undefined = undefined
  private limit = 0
  private status = 0
  private headers: Record<string, string> | undefined = undefined
  private first: Buffer | undefined = undefined
  private rest: Array<Buffer> | undefined = undefined
  private bytes = 0

  get signal(): Exchange {
    return this
  }

  /** Dispatches `wire`; settles when the whole body is in, or with why not. */
  start(dispatcher: Dispatcher, wire: WireRequest, maxResponseBytes: number): Promise<RawResponse> {
    this.limit = maxResponseBytes
    return new Promise<RawResponse>((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
      // Aborted before it was sent (a caller's signal that had already fired): nothing goes out.
      if (this.reason !== undefined) return reject(this.reason)
      try {
        dispatcher.dispatch(dispatchOptions(wire), this)
      } catch (error) {
        this.fail(error)
      }
    })
  }

  /**
   * Settles at once with `reason`, and aborts the request: now if undici started it, else as soon as it does (a
   * request still queued for a connection is never written).
   */
  abort(reason?: unknown): void {
    if (this.settled || this.reason !== undefined) return
    this.reason = reason ?? abortError()
    this.controller?.abort(this.reason as Error)
    this.fail(this.reason)
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.reason !== undefined) controller.abort(this.reason as Error)
    else this.controller = controller
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | Array<string> | undefined>,
  ): void {
    if (statusCode < 200) return // 1xx: informational, the response follows
    const flat = flatHeaders(headers)
    if (exceedsDeclaredLength(flat["content-length"], this.limit)) return this.tooLarge(controller, statusCode)
    this.status = statusCode
    this.headers = flat
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return
    this.bytes += chunk.byteLength
    if (this.bytes > this.limit) return this.tooLarge(controller, this.status)
    if (this.first === undefined) this.first = chunk
    else (this.rest ??= []).push(chunk)
  }

  onResponseEnd(): void {
    if (this.settled) return
    this.settled = true
    this.resolve!({ status: this.status, headers: this.headers!, text: textOf(this.first, this.rest, this.bytes) })
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error)
  }

  /** Abandons the body: what was read is dropped and the connection closed. */
  private tooLarge(controller: Dispatcher.DispatchController, status: number): void {
    const error = new ResponseTooLarge(this.limit, status)
    this.reason = error
    this.first = this.rest = undefined
    controller.abort(error)
    this.fail(error)
  }

  private fail(cause: unknown): void {
    if (this.settled) return
    this.settled = true
    this.reject?.(cause)
  }
}

const makeExchange = (): Exchange => new Exchange()

const sendWith =
  (dispatcherOf: () => Dispatcher) =>
  (wire: WireRequest, exchange: Exchange, maxResponseBytes: number): Promise<RawResponse> =>
    exchange.start(dispatcherOf(), wire, maxResponseBytes)

/** The Node Promise client's transport over a given undici `Dispatcher` (an `Agent`, a `ProxyAgent`, a `MockAgent`...). */
export const undiciTransportWith = (dispatcher: Dispatcher): Transport =>
  fromCancellableSend(sendWith(() => dispatcher), makeExchange)

/** The Node Promise client's transport: undici's global dispatcher (shared pool; it never keeps the process alive). */
export const undiciTransport: Transport = fromCancellableSend(sendWith(getGlobalDispatcher), makeExchange)
