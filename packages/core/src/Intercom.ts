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
 *   const { data, requestId } = yield* intercom.withResponse.retrieveConversation({ conversation_id: "123" })
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
import type { DefaultApiVersion, TypedVersion } from "./generated/facts.ts"
import { operationsByName } from "./internal/operationsByName.ts"
import { makeClient, makeClientWith, refuseOtherVersions } from "./internal/client.ts"
import { resolveConfig } from "./internal/config.ts"
import type { IntercomApi, IntercomApiOf } from "./IntercomClient.ts"
import { operationsFor, typedVersionOf } from "./internal/versionRegistry.ts"
import type { IntercomVersion } from "./internal/version.ts"
import { intercomServiceKey } from "./IntercomServiceKey.ts"
import * as IntercomConfig from "./IntercomConfig.ts"
import { IntercomConfigError, type IntercomError } from "./IntercomError.ts"
import type { Transport } from "./internal/transport.ts"
import { makeErrorsYieldable } from "./internal/yieldableErrors.ts"

// The Effect API is being loaded, with the app's effect: the errors become yieldable with it.
makeErrorsYieldable()

/**
 * What `Intercom.layerTest` takes: any subset of the operations, each an Effect-returning function of the same
 * arguments as the client's method.
 *
 * @category models
 */
export type IntercomMocks = {
  readonly [
    // Read from the client's documented methods, not from the registry, so these declarations do not load every
    // operation's descriptor and schemas.
    K in Exclude<keyof IntercomApi, "withResponse" | "paginate">
  ]?: (
    params: NonNullable<Parameters<IntercomApi[K]>[0]>,
    options?: IntercomConfig.RequestOptions,
  ) => ReturnType<IntercomApi[K]>
}

/** Who may leave out the token: server clients must give one; the browser's gateway adds it. */
export interface PlatformOptions {
  readonly requireToken: boolean
}

const server: PlatformOptions = { requireToken: true }

/**
 * The service: `yield* Intercom` gives the client, whose methods return `Effect<Result, IntercomError>` and need
 * nothing more (the `HttpClient` is taken when the layer is built).
 *
 * @category services
 */
export class Intercom extends Context.Service<Intercom, IntercomApi>()(intercomServiceKey) {
  /**
   * Builds a client from options. Without a token it fails with `IntercomConfigError`, as the Promise client's first
   * call does (the browser package's `Intercom.layer` needs none: its gateway adds the credentials). Events go to
   * Effect's logger (one debug line and one span per attempt, retries and rate-limit waits at info, validation
   * mismatches at warn) unless a `logger` is given.
   *
   * @category constructors
   */
  static readonly make = <const V extends IntercomVersion = DefaultApiVersion>(
    options: IntercomConfig.IntercomOptions & { readonly version?: V | undefined } = {},
    platform: PlatformOptions = server,
  ): Effect.Effect<IntercomApiOf<V>, IntercomConfigError, HttpClient.HttpClient> =>
    HttpClient.HttpClient.use((client) => {
      const config = resolveConfig(options, { requireToken: platform.requireToken, logTo: "effect" })
      return Result.isFailure(config)
        ? Effect.fail(config.failure)
        : Effect.map(
          pinnedOperations(options.version),
          ([version, ops]) =>
            pinnedTo(makeClient(ops, { client, config: config.success }), version) as unknown as IntercomApiOf<V>,
        )
    })

  /**
   * Builds a client that sends through a transport port instead of an `HttpClient` (e.g. the Node package's undici
   * port, which skips effect/http's per-request work).
   *
   * @category constructors
   */
  static readonly makeWithTransport = <const V extends IntercomVersion = DefaultApiVersion>(
    transport: Transport,
    options: IntercomConfig.IntercomOptions & { readonly version?: V | undefined } = {},
    platform: PlatformOptions = server,
  ): Effect.Effect<IntercomApiOf<V>, IntercomConfigError> =>
    Effect.suspend(() => {
      const config = resolveConfig(options, { requireToken: platform.requireToken, logTo: "effect" })
      return Result.isFailure(config)
        ? Effect.fail(config.failure)
        : Effect.map(pinnedOperations(options.version), ([version, ops]) =>
          pinnedTo(makeClient(ops, { transport, config: config.success }), version) as unknown as IntercomApiOf<V>)
    })

