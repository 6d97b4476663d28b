// scripts/demo.ts as a newcomer runs it: a busy port gives one line naming the port and the variable that moves it,
// and no process it started outlives it, whether it fails or is stopped with SIGTERM.
import { spawn } from "node:child_process"
import { readdirSync, readFileSync } from "node:fs"
import { createServer, type Server } from "node:net"
import { join } from "node:path"
import { freePort } from "@utdk/intercom-testing/prism"
import { describe, expect, it } from "vitest"

const repo = join(import.meta.dirname, "..", "..", "..")

interface Run {
  readonly pid: number
  readonly output: () => string
  readonly exited: Promise<number | null>
}

const runDemo = (env: Record<string, string>): Run => {
  const child = spawn(process.execPath, [join(repo, "scripts", "demo.ts")], {
    cwd: repo,
    env: { ...process.env, INTERCOM_ACCESS_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout.on("data", (c: Buffer) => (output += c.toString()))
  child.stderr.on("data", (c: Buffer) => (output += c.toString()))
  return {
    pid: child.pid!,
    output: () => output,
    exited: new Promise((done) => child.once("exit", (code) => done(code))),
  }
}

/** Processes whose command line mentions a port (Prism's `-p N`, the gateway's `--port N`). */
const processesOn = (port: number): Array<string> =>
  readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")
        return cmd.some((arg, i) => arg === String(port) && (cmd[i - 1] === "-p" || cmd[i - 1] === "--port"))
          ? [`${pid}: ${cmd.join(" ")}`]
          : []
      } catch {
        return [] // exited meanwhile
      }
    })

/** The parent of a process, or undefined once it exited. */
const parentOf = (pid: string): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)!.split(" ")[1]
  } catch {
    return undefined
  }
}

/** Whether `pid` runs below `ancestor` (its child, grandchild…). */
const descendsFrom = (pid: string, ancestor: number): boolean => {
  for (let at: string | undefined = pid, depth = 0; at !== undefined && at !== "0" && depth < 8; depth++) {
    at = parentOf(at)
    if (at === String(ancestor)) return true
  }
  return false
}

/** The Prism processes running (the stand-in router's children: `prism mock -p <port> <description>`). */
const prismProcesses = (): Array<string> =>
  readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")
        return cmd.includes("mock") && cmd.some((arg) => /prism/.test(arg)) ? [`${pid}: ${cmd.join(" ")}`] : []
      } catch {
        return [] // exited meanwhile
      }
    })

const occupy = (port: number): Promise<Server> =>
  new Promise((done) => {
    const server = createServer()
    server.listen(port, "127.0.0.1", () => done(server))
  })

describe("scripts/demo.ts", () => {
  it.each(["DOCS_PORT", "GATEWAY_PORT", "PRISM_PORT"])(
    "says in one line that %s is busy, and leaves nothing running",
    async (variable) => {
      const [docs, gateway, prism] = [await freePort(), await freePort(), await freePort()]
      const ports: Record<string, number> = { DOCS_PORT: docs, GATEWAY_PORT: gateway, PRISM_PORT: prism }
      const taken = await occupy(ports[variable]!)
      try {
        const run = runDemo(Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])))
        expect(await run.exited).toBe(1)
        const lines = run.output().trim().split("\n")
        expect(lines).toHaveLength(1)
        expect(lines[0]).toContain(`port ${ports[variable]}`)
        expect(lines[0]).toContain(`set ${variable} to a free port`)
        expect(run.output()).not.toContain("EADDRINUSE")
        expect([...processesOn(prism), ...processesOn(gateway)]).toEqual([])
      } finally {
        await new Promise((done) => taken.close(done))
      }
    },
  )

  it("prints a Try it link with the gateway filled in, and stops Prism and the gateway on SIGTERM", async () => {
    const [docs, gateway, prism] = [await freePort(), await freePort(), await freePort()]
    const run = runDemo({ DOCS_PORT: String(docs), GATEWAY_PORT: String(gateway), PRISM_PORT: String(prism) })
    await expect.poll(() => run.output(), { timeout: 90_000, interval: 200 }).toContain("Ctrl-C stops everything")
    expect(run.output()).toContain(
      `/operations/update-conversation/?gateway=${encodeURIComponent(`http://127.0.0.1:${gateway}`)}`,
    )
    expect(processesOn(gateway)).toHaveLength(1)
    // The stand-in router answers on PRISM_PORT and starts the Prism of the version a request names.
    const answer = await fetch(`http://127.0.0.1:${prism}/me`, {
      headers: { "intercom-version": "2.14", authorization: "Bearer demo" },
    })
    expect(answer.headers.get("x-stand-in-version")).toBe("2.14")
    // Only the demo's own (other tests of this run have their stand-ins too).
    const prisms = prismProcesses().filter((line) => descendsFrom(line.split(":")[0]!, run.pid))
    expect(prisms.length).toBeGreaterThanOrEqual(1)
    process.kill(run.pid, "SIGTERM")
    expect(await run.exited).toBe(0)
    expect([...processesOn(gateway), ...prismProcesses().filter((p) => prisms.includes(p))]).toEqual([])
    await expect(fetch(`http://127.0.0.1:${prism}/me`)).rejects.toThrow()
  }, 150_000)
})
