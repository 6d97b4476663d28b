/**
 * Starts `intercom-gateway` (from @utdk/intercom-gateway's build) as a child process on 127.0.0.1, for the e2e test and the
 * demo. The token is passed in the environment, never on the command line.
 */
import { spawn } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { freePort } from "@utdk/intercom-testing/prism"

export interface RunningGateway {
  readonly url: string
  readonly stop: () => Promise<void>
}

const gatewayBin = (): string =>
  join(
    dirname(createRequire(import.meta.url).resolve("@utdk/intercom-gateway/package.json")),
    "dist",
    "bin",
    "intercom-gateway.js",
  )

export const startGateway = async (options: {
  /** Upstream origin; a loopback mock (Prism) is allowed explicitly. Omit for Intercom itself. */
  readonly upstream?: string | undefined
  /** `server`: the gateway injects `token`. `session`: visitors trade their own token for a session key. */
  readonly credentials?: { readonly mode: "server"; readonly token: string } | {
    readonly mode: "session"
    readonly secret: string
  }
  readonly allowOrigins: ReadonlyArray<string>
  readonly port?: number | undefined
  readonly log?: ((line: string) => void) | undefined
}): Promise<RunningGateway> => {
  const port = options.port ?? (await freePort())
  const args = [gatewayBin(), "--host", "127.0.0.1", "--port", String(port), "--rate-limit", "0", "--log-level", "warn"]
  if (options.upstream) args.push("--upstream", options.upstream, "--allow-loopback-upstream")
  for (const origin of options.allowOrigins) args.push("--allow-origin", origin)
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      ...(options.credentials?.mode === "session"
        ? {
          GATEWAY_CREDENTIALS: "session",
          GATEWAY_SESSION_SECRET: options.credentials.secret,
          INTERCOM_ACCESS_TOKEN: "",
        }
        : { GATEWAY_CREDENTIALS: "server", INTERCOM_ACCESS_TOKEN: options.credentials?.token ?? "" }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
    options.log?.(chunk.toString())
  }
  child.stdout.on("data", keep)
  child.stderr.on("data", keep)
  const url = `http://127.0.0.1:${port}`
  // Generous: loading the registry can take tens of seconds on a loaded 2-core CI machine.
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`intercom-gateway exited with code ${child.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL")
      throw new Error(`intercom-gateway did not answer on ${url}:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once("exit", () => done())
        child.kill("SIGTERM")
        setTimeout(() => child.kill("SIGKILL"), 3000).unref()
      }),
  }
}
