/**
 * The Node client's engine, imported at a client's first call: core's Promise engine (the registry, the
 * interpreter), the undici transport, and the environment's defaults; also the webhook helpers (`lazy.ts`). Built as one bundle
 * with the parts of effect it uses inside (`scripts/bundleEngine.ts`): a Promise user needs no effect installed.
 */
import { createRequire } from "node:module"
import { type IntercomOptions, withEnvironment } from "@utdk/intercom-core/ClientOptions"
import type { LoadedClient } from "@utdk/intercom-core/PromiseClient"
import { operationsFor, promiseEngine } from "@utdk/intercom-core/PromiseEngine"
import { envVars } from "@utdk/intercom-core/Facts"
import { revealSecret } from "@utdk/intercom-core/Secret"
import * as Transport from "@utdk/intercom-core/Transport"
import type { Dispatcher } from "undici"
import { undiciTransport, undiciTransportWith } from "./undiciTransport.ts"

const userAgent = (() => {
  const { version } = createRequire(import.meta.url)("../../package.json") as { readonly version: string }
  return `utdk-intercom/${version} node/${process.version}`
})()

/** Explicit options win; the environment fills the gaps (core's one reader of the variables). */
const fromEnvironment = (options: IntercomOptions): IntercomOptions => {
  const filled = withEnvironment(options, process.env)
  return { ...filled, headers: { "user-agent": userAgent, ...options.headers } }
}

export { parseWebhookNotification, verifyWebhookSignature } from "@utdk/intercom-core/Webhook"

/** The client's options as this module reads them (`IntercomNodeOptions`, whose dispatcher is typed by shape). */
interface NodeOptions extends IntercomOptions {
  readonly dispatcher?: unknown
}

/**
 * One client instance, loaded: the engine, its transport (`fetch`, a `dispatcher`, or undici's global one) and its
 * options over the environment. The token is read here, as text: an effect `Redacted` is known only to the app's
 * effect, not to the engine's copy.
 */
export const loadClient = async (given: NodeOptions): Promise<LoadedClient> => {
  const token = await revealSecret(given.token)
  const options: NodeOptions = token === undefined ? given : { ...given, token }
  const transport = options.fetch !== undefined
    ? Transport.fetchWith(options.fetch)
    : options.dispatcher !== undefined
    ? undiciTransportWith(options.dispatcher as Dispatcher) // typed by shape in the options (UndiciDispatcher)
    : undiciTransport
  return {
    engine: promiseEngine,
    // The pinned version's operations only (the option, else INTERCOM_VERSION, else the newest); an unknown
    // version is refused at the call, as before.
    operations: await operationsFor(options.version ?? process.env[envVars.version]),
    transport,
    options: () => fromEnvironment(options),
  }
}
