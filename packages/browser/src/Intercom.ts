/**
 * The browser client: `new Intercom({ baseUrl })` talks over `fetch` to an `@utdk/intercom` gateway, which adds the
 * credentials, so the page holds no secret. Its declarations load nothing of effect; the Effect service is `Intercom`
 * of `@utdk/intercom-browser/effect`.
 *
 * @since 0.1.0
 */
import type { IntercomOptions, IntercomVersion } from "@utdk/intercom-core/ClientOptions"
import { installLazyPromiseMethods, type LazyRunner, makeLazyRunner } from "@utdk/intercom-core/LazyPromiseClient"
import { makePromiseRunner } from "@utdk/intercom-core/PromiseClient"
import type { DefaultApiVersion, IntercomPromiseApiOf } from "@utdk/intercom-core/PromiseApi"
import { iterateItems, operationsFor } from "@utdk/intercom-core/PromiseEngine"
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
  new <const V extends IntercomVersion = DefaultApiVersion>(options: IntercomBrowserOptions & { readonly version?: V | undefined }): Intercom<V>
  readonly prototype: Intercom
}

class IntercomClient {
  readonly #runner: LazyRunner

  constructor(options: IntercomBrowserOptions) {
    // The page's `fetch`, or the one given in the options (an edge runtime's, a wrapped one).
    const transport = options.fetch !== undefined ? Transport.fetchWith(options.fetch) : Transport.fetch
    const runner = makePromiseRunner({ options: () => options, requireToken: false, transport })
    this.#runner = makeLazyRunner(() => operationsFor(options.version).then((operations) => ({ operations, runner, iterateItems })))
  }

  static {
    installLazyPromiseMethods(this.prototype, (self: IntercomClient) => self.#runner)
  }
}

/** @category clients */
export const Intercom: IntercomConstructor = IntercomClient as unknown as IntercomConstructor
