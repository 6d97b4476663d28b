/**
 * The browser client: `new Intercom({ baseUrl })` talks over `fetch` to an `@utdk/intercom` gateway, which adds the
 * credentials, so the page holds no secret. Importing it loads nothing of effect (the engine is imported at the first
 * call, a chunk of its own in a bundle); the Effect service is `Intercom` of `@utdk/intercom-browser/effect`.
 *
 * @since 0.1.0
 */
import type { IntercomOptions, IntercomVersion } from "@utdk/intercom-core/ClientOptions"
import type { DefaultApiVersion, IntercomPromiseApiOf } from "@utdk/intercom-core/PromiseApi"
import {
  importOnce,
  installPromiseMethods,
  makePromiseRunner,
  type PromiseRunner,
} from "@utdk/intercom-core/PromiseClient"

/**
 * Options of the browser client: `baseUrl` (the gateway, absolute or relative to the page) is required; a `token`
 * is sent only when given (never put a workspace token in a page).
 *
 * @category models
 */
export interface IntercomBrowserOptions extends IntercomOptions {
  readonly baseUrl: string
}

/** The engine (registry, interpreter, fetch transport), imported once for every client of the page at the first call. */
const engine = importOnce("@utdk/intercom-browser's engine", () => import("./internal/engine.ts"))

/**
 * The Promise client over `fetch` (the same port as the `request` function): one method per Intercom operation taking one flat argument object, plus
 * `withResponse.<method>` for `{ data, status, headers, requestId, attempts }`. Rejects with the same tagged errors
 * as the Effect API. `new Intercom({ baseUrl, version: "2.14" })` is typed by 2.14's description and loads 2.14's
 * operations (a chunk of its own) at its first call; without a version it is the newest numbered version's.
 *
 * @category clients
 */
export type Intercom<V extends IntercomVersion = DefaultApiVersion> = IntercomPromiseApiOf<V>

/**
 * `new Intercom(options)`: the client is typed by `options.version` (see {@link Intercom}).
 *
 * @category clients
 */
export interface IntercomConstructor {
  new<const V extends IntercomVersion = DefaultApiVersion>(
    options: IntercomBrowserOptions & { readonly version?: V | undefined },
  ): Intercom<V>
  readonly prototype: Intercom
}

class IntercomClient {
  readonly #runner: PromiseRunner

  constructor(options: IntercomBrowserOptions) {
    this.#runner = makePromiseRunner(() => engine().then((loaded) => loaded.loadClient(options)), false)
  }

  static {
    installPromiseMethods(this.prototype, (self: IntercomClient) => self.#runner)
  }
}

/** @category clients */
export const Intercom: IntercomConstructor = IntercomClient as unknown as IntercomConstructor
