// Starts one Prism mock of one Intercom description on a free port of 127.0.0.1, and stops it.
import { spawn, type ChildProcess } from "node:child_process"
import { createRequire } from "node:module"
import { createServer } from "node:net"
import { dirname, join } from "node:path"
import { specPath } from "./spec.ts"
import { portOf } from "./listen.ts"

export interface RunningPrism {
  readonly url: string
  readonly port: number
  readonly stop: () => Promise<void>
}

/** Asks the kernel for a free port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const port = portOf(server)
      server.close(() => resolvePort(port))
    })
  })

const prismBin = (): string => {
  const require = createRequire(import.meta.url)
  const pkg = require.resolve("@stoplight/prism-cli/package.json")
  return join(dirname(pkg), "dist", "index.js")
}

const waitUntilUp = async (url: string, child: ChildProcess, log: () => string, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with code ${child.exitCode}:\n${log()}`)
    try {
      // Any HTTP answer (even 404/401) means Prism is listening and has loaded the spec.
      await fetch(`${url}/me`, { signal: AbortSignal.timeout(1000) })
      return
    } catch {
      await new Promise((r) => setTimeout(r, 150))
    }
  }
  child.kill("SIGKILL")
  throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${log()}`)
}

/**
 * Starts `prism mock` on the real Intercom description (of `version`, or the file `spec`), on 127.0.0.1 and a free
 * port; fails loudly if it does not come up. `startPrismRouter` (./prismRouter.ts) serves every version behind one URL.
 */
export const startPrism = async (
  options: { version?: string; spec?: string; port?: number; timeoutMs?: number } = {},
): Promise<RunningPrism> => {
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [
    prismBin(),
    "mock",
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    options.spec ?? specPath(options.version),
  ], {
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout?.on("data", keep)
  child.stderr?.on("data", keep)
  await waitUntilUp(url, child, () => output, options.timeoutMs ?? 60_000)
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done()
      child.once("exit", () => done())
      child.kill("SIGTERM")
      setTimeout(() => child.kill("SIGKILL"), 3000).unref()
    })
  return { url, port, stop }
}
