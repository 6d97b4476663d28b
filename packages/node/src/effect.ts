/**
 * @utdk/intercom/effect: the Effect API. `Intercom` here is the service (`yield* Intercom` gives the client whose
 * methods return `Effect<Result, IntercomError>`), provided by `Intercom.layerConfig()` or `Intercom.layer(options)`
 * with an `HttpClient` (`NodeHttpClient.layerUndici`), or by `Intercom.layerTest(mocks)` in tests. Everything else of
 * the root (errors, helpers, types) is here too, plus the Effect modules (`Pagination`, `RetryPolicy`, schemas).
 *
 * ```ts
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Effect } from "effect"
 * import { Intercom } from "@utdk/intercom/effect"
 *
 * const program = Effect.gen(function* () {
 *   const intercom = yield* Intercom
 *   return yield* intercom.updateConversation({ conversation_id: "123", read: true })
 * }).pipe(Effect.provide(Intercom.layerConfig()), Effect.provide(NodeHttpClient.layerUndici))
 * ```
 *
 * @since 0.2.0
 */
export * from "./index.ts"
// Wins over the root's Promise client of the same name (an explicit export shadows `export *`).
export { Intercom, type IntercomMocks } from "@utdk/intercom-core/Intercom"
export type {
  EffectKind,
  EffectMethod,
  EffectPagesKind,
  EffectPaginateMethod,
  EffectResponseKind,
  IntercomApi,
} from "@utdk/intercom-core/IntercomClient"
export * as IntercomConfig from "@utdk/intercom-core/IntercomConfig"
export * as Pagination from "@utdk/intercom-core/Pagination"
export * as RateLimiter from "@utdk/intercom-core/RateLimiter"
export * as RetryPolicy from "@utdk/intercom-core/RetryPolicy"
export { WebhookNotification } from "@utdk/intercom-core/WebhookSchema"
