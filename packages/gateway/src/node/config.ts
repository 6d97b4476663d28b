/**
 * The gateway's configuration from command-line flags and environment variables (flags win). Secrets are read
 * from the environment or from files only, never from flags, which other users of the machine can see in `ps`.
 * GATEWAY.md documents every setting.
 *
 * @since 0.1.0
 */
import type { CredentialsOptions } from "../Gateway.ts"
import type { LogLevel } from "../Log.ts"
import { defaultRegion, envVars, type Region, regions, versionProblem, wireVersion } from "@utdk/intercom-core/Facts"
import { newestVersion, typedVersions } from "@utdk/intercom-core/Versions"
import { resolveUpstream } from "../Upstream.ts"
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"

/** @category models */
export interface GatewayConfig {
  readonly host: string
  readonly port: number
  readonly upstream: string
  /** The `Intercom-Version` sent for requests that name none. */
  readonly defaultVersion: string
  readonly allowedOrigins: ReadonlyArray<string>
  readonly requireOrigin: boolean
  readonly credentials: CredentialsOptions
  readonly redisUrl: string | undefined
  /** Start with the in-memory store when Redis is unreachable at start-up (otherwise: exit non-zero). */
  readonly redisOptional: boolean
  readonly rateLimit: { readonly requests: number; readonly windowSeconds: number } | false
  readonly maxBodyBytes: number
  readonly upstreamTimeoutMs: number
  readonly headersTimeoutMs: number
  readonly requestTimeoutMs: number
  readonly keepAliveTimeoutMs: number
  readonly maxConnections: number
  readonly maxConnectionsPerClient: number | undefined
  readonly upstreamConnections: number
  readonly trustedProxies: number
  readonly logLevel: LogLevel
}

/** @category errors */
export class GatewayConfigError extends Error {
  override readonly name = "GatewayConfigError"
}

/** Origins allowed when none are configured: the docs site in development (`astro dev`). @category constants */
export const defaultAllowedOrigins: ReadonlyArray<string> = ["http://localhost:4321"]

/** @category constants */
export const usage = `Usage: intercom-gateway [options]

Forwards Intercom API operations (and nothing else) to Intercom, adding the Authorization header itself.

  --port <n>                    listen port (PORT, GATEWAY_PORT; default 8787)
  --host <addr>                 listen address (GATEWAY_HOST; default 127.0.0.1)
  --region <us|eu|au>           Intercom region (INTERCOM_REGION; default us)
  --upstream <origin>           upstream origin: a regional Intercom origin, or a loopback mock (GATEWAY_UPSTREAM)
  --default-version <v>         Intercom-Version sent when a request names none (INTERCOM_VERSION; default ${newestVersion})
  --allow-loopback-upstream     allow --upstream on 127.0.0.1/localhost, e.g. Prism (GATEWAY_ALLOW_LOOPBACK_UPSTREAM=1)
  --allow-origin <origin>       CORS origin, repeatable (GATEWAY_ALLOW_ORIGINS, comma-separated; default http://localhost:4321)
  --require-origin              refuse requests without an Origin header (GATEWAY_REQUIRE_ORIGIN=1)
  --credentials <server|session>  server: inject INTERCOM_ACCESS_TOKEN; session: visitors trade a token for a session key
                                (GATEWAY_CREDENTIALS; default server)
  --token-file <path>           file holding the server token (INTERCOM_ACCESS_TOKEN_FILE; else INTERCOM_ACCESS_TOKEN)
  --session-secret-file <path>  file holding the session secret, >= 32 bytes (GATEWAY_SESSION_SECRET_FILE; else GATEWAY_SESSION_SECRET)
  --session-ttl <seconds>       session lifetime (GATEWAY_SESSION_TTL; default 3600)
  --redis-url <url>             share sessions and rate limits through Redis (GATEWAY_REDIS_URL; default in memory)
  --redis-optional              start with the in-memory store when Redis is unreachable at start-up, instead of
                                exiting (GATEWAY_REDIS_OPTIONAL=1)
  --rate-limit <n>              requests per client per window, 0 = off (GATEWAY_RATE_LIMIT; default 120)
  --rate-window <seconds>       rate-limit window (GATEWAY_RATE_WINDOW; default 60)
  --max-body <bytes>            request body cap (GATEWAY_MAX_BODY; default 1048576)
  --upstream-timeout <ms>       deadline for the whole upstream exchange, connection wait and body included
                                (GATEWAY_UPSTREAM_TIMEOUT_MS; default 30000)
  --upstream-connections <n>    connections to Intercom, and most requests in flight; more get 503 + Retry-After
                                (GATEWAY_UPSTREAM_CONNECTIONS; default 256)
  --headers-timeout <ms>        time to receive request headers (GATEWAY_HEADERS_TIMEOUT_MS; default 5000)
  --request-timeout <ms>        time to receive a whole request (GATEWAY_REQUEST_TIMEOUT_MS; default 30000)
  --keep-alive-timeout <ms>     idle keep-alive timeout (GATEWAY_KEEP_ALIVE_TIMEOUT_MS; default 5000)
  --max-connections <n>         simultaneous connections (GATEWAY_MAX_CONNECTIONS; default 1024)
  --max-connections-per-client <n>  simultaneous connections from one address (GATEWAY_MAX_CONNECTIONS_PER_CLIENT;
                                default 64, or no cap with --trusted-proxies)
  --trusted-proxies <n>         proxies appending to X-Forwarded-For in front of the gateway (GATEWAY_TRUSTED_PROXIES; default 0)
  --log-level <debug|info|warn|error>  (GATEWAY_LOG_LEVEL; default info)
  -h, --help                    print this help
`

