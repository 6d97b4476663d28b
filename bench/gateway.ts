/**
 * Gateway overhead: `updateConversation` (PUT /conversations/123) sent straight to a local stub of Intercom and
 * sent through `intercom-gateway` in front of the same stub, measured in one run with interleaved rounds.
 *
 * - latency: one request in flight, undici client, per-request wall time; p50/p99 per path and the added latency.
 * - throughput: autocannon, `--connections` in flight for `--seconds` per round; median req/s and the ratio.
 * - CPU per request of each server process (from /proc) during its throughput window; the proxy's and the gateway's
 *   windows run back to back in alternating order, and the CPU ratio is the median of the per-round ratios.
 *
 * The stub (src/server.ts) and the gateway (the built bin, default flags except the loopback upstream and no rate
 * limit, info logs drained) each run in their own process; the client runs here.
 *
 *   node gateway.ts [--quick] [--rounds N] [--seconds S] [--latency-requests N] [--connections N]
 *
 * Needs `pnpm build` (it runs packages/gateway/dist/bin/intercom-gateway.js). Prints a table, then one JSON line.
 */
import { freePort } from "@utdk/intercom-testing/prism"
import { spawn, type ChildProcess } from "node:child_process"
import { once } from "node:events"
import { readFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { Client } from "undici"
import { fixed, median, percentile, settle } from "./src/stats.ts"

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rounds: { type: "string" },
    seconds: { type: "string" },
    "latency-requests": { type: "string" },
    connections: { type: "string", default: "16" },
  },
})
const rounds = Number(values.rounds ?? (values.quick ? 2 : 5))
const seconds = Number(values.seconds ?? (values.quick ? 2 : 3))
const latencyRequests = Number(values["latency-requests"] ?? (values.quick ? 500 : 1200))
const connections = Number(values.connections)

// autocannon ships no types: the part used here.
interface AutocannonResult {
  readonly errors: number
  readonly non2xx: number
  readonly duration: number
  readonly requests: { readonly total: number }
  readonly statusCodeStats: Record<string, { readonly count: number }>
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string
  connections: number
  duration: number
  method: string
  headers: Record<string, string>
  body: string
}) => Promise<AutocannonResult>

const TOKEN = "bench-token-0123456789abcdef"
const body = JSON.stringify({ read: true })
const headers = { "content-type": "application/json", "intercom-version": "2.16" }

const drained = (child: ChildProcess) => {
  child.stdout?.resume()
  return child
}

const startStub = async (): Promise<{ url: string; child: ChildProcess }> => {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./src/server.ts", import.meta.url))], {
    stdio: ["pipe", "pipe", "inherit"],
  })
  const [line] = (await once(child.stdout!, "data")) as [Buffer]
  const { port } = JSON.parse(line.toString()) as { port: number }
  drained(child)
  return { url: `http://127.0.0.1:${port}`, child }
}

// The baseline: a minimal undici reverse proxy in its own process, in front of the same stub.
const startBaselineProxy = async (upstream: string): Promise<{ url: string; child: ChildProcess }> => {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./src/undiciProxy.ts", import.meta.url)), upstream], {
    stdio: ["ignore", "pipe", "inherit"],
  })
  const [line] = (await once(child.stdout!, "data")) as [Buffer]
  const { port } = JSON.parse(line.toString()) as { port: number }
  drained(child)
  return { url: `http://127.0.0.1:${port}`, child }
}

const startGateway = async (upstream: string): Promise<{ url: string; child: ChildProcess }> => {
  const port = await freePort()
  const bin = fileURLToPath(new URL("../packages/gateway/dist/bin/intercom-gateway.js", import.meta.url))
  const child = drained(
    spawn(process.execPath, [
      bin,
      "--port",
      String(port),
      "--upstream",
      upstream,
      "--allow-loopback-upstream",
      "--rate-limit",
      "0",
    ], {
      env: { ...process.env, INTERCOM_ACCESS_TOKEN: TOKEN },
      stdio: ["ignore", "pipe", "inherit"],
    }),
  )
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`intercom-gateway exited with ${child.exitCode}`)
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false)
    if (ok) return { url, child }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error("intercom-gateway did not start")
}

