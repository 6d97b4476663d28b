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
import { operationList } from "@utdk/intercom-core/registry"
import { allOperations, makeGateway, type GatewayOptions } from "./Gateway.ts"
import type { RoutedOperation } from "./Router.ts"
import { resolveUpstream } from "./Upstream.ts"

export * from "./Gateway.ts"
export { resolveUpstream, regionOrigins, UpstreamConfigError, type Region } from "./Upstream.ts"
export { makeMemoryStore, StoreUnavailableError, type GatewayStore, type RateLimitHit } from "./Store.ts"
export { makeLogger, redact, type GatewayLogger, type LogEntry, type LogLevel } from "./Log.ts"
export type { RoutedOperation } from "./Router.ts"
export { VersionConfigError } from "./VersionPolicy.ts"

/**
 * The newest version's generated operation descriptors.
 *
 * @deprecated The gateway now allows {@link allOperations} (every version's) unless told otherwise.
 * @category constants
 */
export const registryOperations: ReadonlyArray<OperationDescriptor> = operationList

/**
 * Makes the web-standard handler, allowing every operation of every API version (each in the versions that have it)
 * unless `operations` narrows the list.
 * `info.clientAddress` keys the per-client rate limit; pass what the platform reports as the peer address.
 *
 * The upstream is checked as the bin checks it: one of Intercom's regional origins, or a loopback mock (Prism) only
 * with `allowLoopbackUpstream`; anything else throws {@link UpstreamConfigError}.
 *
 * @category constructors
 */
export const makeGatewayHandler = (
  options: Omit<GatewayOptions, "operations"> & {
    readonly operations?: ReadonlyArray<RoutedOperation>
    /** Allow a loopback `upstream` such as a local Prism (development only). */
    readonly allowLoopbackUpstream?: boolean
  },
): (request: Request, info?: { readonly clientAddress?: string }) => Promise<Response> => {
  const { allowLoopbackUpstream, ...rest } = options
  const upstream = resolveUpstream({ upstream: options.upstream, allowLoopback: allowLoopbackUpstream })
  return makeGateway({ ...rest, upstream, operations: options.operations ?? allOperations }).fetch
}
