/**
 * Cold start of a real program: a fresh `node` process imports the SDK, makes one call to a local HTTP server and
 * exits, against intercom-client doing the same (same server, same answer), interleaved, median wall time. The
 * server runs in this process; each child is timed from spawn to exit.
 *
 *   node src/firstCall.ts [--runs 11]      prints one JSON line
 */
import { spawn } from "node:child_process"
import { createServer } from "node:http"
import { parseArgs } from "node:util"
import { median } from "./stats.ts"

export interface FirstCallResult {
  readonly runs: number
  /** median wall ms of `node` doing nothing */
  readonly emptyMs: number
  /** program -> median wall ms of import + first call (the empty process subtracted) */
  readonly ms: Record<string, number>
}

const cwd = new URL("..", import.meta.url).pathname

const programs = (url: string): Record<string, string> => ({
  "@utdk/intercom": [
    `import { Intercom } from "@utdk/intercom"`,
    `const intercom = new Intercom({ token: "t", baseUrl: ${JSON.stringify(url)}, maxRetries: 0 })`,
    `const me = await intercom.identifyAdmin()`,
    `if (me.id !== "1") throw new Error("unexpected answer")`,
  ].join("\n"),
  "intercom-client": [
    `import { IntercomClient } from "intercom-client"`,
    `const intercom = new IntercomClient({ token: "t", baseUrl: ${JSON.stringify(url)}, maxRetries: 0 })`,
    `const me = await intercom.admins.identify()`,
    `if (me?.id !== "1") throw new Error("unexpected answer")`,
  ].join("\n"),
})

const admin = JSON.stringify({ type: "admin", id: "1", name: "Ann", email: "ann@example.com", email_verified: true })

const spawnTimed = async (code: string): Promise<number> => {
  const start = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], {
      cwd,
      stdio: ["ignore", "ignore", "pipe"],
    })
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.on(
      "exit",
      (
        status,
      ) => (status === 0 ? resolve(performance.now() - start) : reject(new Error(`bench: program failed: ${stderr}`))),
    )
  })
}

export const runFirstCall = async (runs: number): Promise<FirstCallResult> => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" })
    res.end(admin)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`
  try {
    const entries = Object.entries(programs(url))
    // The server answers while the child runs, so children are spawned asynchronously (spawnSync would block it).
    await spawnTimed("")
    for (const [, code] of entries) await spawnTimed(code)
    const empty: Array<number> = []
    const totals = new Map<string, Array<number>>(entries.map(([name]) => [name, []]))
    for (let i = 0; i < runs; i++) {
      empty.push(await spawnTimed(""))
      for (const [name, code] of entries) totals.get(name)!.push(await spawnTimed(code))
    }
    const emptyMs = median(empty)
    return { runs, emptyMs, ms: Object.fromEntries([...totals].map(([k, v]) => [k, Math.max(0, median(v) - emptyMs)])) }
  } finally {
    server.close()
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "11" } } })
  console.log(JSON.stringify(await runFirstCall(Number(values.runs))))
}
