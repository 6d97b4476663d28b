/**
 * Runs a configured gateway: store (Redis or memory), JSON logs on stdout, the Node server, and a clean shutdown on
 * SIGINT/SIGTERM. This is what the `intercom-gateway` bin calls.
 *
 * @since 0.1.0
 */
import { allOperations, makeGateway } from "../Gateway.ts"
import { makeLogger, type GatewayLogger } from "../Log.ts"
import { makeMemoryStore, type GatewayStore } from "../Store.ts"
import type { RoutedOperation } from "../Router.ts"
import type { GatewayConfig } from "./config.ts"
import { makeRedisStore, RedisUnreachableError } from "./RedisStore.ts"
import { startGatewayServer, type RunningGatewayServer } from "./server.ts"
import { makeUndiciTransport } from "./transport.ts"

/** A running gateway and its logger (lines the bin adds, such as `stopping`, keep their order with the rest). @category models */
export interface RunningGateway extends RunningGatewayServer {
  readonly logger: GatewayLogger
}

/**
 * Starts the gateway described by `config`, allowing every operation of every API version (each in the versions that
 * have it) unless `operations` narrows the list.
 *
 * @category constructors
 */
export const runGateway = async (
  config: GatewayConfig,
  options: {
    readonly operations?: ReadonlyArray<RoutedOperation>
    readonly sink?: (line: string) => void
    readonly logger?: GatewayLogger
  } = {},
): Promise<RunningGateway> => {
  const operations = options.operations ?? allOperations
  const stdout = options.sink === undefined ? makeBatchedStdout() : undefined
  const logger = options.logger ?? makeLogger({ sink: options.sink ?? stdout!.write, level: config.logLevel })
  let store: GatewayStore = makeMemoryStore()
  let storeKind: "memory" | "redis" = "memory"
  if (config.redisUrl !== undefined) {
    try {
      store = await makeRedisStore({
        url: config.redisUrl,
        onError: (error) => logger.log({ level: "warn", event: "redis_error", error: String(error) }),
      })
      storeKind = "redis"
    } catch (error) {
      if (!(error instanceof RedisUnreachableError) || !config.redisOptional) {
        throw new Error(
          `${
            error instanceof Error ? error.message : String(error)
          }: start Redis, fix --redis-url, or pass --redis-optional to run with an in-memory store`,
        )
      }
      logger.log({ level: "warn", event: "redis_unreachable_using_memory", error: error.message })
    }
  }
  const upstream = makeUndiciTransport({ connections: config.upstreamConnections })
  const gateway = makeGateway({
    operations,
    defaultVersion: config.defaultVersion,
    upstream: config.upstream,
    credentials: config.credentials,
    cors: { allowedOrigins: config.allowedOrigins, requireOrigin: config.requireOrigin },
    store,
    rateLimit: config.rateLimit,
    maxBodyBytes: config.maxBodyBytes,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    logger,
    transport: upstream.transport,
  })
  const running = await startGatewayServer({
    gateway,
    host: config.host,
    port: config.port,
    headersTimeoutMs: config.headersTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
    maxConnections: config.maxConnections,
    ...(config.maxConnectionsPerClient === undefined
      ? {}
      : { maxConnectionsPerClient: config.maxConnectionsPerClient }),
    trustedProxies: config.trustedProxies,
    logger,
  })
  logger.log({
    level: "info",
    event: "started",
    upstream: config.upstream,
    credentials: config.credentials.mode,
    store: storeKind,
    operations: new Set(operations.map((o) => o.name)).size,
    default_version: config.defaultVersion,
    allowed_origins: config.allowedOrigins,
  })
  return {
    ...running,
    logger,
    close: async () => {
      await running.close()
      await upstream.close()
      stdout?.flush()
    },
  }
}

/**
 * Log lines to stdout, written in batches: when 16 KiB are pending (a quarter of a pipe's buffer, so a busy reader rarely blocks the write), else at most `flushAfterMs` (default 50) after
 * the first pending line. stdout is synchronous for files and pipes, and a write per request (even one per
 * event-loop turn) costs a syscall and wakes the log reader for every request: with one request in flight that is
 * most of what the log costs. Lines still pending are written on `flush`, on close and when the process exits.
 *
 * @category constructors
 */
export const makeBatchedStdout = (
  options: { readonly flushAfterMs?: number; readonly maxPendingBytes?: number } = {},
): {
  readonly write: (line: string) => void
  readonly flush: () => void
} => {
  const flushAfterMs = options.flushAfterMs ?? 50
  const maxPendingBytes = options.maxPendingBytes ?? 16 * 1024
  let pending = ""
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
    if (pending === "") return
    const text = pending
    pending = ""
    process.stdout.write(text)
  }
  process.once("exit", flush)
  return {
    write: (line) => {
      pending += line + "\n"
      if (pending.length >= maxPendingBytes) flush()
      else if (timer === undefined) {
        timer = setTimeout(flush, flushAfterMs)
        // Pending lines never keep the process alive: exit writes them.
        timer.unref()
      }
    },
    flush,
  }
}
