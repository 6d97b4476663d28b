/**
 * The Node.js Promise client: `new Intercom(options)`. The Effect service is `Intercom` of `@utdk/intercom/effect`.
 *
 * Importing it loads almost nothing: the methods load the engine (registry, schemas, interpreter, undici) with
 * `import()` at the first call. Its declarations mention nothing of effect or undici, so a consumer's type-check
 * loads neither.
 *
 * @since 0.1.0
 */
import type { IntercomOptions } from "@utdk/intercom-core/ClientOptions"
import type { IntercomVersion } from "@utdk/intercom-core/ClientOptions"
import type { DefaultApiVersion, IntercomPromiseApiOf } from "@utdk/intercom-core/PromiseApi"
import {
  importOnce,
  installPromiseMethods,
  makePromiseRunner,
  type PromiseRunner,
} from "@utdk/intercom-core/PromiseClient"

/**
 * An undici `Dispatcher` (`Agent`, `ProxyAgent`, `Pool`, `MockAgent`...), described by its `dispatch` method so that
 * these declarations need not load undici's.
 *
 * @category models
 */
export interface UndiciDispatcher {
  dispatch(...args: never): unknown
}

/**
 * Options of the Node client: the common ones, plus the undici `dispatcher` to send through (a `ProxyAgent`, an
 * `Agent` with its own pool, a `MockAgent`). `fetch`, when given, is used instead of undici.
 *
 * @category models
 */
export interface IntercomNodeOptions extends IntercomOptions {
  readonly dispatcher?: UndiciDispatcher | undefined
}

/** The engine, imported once for every client of the process at the first call of any. */
const engine = importOnce("@utdk/intercom's engine", () => import("./internal/engine.ts"))

/**
 * The Promise client of version `V`: one method per Intercom operation of that version, named by its camelCase
 * operationId, taking one flat argument object and optional per-call options (`timeout`, `maxRetries`, `signal`,
 * `headers`, `version`). `withResponse.<method>` resolves to `{ data, status, headers, requestId, attempts }`;
 * `paginate.<method>` is an async iterable of the items of every page.
 *
 * `new Intercom({ version: "2.14" })` is typed by 2.14's description (its methods, arguments and results; a method
 * 2.14 lacks does not exist on it) and loads 2.14's operations only, at its first call. Without a version it is the
 * newest numbered version's (`INTERCOM_VERSION` set in the environment is sent, but the types cannot know it).
 *
 * Options left out are read from the environment at the first call: `INTERCOM_ACCESS_TOKEN`, `INTERCOM_REGION`
 * (us | eu | au), `INTERCOM_BASE_URL`, `INTERCOM_VERSION`, `INTERCOM_LOG` (off | error | warn | info | debug).
 * Without a token the first call rejects with `IntercomConfigError`.
 *
 * For Effect programs, `Intercom` of `@utdk/intercom/effect` is the service (`yield* Intercom`, `Intercom.layerConfig()`).
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
    options?: IntercomNodeOptions & { readonly version?: V | undefined },
  ): Intercom<V>
  readonly prototype: Intercom
}

class IntercomClient {
  readonly #runner: PromiseRunner

  constructor(options: IntercomNodeOptions = {}) {
    this.#runner = makePromiseRunner(() => engine().then((loaded) => loaded.loadClient(options)), true)
  }

  static {
    installPromiseMethods(this.prototype, (self: IntercomClient) => self.#runner)
  }
}

/** @category clients */
export const Intercom: IntercomConstructor = IntercomClient as unknown as IntercomConstructor
