/**
 * The Node client's engine, imported at a client's first call: core's Promise engine (the registry, the
 * interpreter), undici, and the environment's defaults; also the webhook helpers (`lazy.ts`). Built as one bundle
 * with the parts of effect it uses inside (`scripts/bundleEngine.ts`): a Promise user needs no effect installed.
 */
import { createRequire } from "node:module"
import { envVars } from "@utdk/intercom-core/Facts"
import { type IntercomOptions, withEnvironment } from "@utdk/intercom-core/IntercomConfig"
import type { LoadedEngine } from "@utdk/intercom-core/LazyPromiseClient"
import { iterateItems, makeTransportRunner, operationsFor } from "@utdk/intercom-core/PromiseEngine"
import { revealSecret } from "@utdk/intercom-core/Secret"
import * as Transport from "@utdk/intercom-core/Transport"
import type { IntercomNodeOptions } from "../Intercom.ts"
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

/**
 * One client instance's engine: its transport (`fetch`, a `dispatcher`, or undici's global one) and runner. The
 * token is read here, as text: an effect `Redacted` is known only to the app's effect, not to the engine's copy.
 */
export const loadedEngine = async (given: IntercomNodeOptions): Promise<LoadedEngine> => {
  const token = await revealSecret(given.token)
  const options: IntercomNodeOptions = token === undefined ? given : { ...given, token }
  const transport =
    options.fetch !== undefined
      ? Transport.fetchWith(options.fetch)
      : options.dispatcher !== undefined
        ? undiciTransportWith(options.dispatcher as Dispatcher) // typed by shape in the options (UndiciDispatcher)
        : undiciTransport
  return {
    // The pinned version's operations only (the option, else INTERCOM_VERSION, else the newest); an unknown
    // version is refused by the runner at the call, as before.
    operations: await operationsFor(options.version ?? process.env[envVars.version]),
    iterateItems,
    runner: makeTransportRunner({ options: () => fromEnvironment(options), requireToken: true, transport }),
  }
}