const integer = (name: string, value: string | undefined, fallback: number, min = 0): number => {
  if (value === undefined || value === "") return fallback
  if (!/^\d+$/.test(value) || Number(value) < min) throw new GatewayConfigError(`${name} must be an integer >= ${min}, got ${value}`)
  return Number(value)
}

const optionalInteger = (name: string, value: string | undefined): number | undefined =>
  value === undefined || value === "" ? undefined : integer(name, value, 0, 1)

const flag = (value: boolean | undefined, env: string | undefined): boolean => value === true || env === "1" || env === "true"

const oneOf = <A extends string>(name: string, value: string | undefined, allowed: ReadonlyArray<A>, fallback: A): A => {
  if (value === undefined || value === "") return fallback
  if (!(allowed as ReadonlyArray<string>).includes(value)) throw new GatewayConfigError(`${name} must be one of ${allowed.join(", ")}`)
  return value as A
}

// A secret from a file (trailing newline trimmed) or else from an environment variable.
const secret = (file: string | undefined, value: string | undefined, readFile: (path: string) => string): string | undefined => {
  if (file !== undefined && file !== "") return readFile(file).replace(/\r?\n$/, "")
  return value === undefined || value === "" ? undefined : value
}

/**
 * Parses flags and environment into a checked configuration; throws {@link GatewayConfigError} with a message fit for
 * the terminal. Returns `"help"` for `--help`.
 *
 * @category constructors
 */
