/**
 * Where the throughput bench's client CPU goes besides the code itself: the bytes each request allocates and the
 * young-generation collections (scavenges) they cost, raw `undici.request` against @utdk/intercom, same server, same
 * 32 requests in flight as src/throughput.ts. V8's sampling heap profiler, keeping the objects the GC collected, gives
 * the bytes allocated (by function; grouped here by where the function lives); `PerformanceObserver` counts the
 * scavenges. Rounds interleave the two clients.
 *
 *   node --expose-gc src/allocations.ts [--rounds 3] [--requests 20000] [--top 12]     prints one JSON line
 */
import { Session } from "node:inspector/promises"
import { PerformanceObserver } from "node:perf_hooks"
import { parseArgs } from "node:util"
import { type Call, CONCURRENCY, contenders, startServer } from "./throughput.ts"
import { median, settle } from "./stats.ts"

export interface AllocationResult {
  readonly requests: number
  readonly rounds: number
  /** client name -> median bytes allocated per request */
  readonly bytes: Record<string, number>
  /** client name -> median scavenges per 10,000 requests */
  readonly scavenges: Record<string, number>
  /** client name -> median main-thread CPU µs per request (the heap profiler's sampling included) */
  readonly cpuUs: Record<string, number>
  /** client name -> bytes per request by where the allocating function lives (all rounds, averaged) */
  readonly byPlace: Record<string, Record<string, number>>
  /** client name -> its largest allocating functions, bytes per request (all rounds, averaged) */
  readonly top: Record<string, ReadonlyArray<readonly [string, number]>>
}

interface ProfileNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  readonly selfSize: number
  readonly children: ReadonlyArray<ProfileNode>
}

/** Where a function lives, from its script's URL. */
const placeOf = (url: string): string =>
  url.includes("/undici/")
    ? "undici"
    : url.includes("@utdk") || url.includes("/packages/")
    ? "@utdk/intercom"
    : url.startsWith("node:")
    ? "Node's own JavaScript (streams, net, timers, events)"
    : url === ""
    ? "V8 builtins (Map, Object.keys, JSON.parse inside them...)"
    : "the bench's call function"

const drive = async (call: Call, requests: number): Promise<void> => {
  let left = requests
  const loop = async () => {
    while (left-- > 0) await call()
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, loop))
}

export const runAllocations = async (rounds: number, requests: number, topCount: number): Promise<AllocationResult> => {
  const server = await startServer()
  const session = new Session()
  session.connect()
  let scavenges = 0
  const observer = new PerformanceObserver((list) => {
    // kind 1: NODE_PERFORMANCE_GC_MINOR (a scavenge)
    for (const entry of list.getEntries()) if ((entry as { detail?: { kind?: number } }).detail?.kind === 1) scavenges++
  })
  observer.observe({ entryTypes: ["gc"] })
  try {
    const clients: Array<{ name: string; call: Call; close?: () => Promise<void> }> = []
    for (const c of contenders.slice(0, 2)) {
      const client = await c.make(server.baseUrl)
      await drive(client.call, requests) // warm-up: JIT, connection pool
      clients.push({ name: c.name, ...client })
    }
    const bytes = new Map<string, Array<number>>(clients.map((c) => [c.name, []]))
    const minor = new Map<string, Array<number>>(clients.map((c) => [c.name, []]))
    const cpu = new Map<string, Array<number>>(clients.map((c) => [c.name, []]))
    const byFunction = new Map<string, Map<string, number>>(clients.map((c) => [c.name, new Map()]))
    for (let round = 0; round < rounds; round++) {
      for (const c of round % 2 === 0 ? clients : [...clients].reverse()) {
        await settle()
        await session.post("HeapProfiler.startSampling", {
          samplingInterval: 64,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        })
        scavenges = 0
        const started = process.threadCpuUsage()
        await drive(c.call, requests)
        const spent = process.threadCpuUsage(started)
        // Lets the observer see the last collections.
        await new Promise((resolve) => setTimeout(resolve, 0))
        const { profile } = (await session.post("HeapProfiler.stopSampling")) as unknown as {
          profile: { head: ProfileNode }
        }
        let total = 0
        const functions = byFunction.get(c.name)!
        const walk = (node: ProfileNode) => {
          const { functionName, url, lineNumber } = node.callFrame
          const key = `${placeOf(url)}\t${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${
            lineNumber + 1
          }`
          functions.set(key, (functions.get(key) ?? 0) + node.selfSize / requests / rounds)
          total += node.selfSize
          for (const child of node.children) walk(child)
        }
        walk(profile.head)
        bytes.get(c.name)!.push(total / requests)
        minor.get(c.name)!.push((scavenges * 10_000) / requests)
        cpu.get(c.name)!.push((spent.user + spent.system) / requests)
      }
    }
    for (const c of clients) await c.close?.()
    const byPlace: Record<string, Record<string, number>> = {}
    const top: Record<string, ReadonlyArray<readonly [string, number]>> = {}
    for (const [name, functions] of byFunction) {
      const places: Record<string, number> = {}
      for (const [key, perRequest] of functions) {
        const place = key.split("\t")[0]!
        places[place] = (places[place] ?? 0) + perRequest
      }
      byPlace[name] = Object.fromEntries(Object.entries(places).map(([k, v]) => [k, Math.round(v)]))
      top[name] = [...functions]
        .sort((a, b) => b[1] - a[1])
        .slice(0, topCount)
        .map(([key, perRequest]) => [key.replace("\t", ": "), Math.round(perRequest)] as const)
    }
    const medians = (m: Map<string, Array<number>>) => Object.fromEntries([...m].map(([k, v]) => [k, median(v)]))
    return { requests, rounds, bytes: medians(bytes), scavenges: medians(minor), cpuUs: medians(cpu), byPlace, top }
  } finally {
    observer.disconnect()
    session.disconnect()
    server.stop()
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "3" },
      requests: { type: "string", default: "20000" },
      top: { type: "string", default: "12" },
    },
  })
  console.log(JSON.stringify(await runAllocations(Number(values.rounds), Number(values.requests), Number(values.top))))
}
