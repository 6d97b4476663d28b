/**
 * Node throughput: `updateConversation` through each client against the same local keep-alive server answering
 * the spec's ~2 KB conversation, 32 requests in flight. Rounds interleave the clients so that machine noise hits
 * them alike; the figure is the median requests/second per client and its ratio to raw `undici.request`. On a
 * shared machine the load swings within seconds (the server process may get a core or not), so many short rounds
 * (each client's slice next to the others') give steadier ratios than a few long ones.
 *
 *   node src/throughput.ts [--rounds 5] [--seconds 2]      prints one JSON line
 */
import { spawn } from "node:child_process"
import { once } from "node:events"
import { createInterface } from "node:readline"
import { parseArgs } from "node:util"
import { Agent, request } from "undici"
import { median, percentile, settle } from "./stats.ts"

export interface ThroughputResult {
  readonly concurrency: number
  readonly rounds: number
  readonly seconds: number
  readonly responseBytes: number
  /** client name -> median requests/second */
  readonly rps: Record<string, number>
  /** client name -> median of per-round ratios to raw undici */
  readonly ratio: Record<string, number>
  /** client name -> median main-thread CPU µs per request in the client process (the server runs apart) */
  readonly cpuUs: Record<string, number>
  /** client name -> requests/second of each round, in order (to see the spread the medians hide) */
  readonly perRound: Record<string, ReadonlyArray<number>>
  /** client name -> [25th, 75th] percentile of its per-round ratios to raw undici */
  readonly ratioSpread: Record<string, readonly [number, number]>
}

export type Call = () => Promise<unknown>
export interface Contender {
  readonly name: string
  readonly make: (baseUrl: string) => Promise<{ call: Call; close?: () => Promise<void> }>
}

const TOKEN = "bench-token"
export const CONCURRENCY = 32
const CONVERSATION_ID = "507"

// Raw undici and the SDK each get a pool of their own with these same settings (the SDK through its `dispatcher`
// option), so neither reuses the other's warm connections nor runs under different keep-alive rules.
const poolOptions = { keepAliveTimeout: 60_000 } satisfies Agent.Options

export const contenders: ReadonlyArray<Contender> = [
  {
    name: "undici.request (raw)",
    make: async (baseUrl) => {
      const dispatcher = new Agent(poolOptions)
      const url = `${baseUrl}/conversations/${CONVERSATION_ID}`
      const call = async () => {
        const res = await request(url, {
          method: "PUT",
          dispatcher,
          headers: {
            authorization: `Bearer ${TOKEN}`,
            accept: "application/json",
            "content-type": "application/json",
            "intercom-version": "2.16",
          },
          body: JSON.stringify({ read: true }),
        })
        if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`)
        return res.body.json()
      }
      return { call, close: () => dispatcher.close() }
    },
  },
  {
    name: "@utdk/intercom",
    make: async (baseUrl) => {
      const { Intercom } = (await import("@utdk/intercom")) as any
      const dispatcher = new Agent(poolOptions)
      const intercom = new Intercom({ token: TOKEN, baseUrl, dispatcher })
      return {
        call: () => intercom.updateConversation({ conversation_id: CONVERSATION_ID, read: true }),
        close: () => dispatcher.close(),
      }
    },
  },
  {
    name: "intercom-client 7.0.3",
    make: async (baseUrl) => {
      const { IntercomClient } = await import("intercom-client")
      const client = new IntercomClient({ token: TOKEN, baseUrl })
      return { call: () => client.conversations.update({ conversation_id: CONVERSATION_ID, read: true }) }
    },
  },
]

/**
 * Runs `call` from `concurrency` loops until the deadline; returns completed requests per second and the client
 * thread's CPU µs per request (what the client itself costs, whatever the server's speed).
 */
const drive = async (call: Call, ms: number): Promise<{ readonly rps: number; readonly cpuUs: number }> => {
  let done = 0
  const cpu = process.threadCpuUsage()
  const start = performance.now()
  const deadline = start + ms
  const loop = async () => {
    while (performance.now() < deadline) {
      await call()
      done++
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, loop))
  const rps = done / ((performance.now() - start) / 1000)
  const spent = process.threadCpuUsage(cpu)
  return { rps, cpuUs: (spent.user + spent.system) / done }
}

/** Starts `src/server.ts` in its own process and waits for its port. */
export const startServer = async () => {
  const child = spawn(process.execPath, [new URL("./server.ts", import.meta.url).pathname], {
    stdio: ["pipe", "pipe", "inherit"],
  })
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string]
  const { port } = JSON.parse(line) as { port: number }
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => void child.stdin!.end() }
}

export const runThroughput = async (
  rounds: number,
  seconds: number,
  skip: ReadonlyArray<string> = [],
): Promise<ThroughputResult> => {
  const server = await startServer()
  try {
    const probe = await fetch(`${server.baseUrl}/conversations/${CONVERSATION_ID}`, { method: "PUT", body: "{}" })
    const responseBytes = (await probe.arrayBuffer()).byteLength
    const clients: Array<{ name: string; call: Call; close?: () => Promise<void> }> = []
    for (const c of contenders) {
      if (skip.includes(c.name)) continue
      const client = await c.make(server.baseUrl)
      const check = (await client.call()) as { id?: unknown }
      if (check?.id !== "507") {
        throw new Error(
          `bench: ${c.name} did not return the conversation (got ${JSON.stringify(check)?.slice(0, 200)})`,
        )
      }
      await drive(client.call, 500) // warm-up: JIT, connection pool
      clients.push({ name: c.name, ...client })
    }
    const samples = new Map<string, Array<number>>(clients.map((c) => [c.name, []]))
    const ratios = new Map<string, Array<number>>(clients.map((c) => [c.name, []]))
    const cpu = new Map<string, Array<number>>(clients.map((c) => [c.name, []]))
    for (let round = 0; round < rounds; round++) {
      // Rotate the order so no client always runs first (or right after the GC-heavy one).
      const order = clients.map((_, i) => clients[(i + round) % clients.length]!)
      const thisRound = new Map<string, number>()
      for (const c of order) {
        await settle()
        const { rps, cpuUs } = await drive(c.call, seconds * 1000)
        samples.get(c.name)!.push(rps)
        cpu.get(c.name)!.push(cpuUs)
        thisRound.set(c.name, rps)
      }
      const base = thisRound.get(contenders[0]!.name)!
      for (const [name, rps] of thisRound) ratios.get(name)!.push(rps / base)
    }
    for (const c of clients) await c.close?.()
    return {
      concurrency: CONCURRENCY,
      rounds,
      seconds,
      responseBytes,
      rps: Object.fromEntries([...samples].map(([k, v]) => [k, median(v)])),
      ratio: Object.fromEntries([...ratios].map(([k, v]) => [k, median(v)])),
      cpuUs: Object.fromEntries([...cpu].map(([k, v]) => [k, median(v)])),
      perRound: Object.fromEntries([...samples].map(([k, v]) => [k, v.map(Math.round)])),
      ratioSpread: Object.fromEntries(
        [...ratios].map(([k, v]) => [k, [percentile(v, 25), percentile(v, 75)] as const]),
      ),
    }
  } finally {
    server.stop()
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "5" },
      seconds: { type: "string", default: "2" },
      skip: { type: "string", multiple: true, default: [] },
    },
  })
  console.log(JSON.stringify(await runThroughput(Number(values.rounds), Number(values.seconds), values.skip)))
}