export const parseGatewayConfig = (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): GatewayConfig | "help" => {
  let values
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        region: { type: "string" },
        upstream: { type: "string" },
        "default-version": { type: "string" },
        "allow-loopback-upstream": { type: "boolean" },
        "allow-origin": { type: "string", multiple: true },
        "require-origin": { type: "boolean" },
        credentials: { type: "string" },
        "token-file": { type: "string" },
        "session-secret-file": { type: "string" },
        "session-ttl": { type: "string" },
        "redis-url": { type: "string" },
        "redis-optional": { type: "boolean" },
        "upstream-connections": { type: "string" },
        "max-connections-per-client": { type: "string" },
        "rate-limit": { type: "string" },
        "rate-window": { type: "string" },
        "max-body": { type: "string" },
        "upstream-timeout": { type: "string" },
        "headers-timeout": { type: "string" },
        "request-timeout": { type: "string" },
        "keep-alive-timeout": { type: "string" },
        "max-connections": { type: "string" },
        "trusted-proxies": { type: "string" },
        "log-level": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values
  } catch (error) {
    throw new GatewayConfigError(error instanceof Error ? error.message : String(error))
  }
  if (values.help === true) return "help"

  let upstream: string
  try {
    upstream = resolveUpstream({
      region: oneOf<Region>("--region", values.region ?? env[envVars.region], Object.keys(regions) as Array<Region>, defaultRegion),
      upstream: values.upstream ?? env.GATEWAY_UPSTREAM,
      allowLoopback: flag(values["allow-loopback-upstream"], env.GATEWAY_ALLOW_LOOPBACK_UPSTREAM),
    })
  } catch (error) {
    throw new GatewayConfigError(error instanceof Error ? error.message : String(error))
  }

  const defaultVersion = values["default-version"] ?? env[envVars.version] ?? newestVersion
  const wire = wireVersion(defaultVersion)
  if (wire === undefined) throw new GatewayConfigError(`--default-version: ${versionProblem(defaultVersion)}`)
  if (!(typedVersions as ReadonlyArray<string>).includes(wire)) {
    throw new GatewayConfigError(`--default-version must be a version the gateway routes: ${typedVersions.join(", ")}`)
  }

  const origins = values["allow-origin"] ?? (env.GATEWAY_ALLOW_ORIGINS ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "")
  const mode = oneOf("--credentials", values.credentials ?? env.GATEWAY_CREDENTIALS, ["server", "session"], "server")
  let credentials: CredentialsOptions
  if (mode === "server") {
    const token = secret(values["token-file"] ?? env[envVars.tokenFile], env[envVars.token], readFile)
    if (token === undefined) throw new GatewayConfigError(`server credentials need ${envVars.token} or --token-file`)
    credentials = { mode, token }
  } else {
    const key = secret(values["session-secret-file"] ?? env.GATEWAY_SESSION_SECRET_FILE, env.GATEWAY_SESSION_SECRET, readFile)
    if (key === undefined) throw new GatewayConfigError("session credentials need GATEWAY_SESSION_SECRET or --session-secret-file")
    credentials = { mode, secret: key, ttlSeconds: integer("--session-ttl", values["session-ttl"] ?? env.GATEWAY_SESSION_TTL, 3600, 1) }
  }

  const headersTimeoutMs = integer("--headers-timeout", values["headers-timeout"] ?? env.GATEWAY_HEADERS_TIMEOUT_MS, 5_000, 1)
  const requestTimeoutMs = integer("--request-timeout", values["request-timeout"] ?? env.GATEWAY_REQUEST_TIMEOUT_MS, 30_000, 1)
  if (headersTimeoutMs > requestTimeoutMs) throw new GatewayConfigError("--headers-timeout must not exceed --request-timeout")
  const requests = integer("--rate-limit", values["rate-limit"] ?? env.GATEWAY_RATE_LIMIT, 120)
  const redisUrl = values["redis-url"] ?? env.GATEWAY_REDIS_URL
  return {
    host: values.host ?? env.GATEWAY_HOST ?? "127.0.0.1",
    port: integer("--port", values.port ?? env.GATEWAY_PORT ?? env.PORT, 8787),
    upstream,
    defaultVersion: wire,
    allowedOrigins: origins.length > 0 ? origins : defaultAllowedOrigins,
    requireOrigin: flag(values["require-origin"], env.GATEWAY_REQUIRE_ORIGIN),
    credentials,
    redisUrl: redisUrl === "" ? undefined : redisUrl,
    redisOptional: flag(values["redis-optional"], env.GATEWAY_REDIS_OPTIONAL),
    rateLimit: requests === 0 ? false : { requests, windowSeconds: integer("--rate-window", values["rate-window"] ?? env.GATEWAY_RATE_WINDOW, 60, 1) },
    maxBodyBytes: integer("--max-body", values["max-body"] ?? env.GATEWAY_MAX_BODY, 1024 * 1024, 1),
    upstreamTimeoutMs: integer("--upstream-timeout", values["upstream-timeout"] ?? env.GATEWAY_UPSTREAM_TIMEOUT_MS, 30_000, 1),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: integer("--keep-alive-timeout", values["keep-alive-timeout"] ?? env.GATEWAY_KEEP_ALIVE_TIMEOUT_MS, 5_000, 1),
    maxConnections: integer("--max-connections", values["max-connections"] ?? env.GATEWAY_MAX_CONNECTIONS, 1024, 1),
    maxConnectionsPerClient: optionalInteger("--max-connections-per-client", values["max-connections-per-client"] ?? env.GATEWAY_MAX_CONNECTIONS_PER_CLIENT),
    upstreamConnections: integer("--upstream-connections", values["upstream-connections"] ?? env.GATEWAY_UPSTREAM_CONNECTIONS, 256, 1),
    trustedProxies: integer("--trusted-proxies", values["trusted-proxies"] ?? env.GATEWAY_TRUSTED_PROXIES, 0),
    logLevel: oneOf<LogLevel>("--log-level", values["log-level"] ?? env.GATEWAY_LOG_LEVEL, ["debug", "info", "warn", "error"], "info"),
  }
}
