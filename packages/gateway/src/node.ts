/**
 * `@utdk/intercom-gateway/node`: the gateway on Node.js. A hardened `node:http` server, an undici upstream
 * transport, a Redis store shared by several instances, and the configuration behind the `intercom-gateway` bin.
 *
 * ```ts
 * import { registryOperations } from "@utdk/intercom-gateway"
 * import { startGatewayServer } from "@utdk/intercom-gateway/node"
 * declare const token: string // your access token
 * const server = await startGatewayServer({
 *   gateway: { operations: registryOperations, upstream: "https://api.intercom.io", credentials: { mode: "server", token } },
 *   port: 8787,
 * })
 * ```
 *
 * @since 0.1.0
 */
export * from "./node/config.ts"
export * from "./node/RedisStore.ts"
export * from "./node/run.ts"
export * from "./node/server.ts"
export * from "./node/transport.ts"