  /**
   * The service, typed by the version it was made for: `yield* Intercom.pinned("2.14")` in a program whose layer
   * was made with `version: "2.14"` (`Intercom.layer({ version: "2.14" })`, or `INTERCOM_VERSION=2.14` with
   * `layerConfig`) is 2.14's client. Fails with `IntercomConfigError` when the service is another version's, so
   * the types never promise what the client does not have.
   *
   * @category accessors
   */
  static readonly pinned = <const V extends IntercomVersion>(
    version: V,
  ): Effect.Effect<IntercomApiOf<V>, IntercomConfigError, Intercom> =>
    Intercom.use((client) => {
      const wanted = typedVersionOf(version)
      const actual = versionOfClient.get(client) ?? typedVersionOf(undefined)
      return actual === wanted
        ? Effect.succeed(client as unknown as IntercomApiOf<V>)
        : Effect.fail(
          new IntercomConfigError({
            message: `Intercom.pinned(${
              JSON.stringify(version)
            }): the Intercom service was made for version ${actual}; make it with version: ${JSON.stringify(version)}`,
          }),
        )
    })

  /**
   * The service from options.
   *
   * @category layers
   */
  static readonly layer = (
    options: IntercomConfig.IntercomOptions = {},
  ): Layer.Layer<Intercom, IntercomConfigError, HttpClient.HttpClient> =>
    Layer.effect(
      Intercom,
      Intercom.make(options) as Effect.Effect<IntercomApi, IntercomConfigError, HttpClient.HttpClient>,
    )

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
      Effect.flatMap(
        config,
        (options) =>
          Intercom.make({ ...options, ...definedOnly(overrides) }) as Effect.Effect<
            IntercomApi,
            IntercomConfigError,
            HttpClient.HttpClient
          >,
      ),
    )

  /**
   * A test layer: the listed operations run the given functions (their `withResponse` twins answer status 200 with
   * no headers, and `paginate` pages through them); any other operation dies with a "not mocked" defect naming it.
   *
   * ```ts
   * import * as Effect from "effect/Effect"
   * import { Intercom } from "@utdk/intercom-core/Intercom"
   *
   * const TestIntercom = Intercom.layerTest({
   *   retrieveConversation: ({ conversation_id }) => Effect.succeed({ type: "conversation", id: conversation_id } as never),
   * })
   * ```
   *
   * @category layers
   */
  static readonly layerTest = (mocks: IntercomMocks): Layer.Layer<Intercom> =>
    Layer.succeed(
      Intercom,
      makeClientWith(operationsByName, (operation, params, options) => {
        const mock = (mocks as Record<
          string,
          ((params: unknown, options: unknown) => Effect.Effect<unknown, IntercomError>) | undefined
        >)[
          operation.name
        ]
        if (mock === undefined) {
          return Effect.die(
            new Error(
              `Intercom.layerTest: ${operation.name} is not mocked (add it: Intercom.layerTest({ ${operation.name}: (params) => ... }))`,
            ),
          )
        }
        return Effect.map(mock(params, options), (data) => ({
          data,
          status: 200,
          headers: {},
          requestId: undefined,
          attempts: 1,
          validation: [],
        }))
      }) as IntercomApi,
    )
}

const definedOnly = <A extends object>(record: A): Partial<A> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<A>

/** The version each client made here was pinned to (what `Intercom.pinned` checks). */
const versionOfClient = new WeakMap<object, TypedVersion>()

const pinnedTo = <A extends object>(client: A, version: TypedVersion): A => {
  versionOfClient.set(client, version)
  return refuseOtherVersions(client, version)
}

/** The operations of the version a client is pinned to (another version's registry loads on demand). */
const pinnedOperations = (version: string | undefined) =>
  Effect.map(
    Effect.promise(() => operationsFor(version)),
    (ops) => [typedVersionOf(version), ops] as const,
  )
