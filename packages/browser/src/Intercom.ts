/**
 * The browser client: `new Intercom({ baseUrl })` talks over `fetch` to an `@utdk/intercom` gateway, which adds the
 * credentials, so the page holds no secret. It is also the Effect service (`yield* Intercom`), as in Node.
 *
 * @since 0.1.0
 */
import { deprecatedAliases, operations } from "@utdk/intercom-core/generated/registry"
import { Intercom as IntercomService } from "@utdk/intercom-core/Intercom"
import type { IntercomPromiseApi } from "@utdk/intercom-core/IntercomClient"
import type { IntercomOptions } from "@utdk/intercom-core/IntercomConfig"
import { installPromiseMethods, makePromiseRunner, type PromiseRunner } from "@utdk/intercom-core/PromiseClient"
import * as Transport from "@utdk/intercom-core/Transport"
import type { IntercomConfigError } from "@utdk/intercom-core/IntercomError"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"

/**
 * Options of the browser client: `baseUrl` (the gateway, absolute or relative to the page) is required; a `token`
 * is sent only when given (never put a workspace token in a page).
 *
 * @category models
 */
export interface IntercomBrowserOptions extends IntercomOptions {
  readonly baseUrl: string
}

/**
 * The Promise client over `fetch` (the same port as the `request` function): one method per Intercom operation taking one flat argument object, plus
 * `withResponse.<method>` for `{ data, status, headers, requestId, attempts }`. Rejects with the same tagged errors
 * as the Effect API.
 *
 * @category clients
 */
export interface Intercom extends IntercomPromiseApi {}

/** @category clients */
export class Intercom extends IntercomService {
  readonly #runner: PromiseRunner

  constructor(options: IntercomBrowserOptions) {
    super(undefined as never)
    // The page's `fetch`, or the one given in the options (an edge runtime's, a wrapped one).
    const transport = options.fetch !== undefined ? Transport.fetchWith(options.fetch) : Transport.fetch
    this.#runner = makePromiseRunner({ options: () => options, requireToken: false, transport })
  }

  /**
   * The Effect service over the given options; no token is needed (the gateway adds it).
   *
   * @category layers
   */
  static override readonly layer = (
    options: IntercomOptions = {},
  ): Layer.Layer<IntercomService, IntercomConfigError, HttpClient.HttpClient> =>
    Layer.effect(IntercomService, IntercomService.make(options, { requireToken: false }))

  static {
    installPromiseMethods(this.prototype, { ...operations, ...deprecatedAliases }, (self: Intercom) => self.#runner)
  }
}
