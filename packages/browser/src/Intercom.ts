/**
 * The browser client: `new Intercom({ baseUrl })` talks over `fetch` to an `@utdk/intercom` gateway, which adds the
 * credentials, so the page holds no secret. Its declarations load nothing of effect; the Effect service is `Intercom`
 * of `@utdk/intercom-browser/effect`.
 *
 * @since 0.1.0
 */
import type { IntercomOptions } from "@utdk/intercom-core/ClientOptions"
import { deprecatedAliases, operations } from "@utdk/intercom-core/registry"
import { installPromiseMethods, makePromiseRunner, type PromiseRunner } from "@utdk/intercom-core/PromiseClient"
import type { IntercomPromiseApi } from "@utdk/intercom-core/PromiseApi"
import * as Transport from "@utdk/intercom-core/Transport"

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
export class Intercom {
  readonly #runner: PromiseRunner

  constructor(options: IntercomBrowserOptions) {
    // The page's `fetch`, or the one given in the options (an edge runtime's, a wrapped one).
    const transport = options.fetch !== undefined ? Transport.fetchWith(options.fetch) : Transport.fetch
    this.#runner = makePromiseRunner({ options: () => options, requireToken: false, transport })
  }

  static {
    installPromiseMethods(this.prototype, { ...operations, ...deprecatedAliases }, (self: Intercom) => self.#runner)
  }
}
