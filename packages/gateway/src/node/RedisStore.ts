/**
 * A Redis-backed gateway store, so several gateway instances behind a load balancer share rate-limit counters and
 * sessions. Commands fail fast while Redis is unreachable (no offline queue): the gateway answers 503 instead of
 * hanging or letting requests through unlimited.
 *
 * @since 0.1.0
 */
import { StoreUnavailableError, type GatewayStore } from "../Store.ts"
import { createClient } from "redis"

/** @category models */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` */
  readonly url: string
  /** Key prefix, so one Redis can serve several gateways (default `intercom-gateway:`). */
  readonly prefix?: string
  /**
   * Deadline for connecting at start-up, the handshake included (default 5000): a Redis that accepts TCP and never
   * answers fails the start like an unreachable one.
   */
  readonly connectTimeoutMs?: number
  /**
   * Deadline for each command (default 1000): a stalled Redis (paused, stopped with SIGSTOP) fails the request with
   * a 503 within it instead of holding it.
   */
  readonly commandTimeoutMs?: number
  /** Called on connection errors (they are otherwise swallowed by the reconnect loop). */
  readonly onError?: (error: unknown) => void
}

const unavailable = (error: unknown): never => {
  throw new StoreUnavailableError(`redis: ${error instanceof Error ? error.message : String(error)}`)
}

class DeadlineError extends Error {}

// Rejects with a DeadlineError when `promise` has not settled within `ms`.
const within = <A>(promise: Promise<A>, ms: number, what: string): Promise<A> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} took longer than ${ms} ms`)), ms)
  })
  // Stryker disable next-line ArrowFunction: a timer left running only fires a rejection nobody listens to any more.
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

/**
 * Raised when Redis cannot be reached at start-up: the caller decides between exiting and running without it. The
 * message names the host and port only (a Redis URL may carry a password).
 *
 * @category errors
 */
export class RedisUnreachableError extends Error {
  override readonly name = "RedisUnreachableError"
}

const describeUrl = (url: string): string => {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname}:${parsed.port === "" ? "6379" : parsed.port}`
  } catch {
    return "the configured address"
  }
}

/**
 * Connects to Redis and returns the store; rejects with {@link RedisUnreachableError} when the first connection
 * fails (no retry loop at start-up: a gateway that cannot reach its store must say so, not hang). Once connected,
 * lost connections are retried in the background.
 *
 * @category constructors
 */
export const makeRedisStore = async (options: RedisStoreOptions): Promise<GatewayStore> => {
  const prefix = options.prefix ?? "intercom-gateway:"
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000
  const commandTimeoutMs = options.commandTimeoutMs ?? 1000
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      // Stryker disable next-line MethodExpression,ArithmeticOperator: the back-off's timing; that it reconnects is tested.
      reconnectStrategy: (retries, cause) => (connected ? Math.min(100 * 2 ** retries, 2000) : cause),
    },
  })
  let connected = false
  client.on("error", (error: unknown) => {
    if (connected) options.onError?.(error)
  })
  try {
    // The handshake is bounded too, and the first command proves Redis answers.
    await within(
      client.connect().then(() => client.ping()),
      connectTimeoutMs,
      "connecting",
    )
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: destroying a closed client does nothing.
    if (client.isOpen) client.destroy()
    throw new RedisUnreachableError(
      `Redis at ${describeUrl(options.url)} is unreachable (${error instanceof Error ? error.message : String(error)})`,
    )
  }
  connected = true

  // Every command has a deadline: a Redis that stalls fails requests closed (503), it does not hold them.
  const command = <A>(run: () => Promise<A>): Promise<A> =>
    within(run(), commandTimeoutMs, "a Redis command").catch(unavailable)

  const counterKey = (key: string) => `${prefix}rl:${key}`
  const sessionKey = (id: string) => `${prefix}session:${id}`

  return {
    hit: async (key, windowMs) => {
      const k = counterKey(key)
      // One round trip: count, start the window on the first hit only (NX), read what is left of it.
      const [count, , ttl] = await command(() => client.multi().incr(k).pExpire(k, windowMs, "NX").pTTL(k).exec())
      return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) }
    },
    putSession: async (id, record, ttlMs) => {
      await command(() => client.set(sessionKey(id), record, { expiration: { type: "PX", value: ttlMs } }))
    },
    getSession: async (id) => (await command(() => client.get(sessionKey(id)))) ?? undefined,
    deleteSession: async (id) => (await command(() => client.del(sessionKey(id)))) > 0,
    // Stryker disable next-line ArrowFunction,StringLiteral: any failure value is not "PONG".
    ping: async () => (await command(() => client.ping()).catch(() => "")) === "PONG",
    close: async () => {
      // A stalled Redis would never answer QUIT: closing is bounded too.
      // Stryker disable next-line ConditionalExpression,StringLiteral,ArrowFunction: closing twice fails quietly; the message and the destroy after a stalled QUIT are not observable once Redis answers again.
      if (client.isOpen) await within(client.close(), commandTimeoutMs, "closing").catch(() => client.destroy())
    },
  }
}
