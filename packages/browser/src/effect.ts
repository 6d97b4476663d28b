/**
 * @utdk/intercom-browser/effect: the Effect API in the browser. `Intercom` here is the service (`yield* Intercom`),
 * whose `Intercom.layer(options)` needs no token (the gateway adds it) and an `HttpClient` (`FetchHttpClient.layer`).
 * Everything else of the root (errors, helpers, types) is here too, plus the Effect modules.
 *
 * @since 0.2.0
 */
import { Intercom as IntercomService } from "@utdk/intercom-core/Intercom"
import type { IntercomOptions } from "@utdk/intercom-core/ClientOptions"
import type { IntercomConfigError } from "@utdk/intercom-core/IntercomError"
import type * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"

export * from "./index.ts"
export type { IntercomApi } from "@utdk/intercom-core/IntercomClient"
export type { IntercomMocks } from "@utdk/intercom-core/Intercom"
export * as Pagination from "@utdk/intercom-core/Pagination"
export * as RetryPolicy from "@utdk/intercom-core/RetryPolicy"
export { WebhookNotification } from "@utdk/intercom-core/WebhookSchema"

/**
 * The service (core's, same key), whose `layer` needs no token: the gateway adds the credentials.
 *
 * @category services
 */
export class Intercom extends IntercomService {
  /**
   * The Effect service over the given options; no token is needed (the gateway adds it).
   *
   * @category layers
   */
  static override readonly layer = (
    options: IntercomOptions = {},
  ): Layer.Layer<IntercomService, IntercomConfigError, HttpClient.HttpClient> =>
    Layer.effect(IntercomService, IntercomService.make(options, { requireToken: false }))
}
