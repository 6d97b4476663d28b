/**
 * `pnpm --filter @utdk/intercom-bench bench`: runs every benchmark, each in a fresh `node` process (its baseline
 * and its subject share that process), and writes the figures to ../BENCHMARKS.md.
 *
 *   node run.ts [--quick] [--only throughput,cpu,decode,import,firstCall,tsc,size,install,gateway] [--no-write]
 *
 * `cpu` runs src/cpu.ts (whole calls) and src/cpuParts.ts (the steps of one call).
 *
 * Needs the workspace packages built (`pnpm build`): the benches import them as a user would. `install` also needs
 * the npm registry.
 */
import { spawnSync } from "node:child_process"
import { existsSync, writeFileSync } from "node:fs"
import { cpus, platform, release } from "node:os"
import { parseArgs } from "node:util"
import { renderReport, type Results } from "./src/report.ts"

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    "no-write": { type: "boolean", default: false },
  },
})
const quick = values.quick
const only = values.only?.split(",")
const wanted = (name: string) => only === undefined || only.includes(name)
const here = new URL(".", import.meta.url).pathname

/** Runs one bench script in its own process; its last stdout line is its JSON result. */
const runScript = (name: string, script: string, args: Array<string>): unknown => {
  const started = performance.now()
  process.stderr.write(`bench: ${name} ...`)
  const r = spawnSync(process.execPath, ["--expose-gc", script, ...args], {
    cwd: here,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  })
  process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
  if (r.status !== 0) return { error: `exit ${r.status}: ${r.stdout.trim().split("\n").slice(-3).join(" ")}` }
  const lines = r.stdout.trim().split("\n")
  try {
    return JSON.parse(lines.at(-1)!)
  } catch {
    return { text: r.stdout.trim() }
  }
}

const results: Results = {}
if (wanted("throughput")) {
  results.throughput = runScript(
    "throughput",
    "src/throughput.ts",
    quick ? ["--rounds", "5", "--seconds", "0.5"] : ["--rounds", "15", "--seconds", "0.6"],
  ) as NonNullable<Results["throughput"]>
}
if (wanted("cpu")) {
  const cpuArgs = ["--rounds", quick ? "3" : "7", "--iterations", quick ? "3000" : "6000"]
  results.cpu = runScript("cpu", "src/cpu.ts", cpuArgs) as NonNullable<Results["cpu"]>
  results.cpuParts = runScript("cpu parts", "src/cpuParts.ts", cpuArgs) as NonNullable<Results["cpuParts"]>
}
if (wanted("decode")) {
  results.decode = runScript("decode", "src/decode.ts", quick ? ["--rounds", "3"] : ["--rounds", "7"]) as NonNullable<
    Results["decode"]
  >
}
if (wanted("import")) {
  results.coldImport = runScript("cold import", "src/coldImport.ts", ["--runs", quick ? "5" : "15"]) as NonNullable<
    Results["coldImport"]
  >
}
if (wanted("firstCall")) {
  results.firstCall = runScript("import + first call", "src/firstCall.ts", [
    "--runs",
    quick ? "5" : "11",
  ]) as NonNullable<Results["firstCall"]>
}
if (wanted("tsc")) {
  results.consumerTsc = runScript("consumer tsc", "src/consumerTsc.ts", ["--runs", quick ? "3" : "5"]) as NonNullable<
    Results["consumerTsc"]
  >
}
if (wanted("size")) results.size = runScript("bundle size", "src/size.ts", []) as NonNullable<Results["size"]>
if (wanted("install")) {
  results.installSize = runScript("install size", "src/installSize.ts", []) as NonNullable<Results["installSize"]>
}
if (wanted("gateway") && existsSync(`${here}gateway.ts`)) {
  results.gateway = runScript("gateway", "gateway.ts", quick ? ["--quick"] : [])
}

const command = `pnpm --filter @utdk/intercom-bench bench${quick ? " -- --quick" : ""}`
const machine = `Node ${process.version}, ${platform()} ${release()}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}`
const report = renderReport(results, { command, machine, date: new Date().toISOString().slice(0, 10), quick })
if (values["no-write"] || only !== undefined) process.stdout.write(report)
else {
  writeFileSync(new URL("../BENCHMARKS.md", import.meta.url), report)
  process.stderr.write("bench: wrote BENCHMARKS.md\n")
}