/** Sequential requests on one keep-alive connection: per-request latency in milliseconds. */
const latencies = async (url: string, count: number): Promise<Array<number>> => {
  const client = new Client(url, { keepAliveTimeout: 60_000 })
  const out: Array<number> = []
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now()
      const response = await client.request({ method: "PUT", path: "/conversations/123", headers, body })
      await response.body.arrayBuffer()
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode} from ${url}`)
      out.push(performance.now() - started)
    }
  } finally {
    await client.close()
  }
  return out
}

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux). */
const cpuMs = (pid: number | undefined): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in clock ticks of 10 ms
  } catch {
    return Number.NaN
  }
}

/** req/s, plus CPU microseconds per request spent by each of `processes` during the run. */
const throughput = async (
  url: string,
  processes: ReadonlyArray<ChildProcess>,
): Promise<{ rps: number; cpuUs: Array<number> }> => {
  const before = processes.map((p) => cpuMs(p.pid))
  const result = await autocannon({
    url: `${url}/conversations/123`,
    connections,
    duration: seconds,
    method: "PUT",
    headers,
    body,
  })
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `autocannon against ${url}: ${result.errors} errors, ${result.non2xx} non-2xx ${
        JSON.stringify(result.statusCodeStats)
      }`,
    )
  }
  const cpuUs = processes.map((p, i) => ((cpuMs(p.pid) - before[i]!) * 1000) / result.requests.total)
  return { rps: result.requests.total / (result.duration || seconds), cpuUs }
}

const stub = await startStub()
const gateway = await startGateway(stub.url)
const proxy = await startBaselineProxy(stub.url)
try {
  // Warm every path (JIT, pools) before measuring.
  await latencies(stub.url, 200)
  await latencies(gateway.url, 200)
  await latencies(proxy.url, 200)
  const viaProxy: Array<number> = []
  const proxyRps: Array<number> = []
  const proxyCpuUs: Array<number> = []

  const direct: Array<number> = []
  const viaGateway: Array<number> = []
  const directRps: Array<number> = []
  const gatewayRps: Array<number> = []
  const ratios: Array<number> = []
  const cpuRatios: Array<number> = []
  const loadBefore = loadavg()[0]!
  const stubCpuUs: Array<number> = []
  const gatewayCpuUs: Array<number> = []
  for (let round = 0; round < rounds; round++) {
    await settle()
    direct.push(...(await latencies(stub.url, latencyRequests)))
    await settle()
    viaGateway.push(...(await latencies(gateway.url, latencyRequests)))
    await settle()
    viaProxy.push(...(await latencies(proxy.url, latencyRequests)))
    await settle()
    const d = await throughput(stub.url, [stub.child])
    // The proxy and the gateway back to back, in alternating order: on a shared machine the load changes from one
    // window to the next, and the CPU ratio is taken within each round.
    let p: { rps: number; cpuUs: Array<number> }
    let g: { rps: number; cpuUs: Array<number> }
    await settle()
    if (round % 2 === 0) {
      p = await throughput(proxy.url, [proxy.child])
      await settle()
      g = await throughput(gateway.url, [gateway.child])
    } else {
      g = await throughput(gateway.url, [gateway.child])
      await settle()
      p = await throughput(proxy.url, [proxy.child])
    }
    proxyRps.push(p.rps)
    proxyCpuUs.push(p.cpuUs[0]!)
    directRps.push(d.rps)
    gatewayRps.push(g.rps)
    ratios.push(g.rps / d.rps)
    stubCpuUs.push(d.cpuUs[0]!)
    gatewayCpuUs.push(g.cpuUs[0]!)
    cpuRatios.push(g.cpuUs[0]! / p.cpuUs[0]!)
  }
  const figures = {
    directP50Ms: percentile(direct, 50),
    directP99Ms: percentile(direct, 99),
    gatewayP50Ms: percentile(viaGateway, 50),
    gatewayP99Ms: percentile(viaGateway, 99),
    addedP50Ms: percentile(viaGateway, 50) - percentile(direct, 50),
    addedP99Ms: percentile(viaGateway, 99) - percentile(direct, 99),
    directRps: median(directRps),
    gatewayRps: median(gatewayRps),
    throughputRatio: median(ratios),
    stubCpuUsPerRequest: median(stubCpuUs),
    gatewayCpuUsPerRequest: median(gatewayCpuUs),
    proxyP50Ms: percentile(viaProxy, 50),
    proxyP99Ms: percentile(viaProxy, 99),
    proxyAddedP50Ms: percentile(viaProxy, 50) - percentile(direct, 50),
    proxyRps: median(proxyRps),
    proxyCpuUsPerRequest: median(proxyCpuUs),
    gatewayVsProxyCpu: median(cpuRatios),
    gatewayVsProxyCpuPerRound: cpuRatios,
    loadAverage1m: [loadBefore, loadavg()[0]!],
    rounds,
    seconds,
    connections,
    latencyRequests: latencyRequests * rounds,
  }
  const markdown = [
    `\`updateConversation\` (PUT /conversations/123) to a local stub (separate process) directly and through`,
    `\`intercom-gateway\` (separate process, default flags, info logs) in front of the same stub; ${rounds} interleaved`,
    `rounds. Latency: one request in flight, ${latencyRequests * rounds} requests per path. Throughput: autocannon,`,
    `${connections} connections, ${seconds} s per round, median.`,
    "",
    "The baseline is a minimal undici reverse proxy (bench/src/undiciProxy.ts: no policy, same process layout).",
    "",
    "| figure | direct | via baseline proxy | via gateway | gateway adds / ratio |",
    "| --- | ---: | ---: | ---: | ---: |",
    `| latency p50 | ${fixed(figures.directP50Ms, 3)} ms | ${fixed(figures.proxyP50Ms, 3)} ms | ${
      fixed(figures.gatewayP50Ms, 3)
    } ms | +${fixed(figures.addedP50Ms, 3)} ms over direct (proxy: +${fixed(figures.proxyAddedP50Ms, 3)} ms) |`,
    `| latency p99 | ${fixed(figures.directP99Ms, 3)} ms | ${fixed(figures.proxyP99Ms, 3)} ms | ${
      fixed(figures.gatewayP99Ms, 3)
    } ms | +${fixed(figures.addedP99Ms, 3)} ms over direct |`,
    `| throughput | ${Math.round(figures.directRps)} req/s | ${Math.round(figures.proxyRps)} req/s | ${
      Math.round(figures.gatewayRps)
    } req/s | ${fixed(figures.throughputRatio)}x of direct |`,
    `| CPU per request (server process) | ${Math.round(figures.stubCpuUsPerRequest)} µs (stub) | ${
      Math.round(figures.proxyCpuUsPerRequest)
    } µs (proxy) | ${Math.round(figures.gatewayCpuUsPerRequest)} µs (gateway) | ${
      fixed(figures.gatewayVsProxyCpu)
    }x the proxy (goal ≤ 1.5x) |`,
    "",
    `CPU ratio per round (gateway / proxy, back to back): ${
      cpuRatios.map((r) => fixed(r)).join(", ")
    }; the figure is their median.`,
    `Load average (1 min) ${fixed(figures.loadAverage1m[0]!, 1)} → ${
      fixed(figures.loadAverage1m[1]!, 1)
    } on ${cpus().length} cores.`,
    "",
    "All processes share the machine's cores: through the gateway, three busy processes (client, gateway, stub) share",
    "what two share when calling the stub directly, so the throughput ratio understates a gateway on its own cores;",
    "CPU per request is the figure that does not depend on that.",
  ].join("\n")
  process.stderr.write(`${markdown}\n`)
  process.stdout.write(`${JSON.stringify({ ...figures, markdown })}\n`)
} finally {
  stub.child.stdin?.end()
  stub.child.kill("SIGTERM")
  gateway.child.kill("SIGTERM")
  proxy.child.kill("SIGTERM")
}
