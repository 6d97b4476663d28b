/**
 * `@utdk/intercom-gateway/node`: the gateway on Node.js. A hardened `node:http` server, an undici upstream
 * transport, a Redis store shared by several instances, and the configuration behind the `intercom-gateway` bin.
 *
 * ```ts
 * import { startGatewayServer } from "@utdk/intercom-gateway/node"
 * const server = await startGatewayServer({ gateway: { operations, upstream, credentials }, port: 8787 })
 * ```
 *
 * @since 0.1.0
 */
export * from "./node/config.ts"
export * from "./node/RedisStore.ts"
export * from "./node/run.ts"
export * from "./node/server.ts"
export * from "./node/transport.ts"
