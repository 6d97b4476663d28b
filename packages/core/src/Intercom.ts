/**
 * The Effect API: an `Intercom` service with one method per operation of the registry.
 *
 * ```ts
 * import { Effect } from "effect"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Intercom } from "@utdk/intercom-core/Intercom"
 *
 * const program = Effect.gen(function* () {
 *   const intercom = yield* Intercom
 *   const conversation = yield* intercom.updateConversation({ conversation_id: "123", read: true })
 *   const { data, requestId } = yield* intercom.withResponse.getConversation({ conversation_id: "123" })
 * }).pipe(Effect.provide(Intercom.layerConfig()), Effect.provide(NodeHttpClient.layerUndici))
 * ```
 *
 * @since 0.1.0
 */
import type * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import * as Result from "effect/Result"
import { deprecatedAliases, operations } from "./generated/registry.ts"
import { makeClient } from "./internal/client.ts"
import { resolveConfig } from "./internal/config.ts"
import type { IntercomApi } from "./IntercomClient.ts"
import * as IntercomConfig from "./IntercomConfig.ts"
import type { IntercomConfigError } from "./IntercomError.ts"
import type { Transport } from "./internal/transport.ts"

/**
 * The service: `yield* Intercom` gives the client, whose methods return `Effect<Result, IntercomError>` and need
 * nothing more (the `HttpClient` is taken when the layer is built).
 *
 * @category services
 */
export class Intercom extends Context.Service<Intercom, IntercomApi>()("@utdk/intercom-core/Intercom") {
  /**
   * Builds a client from options (no token is fine when `baseUrl` is a gateway that adds it).
   *
   * @category constructors
   */
  static readonly make = (
    options: IntercomConfig.IntercomOptions = {},
  ): Effect.Effect<IntercomApi, IntercomConfigError, HttpClient.HttpClient> =>
    HttpClient.HttpClient.use((client) => {
      const config = resolveConfig(options, { requireToken: false })
      return Result.isFailure(config)
        ? Effect.fail(config.failure)
        : Effect.succeed(makeClient({ ...operations, ...deprecatedAliases }, { client, config: config.success }) as IntercomApi)
    })

  /**
   * Builds a client that sends through a transport port instead of an `HttpClient` (e.g. the Node package's undici
   * port, which skips effect/http's per-request work).
   *
   * @category constructors
   */
  static readonly makeWithTransport = (
    transport: Transport,
    options: IntercomConfig.IntercomOptions = {},
  ): Effect.Effect<IntercomApi, IntercomConfigError> =>
    Effect.suspend(() => {
      const config = resolveConfig(options, { requireToken: false })
      return Result.isFailure(config)
        ? Effect.fail(config.failure)
        : Effect.succeed(makeClient(operations, { transport, config: config.success }) as IntercomApi)
    })

  /**
   * The service from options.
   *
   * @category layers
   */
  static readonly layer = (
    options: IntercomConfig.IntercomOptions = {},
  ): Layer.Layer<Intercom, IntercomConfigError, HttpClient.HttpClient> => Layer.effect(Intercom, Intercom.make(options))

  /**
   * The service from `Config` (the environment by default): `INTERCOM_ACCESS_TOKEN` (required, redacted),
   * `INTERCOM_REGION`, `INTERCOM_BASE_URL`, `INTERCOM_VERSION`. Pass overrides for the rest (timeout, retries).
   *
   * @category layers
   */
  static readonly layerConfig = (
    overrides: Omit<IntercomConfig.IntercomOptions, "token"> = {},
    config: Config.Config<IntercomConfig.IntercomOptions> = IntercomConfig.config,
  ): Layer.Layer<Intercom, Config.ConfigError | IntercomConfigError, HttpClient.HttpClient> =>
    Layer.effect(
      Intercom,
      Effect.flatMap(config, (options) => Intercom.make({ ...options, ...definedOnly(overrides) })),
    )
}

const definedOnly = <A extends object>(record: A): Partial<A> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<A>
