/**
 * What a consumer's type-check pays: `tsc --noEmit` of a 3-line program (import the client, make one call, use the
 * result) against `@utdk/intercom` (the Promise root), against `@utdk/intercom/effect` (the Effect service) and
 * against intercom-client, interleaved, median wall time, plus how many files each check loads (`tsc --listFilesOnly`).
 *
 *   node src/consumerTsc.ts [--runs 5]      prints one JSON line
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { median } from "./stats.ts"

export interface ConsumerTscResult {
  readonly runs: number
  /** program -> median wall ms of `tsc --noEmit` */
  readonly ms: Record<string, number>
  /** program -> files the check loads (lib files included) */
  readonly files: Record<string, number>
}

const benchDir = new URL("..", import.meta.url).pathname
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")

/** Not a client: a program that type-checks effect's declarations and nothing else. */
export const effectFloor = "effect/Context alone (floor)"

const consumers: Record<string, string> = {
  "@utdk/intercom": [
    `import { Intercom } from "@utdk/intercom"`,
    `const contact = await new Intercom({ token: "t" }).showContact({ contact_id: "1" })`,
    `export const id: unknown = contact.id`,
  ].join("\n"),
  // Issue 20's budget holds for a client pinned to any version: the seed's, 2.14, whose types are its own where they
  // differ from 2.16's.
  "@utdk/intercom pinned to 2.14": [
    `import { Intercom } from "@utdk/intercom"`,
    `const contact = await new Intercom({ token: "t", version: "2.14" }).showContact({ contact_id: "1" })`,
    `export const id: unknown = contact.id`,
  ].join("\n"),
  "@utdk/intercom/effect": [
    `import * as Effect from "effect/Effect"`,
    `import { Intercom } from "@utdk/intercom/effect"`,
    `export const program = Effect.gen(function* () { const contact = yield* (yield* Intercom).showContact({ contact_id: "1" }); return contact.id })`,
  ].join("\n"),
  "intercom-client": [
    `import { IntercomClient } from "intercom-client"`,
    `const contact = await new IntercomClient({ token: "t" }).contacts.find({ contact_id: "1" })`,
    `export const id: unknown = contact.id`,
  ].join("\n"),
  // The floor for any client whose types mention effect (an Effect service class, `Data.Error` errors): effect's
  // declarations alone, reached from one type-only import.
  [effectFloor]: [`import type * as Context from "effect/Context"`, `export type Key = Context.Key<never, unknown>`]
    .join("\n"),
}

/** One folder per program inside bench/ (so packages resolve from bench/node_modules), each with its tsconfig. */
const setUp = (): Record<string, string> => {
  const root = join(benchDir, ".consumer-tsc")
  rmSync(root, { recursive: true, force: true })
  const dirs: Record<string, string> = {}
  for (const [name, source] of Object.entries(consumers)) {
    const dir = join(root, name.replace(/[^a-z]+/gi, "-"))
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, "index.ts"), `${source}\n`)
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          skipLibCheck: true,
          types: [],
          lib: ["ES2022", "DOM"],
          noEmit: true,
        },
        files: ["index.ts"],
      }),
    )
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }))
    dirs[name] = dir
  }
  return dirs
}

const run = (dir: string, ...args: Array<string>): { readonly ms: number; readonly stdout: string } => {
  const start = performance.now()
  const r = spawnSync(process.execPath, [tsc, "-p", dir, ...args], { encoding: "utf8" })
  const ms = performance.now() - start
  if (r.status !== 0) throw new Error(`bench: tsc failed in ${dir}: ${r.stdout}${r.stderr}`)
  return { ms, stdout: r.stdout }
}

export const runConsumerTsc = (runs: number): ConsumerTscResult => {
  const dirs = setUp()
  try {
    const files = Object.fromEntries(
      Object.entries(dirs).map(([name, dir]) => [name, run(dir, "--listFilesOnly").stdout.trim().split("\n").length]),
    )
    for (const dir of Object.values(dirs)) run(dir) // warm the file-system cache
    const times = new Map<string, Array<number>>(Object.keys(dirs).map((name) => [name, []]))
    for (let i = 0; i < runs; i++) for (const [name, dir] of Object.entries(dirs)) times.get(name)!.push(run(dir).ms)
    return { runs, ms: Object.fromEntries([...times].map(([k, v]) => [k, median(v)])), files }
  } finally {
    rmSync(join(benchDir, ".consumer-tsc"), { recursive: true, force: true })
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } })
  console.log(JSON.stringify(runConsumerTsc(Number(values.runs))))
}
