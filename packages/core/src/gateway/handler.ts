/**
 * The gateway as a web-standard `(Request) => Promise<Response>` handler, deployable as is to edge platforms:
 *
 * ```ts
 * import { makeGatewayHandler } from "@utdk/intercom-core/gateway/handler"
 * const handler = makeGatewayHandler({ operations, upstream: "https://api.intercom.io", credentials: { mode: "server", token } })
 * export default { fetch: (request: Request) => handler(request) }
 * ```
 *
 * @since 0.1.0
 */
import { makeGateway, type GatewayOptions } from "./Gateway.ts"

export * from "./Gateway.ts"
export { resolveUpstream, regionOrigins, type Region } from "./Upstream.ts"
export { makeMemoryStore, StoreUnavailableError, type GatewayStore, type RateLimitHit } from "./Store.ts"
export { makeLogger, redact, type GatewayLogger, type LogEntry, type LogLevel } from "./Log.ts"

/**
 * Makes the web-standard handler. `info.clientAddress` keys the per-client rate limit; pass what the platform reports
 * as the peer address.
 *
 * @category constructors
 */
export const makeGatewayHandler = (
  options: GatewayOptions,
): ((request: Request, info?: { readonly clientAddress?: string }) => Promise<Response>) => makeGateway(options).fetch
