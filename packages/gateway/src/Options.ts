/**
 * The gateway's options as one table: each row's flag, environment variables, default and description. The Node
 * server's parser and `--help` text (`node/config.ts`), the web handler's defaults (`Gateway.ts`) and the README's
 * Options section (`scripts/options-readme.ts`) are all produced from it. Plain data, no Node API.
 *
 * @since 0.2.0
 */
import { defaultRegion, envVars, regions } from "@utdk/intercom-core/Facts"
import { newestVersion } from "@utdk/intercom-core/Versions"

/** The defaults, as values (the table shows them as text). @category constants */
export const gatewayDefaults = {
  port: 8787,
  host: "127.0.0.1",
  /** The `Intercom-Version` sent when a request names none: the newest numbered version. */
  defaultVersion: newestVersion,
  /** The docs site in development (`astro dev`). */
  allowedOrigins: ["http://localhost:4321"] as ReadonlyArray<string>,
  credentials: "server",
  sessionTtlSeconds: 3600,
  rateLimit: { requests: 120, windowSeconds: 60 },
  maxBodyBytes: 1024 * 1024,
  upstreamTimeoutMs: 30_000,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
  maxConnectionsPerClient: 64,
  upstreamConnections: 256,
  trustedProxies: 0,
  logLevel: "info",
} as const

/** One option of the gateway. @category models */
export interface GatewayOption {
  /** The flag without its dashes. */
  readonly flag: string
  /** What the flag takes (`<n>`); absent for a switch (on with the flag, or its variable set to `1`/`true`). */
  readonly value?: string
  /** The flag may be repeated; its variable holds a comma-separated list. */
  readonly list?: boolean
  /** Environment variables read when the flag is absent, the first one set wins. */
  readonly env: ReadonlyArray<string>
  /** For a file holding a secret: the variable holding the secret itself when no file is named. */
  readonly secretEnv?: string
  /** The default as a reader sees it (the values: {@link gatewayDefaults}). */
  readonly default: string
  readonly description: string
}

const regionNames = Object.keys(regions).join("|")

/** Every option, in the order `--help` and the README list them. @category constants */
export const gatewayOptions: ReadonlyArray<GatewayOption> = [
  {
    flag: "port",
    value: "<n>",
    env: ["GATEWAY_PORT", "PORT"],
    default: String(gatewayDefaults.port),
    description: "listen port (`0` = any free port)",
  },
  {
    flag: "host",
    value: "<addr>",
    env: ["GATEWAY_HOST"],
    default: gatewayDefaults.host,
    description: "listen address; `0.0.0.0` to accept remote clients",
  },
  {
    flag: "region",
    value: `<${regionNames}>`,
    env: [envVars.region],
    default: defaultRegion,
    description: `Intercom region: ${Object.values(regions).map((origin) => `\`${origin}\``).join(", ")}`,
  },
  {
    flag: "upstream",
    value: "<origin>",
    env: ["GATEWAY_UPSTREAM"],
    default: "from region",
    description:
      "one of Intercom's regional origins, or a loopback mock (needs `--allow-loopback-upstream`); any other host is refused at start-up",
  },
  {
    flag: "default-version",
    value: "<v>",
    env: [envVars.version],
    default: `newest numbered (\`${gatewayDefaults.defaultVersion}\`)`,
    description:
      "the `Intercom-Version` sent when a request names none, so Intercom never falls back to the app's Developer Hub version",
  },
  {
    flag: "allow-loopback-upstream",
    env: ["GATEWAY_ALLOW_LOOPBACK_UPSTREAM"],
    default: "off",
    description: "allow `--upstream` on `127.0.0.0/8`, `localhost`, `[::1]` (Prism, tests)",
  },
  {
    flag: "allow-origin",
    value: "<origin>",
    list: true,
    env: ["GATEWAY_ALLOW_ORIGINS"],
    default: `${gatewayDefaults.allowedOrigins.join(", ")} (docs dev server)`,
    description: "exact browser origins allowed by CORS; `*` and `null` are refused",
  },
  {
    flag: "require-origin",
    env: ["GATEWAY_REQUIRE_ORIGIN"],
    default: "off",
    description: "refuse requests without `Origin` (browsers only)",
  },
  {
    flag: "credentials",
    value: "<server|session>",
    env: ["GATEWAY_CREDENTIALS"],
    default: gatewayDefaults.credentials,
    description: "`server`: inject the server token; `session`: visitors trade their token for a session key",
  },
  {
    flag: "token-file",
    value: "<path>",
    env: [envVars.tokenFile],
    secretEnv: envVars.token,
    default: "-",
    description: "the server token (server mode)",
  },
  {
    flag: "session-secret-file",
    value: "<path>",
    env: ["GATEWAY_SESSION_SECRET_FILE"],
    secretEnv: "GATEWAY_SESSION_SECRET",
    default: "-",
    description: "a secret of at least 32 bytes sealing visitor tokens (session mode); the same on every instance",
  },
  {
    flag: "session-ttl",
    value: "<s>",
    env: ["GATEWAY_SESSION_TTL"],
    default: String(gatewayDefaults.sessionTtlSeconds),
    description: "session lifetime",
  },
  {
    flag: "redis-url",
    value: "<url>",
    env: ["GATEWAY_REDIS_URL"],
    default: "in memory",
    description: "share sessions and rate-limit counters between instances through Redis",
  },
  {
    flag: "redis-optional",
    env: ["GATEWAY_REDIS_OPTIONAL"],
    default: "off",
    description: "when Redis is unreachable at start-up, run with the in-memory store instead of exiting with status 1",
  },
  {
    flag: "rate-limit",
    value: "<n>",
    env: ["GATEWAY_RATE_LIMIT"],
    default: String(gatewayDefaults.rateLimit.requests),
    description: "requests per client per window; `0` turns the limit off",
  },
  {
    flag: "rate-window",
    value: "<s>",
    env: ["GATEWAY_RATE_WINDOW"],
    default: String(gatewayDefaults.rateLimit.windowSeconds),
    description: "rate-limit window",
  },
  {
    flag: "max-body",
    value: "<bytes>",
    env: ["GATEWAY_MAX_BODY"],
    default: String(gatewayDefaults.maxBodyBytes),
    description: "request body cap (413 above)",
  },
  {
    flag: "upstream-timeout",
    value: "<ms>",
    env: ["GATEWAY_UPSTREAM_TIMEOUT_MS"],
    default: String(gatewayDefaults.upstreamTimeoutMs),
    description:
      "deadline for the whole upstream exchange: waiting for a connection, the answer and its body (504 before the answer starts; a streamed body is cut off after)",
  },
  {
    flag: "upstream-connections",
    value: "<n>",
    env: ["GATEWAY_UPSTREAM_CONNECTIONS"],
    default: String(gatewayDefaults.upstreamConnections),
    description:
      "connections to Intercom, and the most requests in flight; beyond, 503 with `Retry-After: 1` instead of an unbounded queue",
  },
  {
    flag: "headers-timeout",
    value: "<ms>",
    env: ["GATEWAY_HEADERS_TIMEOUT_MS"],
    default: String(gatewayDefaults.headersTimeoutMs),
    description: "time to receive request headers (slow clients get 408)",
  },
  {
    flag: "request-timeout",
    value: "<ms>",
    env: ["GATEWAY_REQUEST_TIMEOUT_MS"],
    default: String(gatewayDefaults.requestTimeoutMs),
    description: "time to receive a whole request",
  },
  {
    flag: "keep-alive-timeout",
    value: "<ms>",
    env: ["GATEWAY_KEEP_ALIVE_TIMEOUT_MS"],
    default: String(gatewayDefaults.keepAliveTimeoutMs),
    description: "idle keep-alive connections are closed after this",
  },
  {
    flag: "max-connections",
    value: "<n>",
    env: ["GATEWAY_MAX_CONNECTIONS"],
    default: String(gatewayDefaults.maxConnections),
    description: "simultaneous client connections",
  },
  {
    flag: "max-connections-per-client",
    value: "<n>",
    env: ["GATEWAY_MAX_CONNECTIONS_PER_CLIENT"],
    default: `${gatewayDefaults.maxConnectionsPerClient} (no cap with \`--trusted-proxies\`)`,
    description: "simultaneous connections from one peer address; one address cannot take every slot",
  },
  {
    flag: "trusted-proxies",
    value: "<n>",
    env: ["GATEWAY_TRUSTED_PROXIES"],
    default: String(gatewayDefaults.trustedProxies),
    description:
      "proxies in front that append to `X-Forwarded-For`; with `0` the header is ignored and the peer address is the client",
  },
  {
    flag: "log-level",
    value: "<debug|info|warn|error>",
    env: ["GATEWAY_LOG_LEVEL"],
    default: gatewayDefaults.logLevel,
    description: "the least severe log line written",
  },
]

