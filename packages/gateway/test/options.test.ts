// The options table is the one source of the parser, the --help text and the README section: each row is read by
// the parser, and the README shows what the table says.
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { gatewayDefaults, gatewayOptions, type GatewayOption } from "../src/Options.ts"
import { parseGatewayConfig, usage } from "../src/node/config.ts"
import { readmeUrl, renderReadme } from "../scripts/options-readme.ts"

const base = { INTERCOM_ACCESS_TOKEN: "t" }
const secret = "s".repeat(32)

// A valid value other than the default for each option, and what else the option needs to take effect.
const sample = (option: GatewayOption): { value: string; env?: Record<string, string> } => {
  switch (option.flag) {
    case "region":
      return { value: "eu" }
    case "host":
      return { value: "0.0.0.0" }
    case "upstream":
      return { value: "https://api.eu.intercom.io" }
    case "allow-origin":
      return { value: "https://a.example,https://b.example" }
    case "credentials":
      return { value: "session", env: { GATEWAY_SESSION_SECRET: secret } }
    case "token-file":
      return { value: "/run/token" }
    case "session-secret-file":
      return { value: "/run/secret", env: { GATEWAY_CREDENTIALS: "session" } }
    case "session-ttl":
      return { value: "7", env: { GATEWAY_CREDENTIALS: "session", GATEWAY_SESSION_SECRET: secret } }
    case "redis-url":
      return { value: "redis://127.0.0.1:1" }
    case "log-level":
      return { value: "debug" }
    case "default-version":
      return { value: "2.14" }
    case "request-timeout":
      return { value: "60000" }
    case "allow-loopback-upstream":
      return { value: "1", env: { GATEWAY_UPSTREAM: "http://127.0.0.1:4010" } }
    default:
      return { value: option.value === undefined ? "1" : "7" }
  }
}
const readFile = (path: string) => `${path}-${secret}\n`
// The configuration, or the refusal's message (an option can turn a refused configuration into an accepted one).
const outcome = (argv: ReadonlyArray<string>, env: Record<string, string>) => {
  try {
    return parseGatewayConfig(argv, env, readFile)
  } catch (error) {
    return String(error)
  }
}

describe("gateway options", () => {
  it("the README's options section is the table's rendering", () => {
    const readme = readFileSync(readmeUrl, "utf8")
    expect(renderReadme(readme), "run node packages/gateway/scripts/options-readme.ts").toBe(readme)
  })

  it("--help names every flag and variable of the table", () => {
    for (const option of gatewayOptions) {
      expect(usage).toContain(`--${option.flag}`)
      for (const name of [...option.env, ...(option.secretEnv ? [option.secretEnv] : [])]) expect(usage).toContain(name)
    }
  })

  it("without flags or variables, the configuration is the table's defaults", () => {
    const config = parseGatewayConfig([], base, readFile)
    expect(config).toMatchObject({
      host: gatewayDefaults.host,
      port: gatewayDefaults.port,
      allowedOrigins: gatewayDefaults.allowedOrigins,
      rateLimit: gatewayDefaults.rateLimit,
      maxBodyBytes: gatewayDefaults.maxBodyBytes,
      upstreamTimeoutMs: gatewayDefaults.upstreamTimeoutMs,
      headersTimeoutMs: gatewayDefaults.headersTimeoutMs,
      requestTimeoutMs: gatewayDefaults.requestTimeoutMs,
      keepAliveTimeoutMs: gatewayDefaults.keepAliveTimeoutMs,
      maxConnections: gatewayDefaults.maxConnections,
      upstreamConnections: gatewayDefaults.upstreamConnections,
      trustedProxies: gatewayDefaults.trustedProxies,
      logLevel: gatewayDefaults.logLevel,
      credentials: { mode: gatewayDefaults.credentials },
    })
  })

  it.each(gatewayOptions.map((o) => [o.flag, o] as const))(
    "--%s and each of its variables change the configuration",
    (_flag, option) => {
      const { value, env = {} } = sample(option)
      const before = outcome([], { ...base, ...env })
      for (const name of option.env) {
        const after = outcome([], { ...base, ...env, [name]: value })
        expect(typeof after, `${name}: ${String(after)}`).toBe("object")
        expect(after, name).not.toEqual(before)
      }
      const args = option.value === undefined ? [`--${option.flag}`] : [`--${option.flag}`, value.split(",")[0]!]
      const flagged = outcome(args, { ...base, ...env })
      expect(typeof flagged, `--${option.flag}: ${String(flagged)}`).toBe("object")
      expect(flagged, `--${option.flag}`).not.toEqual(before)
    },
  )
})
