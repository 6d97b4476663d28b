/**
 * The Node.js client: `new Intercom(options)` for Promises, and the same `Intercom` as the Effect service
 * (`yield* Intercom`, `Intercom.layerConfig()`): the class is the service of `@utdk/intercom-core` (same key).
 *
 * Importing it loads almost nothing: the Promise methods load the engine (registry, schemas, interpreter, undici) with
 * `import()` at the first call, and the Effect constructors load core's service module at their first use.
 *
 * @since 0.1.0
 */
import { createRequire } from "node:module"
import * as Context from "effect/Context"
import type { Intercom as IntercomService } from "@utdk/intercom-core/Intercom"
import type { IntercomApi, IntercomPromiseApi } from "@utdk/intercom-core/IntercomClient"
import type { IntercomOptions } from "@utdk/intercom-core/IntercomConfig"
import { intercomServiceKey } from "@utdk/intercom-core/IntercomServiceKey"
import {
  importOnce,
  installLazyPromiseMethods,
  type LazyRunner,
  makeLazyRunner,
} from "@utdk/intercom-core/LazyPromiseClient"
import type { Dispatcher } from "undici"

/**
 * Options of the Node client: the common ones, plus the undici `dispatcher` to send through (a `ProxyAgent`, an
 * `Agent` with its own pool, a `MockAgent`). `fetch`, when given, is used instead of undici.
 *
 * @category models
 */
export interface IntercomNodeOptions extends IntercomOptions {
  readonly dispatcher?: Dispatcher | undefined
}

/** The engine, imported once for every client of the process at the first call of any. */
const engine = importOnce("@utdk/intercom's engine", () => import("./internal/engine.ts"))

/**
 * Core's service module, loaded synchronously at the first use of an Effect constructor (`require` of an ES module:
 * the same instance `import` gives), since a `Layer` has to be returned as a value.
 */
const service = (): typeof IntercomService =>
  (createRequire(import.meta.url)("@utdk/intercom-core/Intercom") as typeof import("@utdk/intercom-core/Intercom")).Intercom

/**
 * The Promise client: one method per Intercom operation, named by its camelCase operationId, taking one flat
 * argument object and optional per-call options (`timeout`, `maxRetries`, `signal`, `headers`, `version`).
 * `withResponse.<method>` resolves to `{ data, status, headers, requestId, attempts }`.
 *
 * Options left out are read from the environment at the first call: `INTERCOM_ACCESS_TOKEN`, `INTERCOM_REGION`
 * (us | eu | au), `INTERCOM_BASE_URL`, `INTERCOM_VERSION`, `INTERCOM_LOG` (off | error | warn | info | debug). Without a token the first call rejects with
 * `IntercomConfigError`.
 *
 * As a class it is also the Effect service: `yield* Intercom` gives the Effect client, provided by
 * `Intercom.layer(options)` or `Intercom.layerConfig()` with an `HttpClient` (`NodeHttpClient.layerUndici`).
 *
 * @category clients
 */
export interface Intercom extends IntercomPromiseApi {}

/** @category clients */
export class Intercom extends Context.Service<IntercomService, IntercomApi>()(intercomServiceKey) {
  /** Builds a client from options (see `@utdk/intercom-core/Intercom`). @category constructors */
  static readonly make: typeof IntercomService.make = (...args) => service().make(...args)
  /** Builds a client that sends through a transport port (see `@utdk/intercom-core/Intercom`). @category constructors */
  static readonly makeWithTransport: typeof IntercomService.makeWithTransport = (...args) =>
    service().makeWithTransport(...args)
  /** The service from options. @category layers */
  static readonly layer: typeof IntercomService.layer = (...args) => service().layer(...args)
  /**
   * The service from `Config` (the environment by default): `INTERCOM_ACCESS_TOKEN` (required, redacted),
   * `INTERCOM_REGION`, `INTERCOM_BASE_URL`, `INTERCOM_VERSION`. Pass overrides for the rest (timeout, retries).
   *
   * @category layers
   */
  static readonly layerConfig: typeof IntercomService.layerConfig = (...args) => service().layerConfig(...args)
  /** A test layer: the listed operations run the given functions (see `@utdk/intercom-core/Intercom`). @category layers */
  static readonly layerTest: typeof IntercomService.layerTest = (...args) => service().layerTest(...args)

  readonly #runner: LazyRunner

  constructor(options: IntercomNodeOptions = {}) {
    super(undefined as never)
    this.#runner = makeLazyRunner(() => engine().then((loaded) => loaded.loadedEngine(options)))
  }

  static {
    installLazyPromiseMethods(this.prototype, (self: Intercom) => self.#runner)
  }
}
