#!/usr/bin/env node
/**
 * `intercom-gateway`: serves the credential-injecting gateway. Flags and environment variables: the package README's
 * Options section, or `intercom-gateway --help` (both from `src/Options.ts`).
 *
 * @since 0.1.0
 */
import { GatewayConfigError, parseGatewayConfig, usage } from "../node/config.ts"

const main = async (): Promise<void> => {
  let config
  try {
    config = parseGatewayConfig(process.argv.slice(2), process.env)
  } catch (error) {
    if (error instanceof GatewayConfigError || (error instanceof Error && "code" in error && error.code === "ENOENT")) {
      process.stderr.write(`intercom-gateway: ${error.message}\n\n${usage}`)
      process.exit(2)
    }
    throw error
  }
  if (config === "help") {
    process.stdout.write(usage)
    return
  }
  // Loaded after the configuration is checked: `--help` and refused flags answer without loading the registry.
  const { runGateway } = await import("../node/run.ts")
  const running = await runGateway(config)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    // Through the gateway's logger: its lines are batched, and a direct write could overtake the pending ones.
    running.logger.log({ level: "info", event: "stopping", signal })
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on("SIGINT", () => stop("SIGINT"))
  process.on("SIGTERM", () => stop("SIGTERM"))
}

main().catch((error: unknown) => {
  // Never print the error object as is: a config error message is safe, a stack with values might not be.
  process.stderr.write(`intercom-gateway: failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