const flagText = (option: GatewayOption): string => `--${option.flag}${option.value ? ` ${option.value}` : ""}`

const envText = (option: GatewayOption, code: (s: string) => string): string => {
  const names = option.env.map((name) => code(option.value ? name : `${name}=1`)).join(", ")
  const list = option.list ? " (comma-separated)" : ""
  return option.secretEnv ? `${names}, else ${code(option.secretEnv)}` : `${names}${list}`
}

const wrap = (text: string, width: number): Array<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === "" ? word : `${line} ${word}`
  }
  return [...lines, line]
}

/** The `--help` text of `intercom-gateway`. @category rendering */
export const renderUsage = (): string => {
  const indent = 30
  const rows = gatewayOptions.flatMap((option) => {
    const head = `  ${flagText(option)}${option.list ? " (repeatable)" : ""}`
    const plain = (s: string) => s.replaceAll("`", "")
    const text = `${plain(option.description)} (${envText(option, (s) => s)}; default ${plain(option.default)})`
    const [first = "", ...rest] = wrap(text, 118 - indent)
    const lines = head.length < indent ? [head.padEnd(indent) + first] : [head, " ".repeat(indent) + first]
    return [...lines, ...rest.map((line) => " ".repeat(indent) + line)]
  })
  return [
    "Usage: intercom-gateway [options]",
    "",
    "Forwards Intercom API operations (and nothing else) to Intercom, adding the Authorization header itself.",
    "Flags win over environment variables; secrets are read from the environment or from files only.",
    "",
    ...rows,
    `  ${"-h, --help".padEnd(indent - 2)}print this help`,
    "",
  ].join("\n")
}

/** The README's options table (Markdown). @category rendering */
export const renderOptionsTable = (): string => {
  const cell = (s: string) => s.replaceAll("|", "\\|")
  const code = (s: string) => `\`${s}\``
  return [
    "| flag | environment | default | meaning |",
    "| --- | --- | --- | --- |",
    ...gatewayOptions.map((option) => {
      const flag = `${code(cell(flagText(option)))}${option.list ? " (repeatable)" : ""}`
      const shown = option.default === "-"
        ? "—"
        : /^[\w.:/-]+$/.test(option.default) && !/^(off|from|in)\b/.test(option.default)
        ? code(option.default)
        : option.default
      return `| ${flag} | ${envText(option, code)} | ${cell(shown)} | ${cell(option.description)} |`
    }),
    "| `-h`, `--help` | | | print the options |",
  ].join("\n")
}
