/**
 * Runs a configured gateway: store (Redis or memory), JSON logs on stdout, the Node server, and a clean shutdown on
 * SIGINT/SIGTERM. This is what the `intercom-gateway` bin calls.
 *
 * @since 0.1.0
 */
import { makeGateway } from "@utdk/intercom-core/gateway/Gateway"
import { makeLogger, type GatewayLogger } from "@utdk/intercom-core/gateway/Log"
import { makeMemoryStore, type GatewayStore } from "@utdk/intercom-core/gateway/Store"
import type { OperationDescriptor } from "@utdk/intercom-core"
import { operationList } from "@utdk/intercom-core/generated/registry"
import { Agent, fetch as undiciFetch } from "undici"
import type { GatewayConfig } from "./config.ts"
import { makeRedisStore } from "./RedisStore.ts"
import { startGatewayServer, type RunningGatewayServer } from "./server.ts"

/**
 * An upstream `fetch` over a dedicated undici pool with bounded connect time, so a dead upstream fails fast (502)
 * instead of holding client connections open.
 *
 * @category constructors
 */
export const makeUpstreamFetch = (options: { readonly connections?: number; readonly connectTimeoutMs?: number } = {}): {
  readonly fetch: typeof globalThis.fetch
  readonly close: () => Promise<void>
} => {
  const agent = new Agent({
    connections: options.connections ?? 256,
    connect: { timeout: options.connectTimeoutMs ?? 5000 },
    keepAliveTimeout: 10_000,
  })
  const fetch = ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof globalThis.fetch
  return { fetch, close: () => agent.close() }
}

/**
 * Starts the gateway described by `config`, allowing every registry operation unless `operations` narrows the list.
 *
 * @category constructors
 */
export const runGateway = async (
  config: GatewayConfig,
  options: {
    readonly operations?: ReadonlyArray<OperationDescriptor>
    readonly sink?: (line: string) => void
    readonly logger?: GatewayLogger
  } = {},
): Promise<RunningGatewayServer> => {
  const operations = options.operations ?? operationList
  const logger = options.logger ?? makeLogger({ sink: options.sink ?? ((line) => process.stdout.write(line + "\n")), level: config.logLevel })
  const store: GatewayStore =
    config.redisUrl === undefined
      ? makeMemoryStore()
      : await makeRedisStore({
          url: config.redisUrl,
          onError: (error) => logger.log({ level: "warn", event: "redis_error", error: String(error) }),
        })
  const upstream = makeUpstreamFetch()
  const gateway = makeGateway({
    operations,
    upstream: config.upstream,
    credentials: config.credentials,
    cors: { allowedOrigins: config.allowedOrigins, requireOrigin: config.requireOrigin },
    store,
    rateLimit: config.rateLimit,
    maxBodyBytes: config.maxBodyBytes,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    logger,
    fetch: upstream.fetch,
  })
  const running = await startGatewayServer({
    gateway,
    host: config.host,
    port: config.port,
    headersTimeoutMs: config.headersTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
    maxConnections: config.maxConnections,
    trustedProxies: config.trustedProxies,
    logger,
  })
  logger.log({
    level: "info",
    event: "started",
    upstream: config.upstream,
    credentials: config.credentials.mode,
    store: config.redisUrl === undefined ? "memory" : "redis",
    operations: operations.length,
    allowed_origins: config.allowedOrigins,
  })
  return {
    ...running,
    close: async () => {
      await running.close()
      await upstream.close()
    },
  }
}
