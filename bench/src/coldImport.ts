/**
 * Cold import time: a fresh `node` process that imports one package and exits, against the same process importing
 * nothing. Runs are interleaved and the figure is the median wall time, minus the empty process for the import cost.
 *
 *   node src/coldImport.ts [--runs 15]      prints one JSON line
 */
import { spawnSync } from "node:child_process"
import { parseArgs } from "node:util"
import { median } from "./stats.ts"

export interface ColdImportResult {
  readonly runs: number
  /** median wall ms of `node` doing nothing */
  readonly emptyMs: number
  /** specifier -> median wall ms of the whole process */
  readonly totalMs: Record<string, number>
  /** specifier -> median ms added by the import (total - empty) */
  readonly importMs: Record<string, number>
}

const cwd = new URL("..", import.meta.url).pathname

const timeProcess = (code: string): number => {
  const start = performance.now()
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
  })
  const ms = performance.now() - start
  if (r.status !== 0) throw new Error(`bench: ${code} failed: ${r.stderr}`)
  return ms
}

export const runColdImport = (specifiers: ReadonlyArray<string>, runs: number): ColdImportResult => {
  const empty: Array<number> = []
  const totals = new Map<string, Array<number>>(specifiers.map((s) => [s, []]))
  timeProcess("") // warm the file-system cache once
  for (const s of specifiers) timeProcess(`await import(${JSON.stringify(s)})`)
  for (let i = 0; i < runs; i++) {
    empty.push(timeProcess(""))
    for (const s of specifiers) totals.get(s)!.push(timeProcess(`await import(${JSON.stringify(s)})`))
  }
  const emptyMs = median(empty)
  const totalMs = Object.fromEntries([...totals].map(([k, v]) => [k, median(v)]))
  return {
    runs,
    emptyMs,
    totalMs,
    importMs: Object.fromEntries(Object.entries(totalMs).map(([k, v]) => [k, Math.max(0, v - emptyMs)])),
  }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { runs: { type: "string", default: "15" } },
    allowPositionals: true,
  })
  const specifiers = positionals.length > 0 ? positionals : ["@utdk/intercom", "intercom-client"]
  console.log(JSON.stringify(runColdImport(specifiers, Number(values.runs))))
}
