/**
 * The browser client's engine, imported at a client's first call: core's Promise engine (the registry, the
 * interpreter) and the `fetch` transport.
 */
import type { IntercomOptions } from "@utdk/intercom-core/ClientOptions"
import type { LoadedClient } from "@utdk/intercom-core/PromiseClient"
import { operationsFor, promiseEngine, typedVersionOf } from "@utdk/intercom-core/PromiseEngine"
import * as Transport from "@utdk/intercom-core/Transport"

/** One client instance, loaded: the page's `fetch`, or the one given in the options (an edge runtime's, a wrapped one). */
export const loadClient = async (options: IntercomOptions): Promise<LoadedClient> => ({
  engine: promiseEngine,
  // The pinned version's operations only (another version's registry is a chunk of its own).
  operations: await operationsFor(options.version),
  version: typedVersionOf(options.version),
  transport: options.fetch !== undefined ? Transport.fetchWith(options.fetch) : Transport.fetch,
  options: () => options,
})
