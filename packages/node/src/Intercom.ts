/**
 * The Node.js client: `new Intercom(options)` for Promises, and the same `Intercom` as the Effect service
 * (`yield* Intercom`, `Intercom.layerConfig()`), since the class extends the service of `@utdk/intercom-core`.
 *
 * @since 0.1.0
 */
import { createRequire } from "node:module"
import { deprecatedAliases, operations } from "@utdk/intercom-core/generated/registry"
import { Intercom as IntercomService } from "@utdk/intercom-core/Intercom"
import type { IntercomPromiseApi } from "@utdk/intercom-core/IntercomClient"
import { type IntercomOptions, withEnvironment } from "@utdk/intercom-core/IntercomConfig"
import { installPromiseMethods, makePromiseRunner, type PromiseRunner } from "@utdk/intercom-core/PromiseClient"
import * as Transport from "@utdk/intercom-core/Transport"
import type { Dispatcher } from "undici"
import { undiciTransport, undiciTransportWith } from "./internal/undiciTransport.ts"

/**
 * Options of the Node client: the common ones, plus the undici `dispatcher` to send through (a `ProxyAgent`, an
 * `Agent` with its own pool, a `MockAgent`). `fetch`, when given, is used instead of undici.
 *
 * @category models
 */
export interface IntercomNodeOptions extends IntercomOptions {
  readonly dispatcher?: Dispatcher | undefined
}

const userAgent = (() => {
  const { version } = createRequire(import.meta.url)("../package.json") as { readonly version: string }
  return `utdk-intercom/${version} node/${process.version}`
})()

/** Explicit options win; the environment fills the gaps (core's one reader of the variables). */
const fromEnvironment = (options: IntercomOptions): IntercomOptions => {
  const filled = withEnvironment(options, process.env)
  return { ...filled, headers: { "user-agent": userAgent, ...options.headers } }
}

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
export class Intercom extends IntercomService {
  readonly #runner: PromiseRunner

  constructor(options: IntercomNodeOptions = {}) {
    super(undefined as never)
    const transport =
      options.fetch !== undefined
        ? Transport.fetchWith(options.fetch)
        : options.dispatcher !== undefined
          ? undiciTransportWith(options.dispatcher)
          : undiciTransport
    this.#runner = makePromiseRunner({ options: () => fromEnvironment(options), requireToken: true, transport })
  }

  static {
    installPromiseMethods(this.prototype, { ...operations, ...deprecatedAliases }, (self: Intercom) => self.#runner)
  }
}
