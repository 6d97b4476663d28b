/**
 * Decoding a 150-conversation `listConversations` page, against `JSON.parse` of the same text alone.
 * The SDK rows are whole calls over an in-memory port (request building, parse, validation, the call's
 * interpreter), so they are an upper bound for the decoding itself; the schema row is Effect's own decoder on parsed
 * JSON, for scale. Main-thread CPU time, medians of interleaved rounds, ratios per round.
 *
 *   node --expose-gc src/decode.ts [--rounds 7] [--iterations 200]      prints one JSON line
 */
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Intercom } from "@utdk/intercom-core/Intercom"
import { operations } from "@utdk/intercom-core/registry"
import { anyChecksOf, makeRequestFunction } from "@utdk/intercom-core/RequestFunction"
import type { RawResponse, Transport } from "@utdk/intercom-core/Transport"
import { loadFixtures } from "./fixtures.ts"
import { median, settle } from "./stats.ts"

export interface DecodeResult {
  readonly rounds: number
  readonly iterations: number
  readonly bytes: number
  readonly conversations: number
  /** SDK call time / JSON.parse time (medians) */
  readonly ratio: number
  readonly rows: ReadonlyArray<{ readonly name: string; readonly ms: number; readonly ratio: number }>
}

/** Main-thread CPU ms per iteration. */
const cpuMs = async (iterations: number, run: (iterations: number) => Promise<void> | void): Promise<number> => {
  const before = process.threadCpuUsage()
  await run(iterations)
  const spent = process.threadCpuUsage(before)
  return (spent.user + spent.system) / 1000 / iterations
}

export const runDecode = async (rounds: number, iterations: number): Promise<DecodeResult> => {
  const { conversationPage } = loadFixtures()
  const raw: RawResponse = {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8" },
    text: conversationPage,
  }
  const memoryPort: Transport = { send: () => Effect.succeed(raw), sendPromise: () => Promise.resolve(raw) }
  const options = { token: "bench-token", baseUrl: "http://in-memory.test" }
  const intercom = await Effect.runPromise(Intercom.makeWithTransport(memoryPort, options))
  const request = makeRequestFunction({ transport: memoryPort, requireToken: false, checksOf: anyChecksOf })
  const operation = operations.listConversations
  const schema = operation.success.schema as Schema.Codec<unknown, unknown>
  const decodeParsed = Schema.decodeUnknownSync(schema)
  const args = { per_page: 150 }
  const effectCall = intercom.listConversations(args)
  const page = (await request(operation, args, options)) as { conversations?: ReadonlyArray<unknown> }
  if (page.conversations?.length !== 150) throw new Error("bench: the SDK did not decode 150 conversations")

  const cases: Array<[string, (iterations: number) => Promise<void> | void]> = [
    ["JSON.parse alone", (n) => {
      for (let i = 0; i < n; i++) JSON.parse(conversationPage)
    }],
    ["JSON.parse + Effect's schema decoder (Schema.decodeUnknownSync), for scale", (n) => {
      for (let i = 0; i < n; i++) decodeParsed(JSON.parse(conversationPage))
    }],
    ["SDK listConversations, whole call, Promise facade over an in-memory port", async (n) => {
      for (let i = 0; i < n; i++) await request(operation, args, options)
    }],
    ["SDK listConversations, whole call, Effect client over an in-memory port", (n) =>
      Effect.runPromise(
        Effect.gen(function*() {
          for (let i = 0; i < n; i++) yield* effectCall
        }),
      )],
  ]
  // Warm up until the JIT has settled (the first few hundred calls of each path are several times slower).
  for (let i = 0; i < 3; i++) for (const [, run] of cases) await cpuMs(iterations, run)
  const samples = cases.map(() => [] as Array<number>)
  for (let round = 0; round < rounds; round++) {
    for (const [i, [, run]] of cases.entries()) {
      await settle()
      samples[i]!.push(await cpuMs(iterations, run))
    }
  }
  // Ratios per round (each case against JSON.parse of the same round), then the median: noise moves both alike.
  const ratioOf = (i: number) => median(samples[i]!.map((ms, round) => ms / samples[0]![round]!))
  const rows = cases.map(([name], i) => ({ name, ms: median(samples[i]!), ratio: ratioOf(i) }))
  return {
    rounds,
    iterations,
    bytes: Buffer.byteLength(conversationPage),
    conversations: 150,
    ratio: rows[2]!.ratio,
    rows,
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { rounds: { type: "string", default: "7" }, iterations: { type: "string", default: "200" } },
  })
  console.log(JSON.stringify(await runDecode(Number(values.rounds), Number(values.iterations))))
}
