/**
 * The gateway's configuration from command-line flags and environment variables (flags win). Secrets are read
 * from the environment or from files only, never from flags, which other users of the machine can see in `ps`.
 * The options themselves (flags, variables, defaults, help text) are the table in `Options.ts`.
 *
 * @since 0.1.0
 */
import type { CredentialsOptions } from "../Gateway.ts"
import type { LogLevel } from "../Log.ts"
import { defaultRegion, type Region, regions, versionProblem, wireVersion } from "@utdk/intercom-core/Facts"
import { typedVersions } from "@utdk/intercom-core/Versions"
import { gatewayDefaults, gatewayOptions, renderUsage } from "../Options.ts"
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
export const defaultAllowedOrigins: ReadonlyArray<string> = gatewayDefaults.allowedOrigins

/** The `--help` text, from the options table. @category constants */
export const usage = renderUsage()

const integer = (name: string, value: string | undefined, fallback: number, min = 0): number => {
  if (value === undefined || value === "") return fallback
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new GatewayConfigError(`${name} must be an integer >= ${min}, got ${value}`)
  }
  return Number(value)
}

const optionalInteger = (name: string, value: string | undefined): number | undefined =>
  value === undefined || value === "" ? undefined : integer(name, value, 0, 1)

const oneOf = <A extends string>(
  name: string,
  value: string | undefined,
  allowed: ReadonlyArray<A>,
  fallback: A,
): A => {
  if (value === undefined || value === "") return fallback
  if (!(allowed as ReadonlyArray<string>).includes(value)) {
    throw new GatewayConfigError(`${name} must be one of ${allowed.join(", ")}`)
  }
  return value as A
}

// A secret from a file (trailing newline trimmed) or else from an environment variable.
const secret = (
  file: string | undefined,
  value: string | undefined,
  readFile: (path: string) => string,
): string | undefined => {
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
  let values: Record<string, string | boolean | Array<string | boolean> | undefined>
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(
          gatewayOptions.map((
            o,
          ) => [
            o.flag,
            o.value === undefined
              ? { type: "boolean" as const }
              : { type: "string" as const, multiple: o.list === true },
          ]),
        ),
        help: { type: "boolean", short: "h" },
      },
    }).values
  } catch (error) {
    throw new GatewayConfigError(error instanceof Error ? error.message : String(error))
  }
  if (values.help === true) return "help"
  const option = (flag: string) => gatewayOptions.find((o) => o.flag === flag)!
  // The flag's value, else the first of its variables that is set.
  const raw = (flag: string): string | undefined => {
    const given = values[flag]
    if (typeof given === "string") return given
    for (const name of option(flag).env) if (env[name] !== undefined) return env[name]
    return undefined
  }
  const on = (flag: string): boolean =>
    values[flag] === true || option(flag).env.some((name) => env[name] === "1" || env[name] === "true")
  const secretOf = (flag: string) => secret(raw(flag), env[option(flag).secretEnv!], readFile)

  let upstream: string
  try {
    upstream = resolveUpstream({
      region: oneOf<Region>("--region", raw("region"), Object.keys(regions) as Array<Region>, defaultRegion),
      upstream: raw("upstream"),
      allowLoopback: on("allow-loopback-upstream"),
    })
  } catch (error) {
    throw new GatewayConfigError(error instanceof Error ? error.message : String(error))
  }

  const defaultVersion = raw("default-version") ?? gatewayDefaults.defaultVersion
  const wire = wireVersion(defaultVersion)
  if (wire === undefined) throw new GatewayConfigError(`--default-version: ${versionProblem(defaultVersion)}`)
  if (!(typedVersions as ReadonlyArray<string>).includes(wire)) {
    throw new GatewayConfigError(`--default-version must be a version the gateway routes: ${typedVersions.join(", ")}`)
  }

  const listed = values["allow-origin"]
  const origins = Array.isArray(listed)
    ? listed.map(String)
    : (raw("allow-origin") ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "")
  const mode = oneOf("--credentials", raw("credentials"), ["server", "session"], gatewayDefaults.credentials)
  let credentials: CredentialsOptions
  if (mode === "server") {
    const token = secretOf("token-file")
    if (token === undefined) {
      throw new GatewayConfigError(`server credentials need ${option("token-file").secretEnv} or --token-file`)
    }
    credentials = { mode, token }
  } else {
    const key = secretOf("session-secret-file")
    if (key === undefined) {
      throw new GatewayConfigError(
        `session credentials need ${option("session-secret-file").secretEnv} or --session-secret-file`,
      )
    }
    credentials = {
      mode,
      secret: key,
      ttlSeconds: integer("--session-ttl", raw("session-ttl"), gatewayDefaults.sessionTtlSeconds, 1),
    }
  }

  const d = gatewayDefaults
  const headersTimeoutMs = integer("--headers-timeout", raw("headers-timeout"), d.headersTimeoutMs, 1)
  const requestTimeoutMs = integer("--request-timeout", raw("request-timeout"), d.requestTimeoutMs, 1)
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new GatewayConfigError("--headers-timeout must not exceed --request-timeout")
  }
  const requests = integer("--rate-limit", raw("rate-limit"), d.rateLimit.requests)
  const redisUrl = raw("redis-url")
  return {
    host: raw("host") ?? d.host,
    port: integer("--port", raw("port"), d.port),
    upstream,
    defaultVersion: wire,
    allowedOrigins: origins.length > 0 ? origins : defaultAllowedOrigins,
    requireOrigin: on("require-origin"),
    credentials,
    redisUrl: redisUrl === "" ? undefined : redisUrl,
    redisOptional: on("redis-optional"),
    rateLimit: requests === 0
      ? false
      : { requests, windowSeconds: integer("--rate-window", raw("rate-window"), d.rateLimit.windowSeconds, 1) },
    maxBodyBytes: integer("--max-body", raw("max-body"), d.maxBodyBytes, 1),
    upstreamTimeoutMs: integer("--upstream-timeout", raw("upstream-timeout"), d.upstreamTimeoutMs, 1),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: integer("--keep-alive-timeout", raw("keep-alive-timeout"), d.keepAliveTimeoutMs, 1),
    maxConnections: integer("--max-connections", raw("max-connections"), d.maxConnections, 1),
    maxConnectionsPerClient: optionalInteger("--max-connections-per-client", raw("max-connections-per-client")),
    upstreamConnections: integer("--upstream-connections", raw("upstream-connections"), d.upstreamConnections, 1),
    trustedProxies: integer("--trusted-proxies", raw("trusted-proxies"), d.trustedProxies),
    logLevel: oneOf<LogLevel>("--log-level", raw("log-level"), ["debug", "info", "warn", "error"], d.logLevel),
  }
}
