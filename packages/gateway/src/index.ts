/**
 * @utdk/intercom-gateway: the gateway as a web-standard `(Request) => Promise<Response>` handler, deployable as is to edge platforms:
 *
 * ```ts
 * import { makeGatewayHandler } from "@utdk/intercom-gateway"
 * declare const INTERCOM_ACCESS_TOKEN: string // the platform's secret
 * const handler = makeGatewayHandler({
 *   upstream: "https://api.intercom.io",
 *   credentials: { mode: "server", token: INTERCOM_ACCESS_TOKEN },
 * })
 * export default { fetch: (request: Request) => handler(request) }
 * ```
 *
 * @since 0.1.0
 */
import type { OperationDescriptor } from "@utdk/intercom-core"
import { operationList } from "@utdk/intercom-core/generated/registry"
import { makeGateway, type GatewayOptions } from "./Gateway.ts"

export * from "./Gateway.ts"
export { resolveUpstream, regionOrigins, type Region } from "./Upstream.ts"
export { makeMemoryStore, StoreUnavailableError, type GatewayStore, type RateLimitHit } from "./Store.ts"
export { makeLogger, redact, type GatewayLogger, type LogEntry, type LogLevel } from "./Log.ts"

/** Every operation of the generated registry: what the gateway allows unless told otherwise. @category constants */
export const registryOperations: ReadonlyArray<OperationDescriptor> = operationList

/**
 * Makes the web-standard handler, allowing every registry operation unless `operations` narrows the list.
 * `info.clientAddress` keys the per-client rate limit; pass what the platform reports as the peer address.
 *
 * @category constructors
 */
export const makeGatewayHandler = (
  options: Omit<GatewayOptions, "operations"> & { readonly operations?: ReadonlyArray<OperationDescriptor> },
): ((request: Request, info?: { readonly clientAddress?: string }) => Promise<Response>) =>
  makeGateway({ ...options, operations: options.operations ?? operationList }).fetch
