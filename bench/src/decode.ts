/**
 * Decoding a 150-conversation `listConversations` page, against `JSON.parse` of the same text alone.
 * The SDK row is the whole call over an in-memory transport (request building, parse, schema decode, page
 * wrapping), so it is an upper bound for the decoding itself; the schema row isolates decoding parsed JSON.
 *
 *   node --expose-gc src/decode.ts [--rounds 7] [--iterations 200]      prints one JSON line
 */
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as Schema from "effect/Schema"
import { Intercom } from "@utdk/intercom-core/Intercom"
import { operations } from "@utdk/intercom-core/generated/registry"
import { loadFixtures } from "./fixtures.ts"
import { makeInMemoryClient, timeEffect } from "./inMemory.ts"
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

const timeSync = (f: () => unknown, iterations: number): number => {
  const start = performance.now()
  for (let i = 0; i < iterations; i++) f()
  return (performance.now() - start) / iterations
}

export const runDecode = async (rounds: number, iterations: number): Promise<DecodeResult> => {
  const { conversationPage } = loadFixtures()
  const intercom = await Effect.runPromise(
    Intercom.make({ token: "bench-token", baseUrl: "http://in-memory.test" }).pipe(
      Effect.provideService(HttpClient.HttpClient, makeInMemoryClient(conversationPage)),
    ),
  )
  const operation = operations.listConversations
  const schema = operation.success.schema as Schema.Codec<unknown, unknown>
  const decodeParsed = Schema.decodeUnknownSync(schema)
  const sdkCall = intercom.listConversations({ per_page: 150 })
  const page = (await Effect.runPromise(sdkCall)) as { conversations?: ReadonlyArray<unknown> }
  if (page.conversations?.length !== 150) throw new Error("bench: the SDK did not decode 150 conversations")

  const cases: Array<[string, () => Promise<number> | number]> = [
    ["JSON.parse alone", () => timeSync(() => JSON.parse(conversationPage), iterations)],
    ["JSON.parse + success schema decode (Schema.decodeUnknownSync)", () => timeSync(() => decodeParsed(JSON.parse(conversationPage)), iterations)],
    ["SDK listConversations, whole call, in-memory transport", async () => (await timeEffect(sdkCall, iterations)) / 1000],
  ]
  // Warm up until the JIT has settled (the first few hundred calls of each path are several times slower).
  for (let i = 0; i < 3; i++) for (const [, run] of cases) await run()
  const samples = cases.map(() => [] as Array<number>)
  for (let round = 0; round < rounds; round++) {
    for (const [i, [, run]] of cases.entries()) {
      await settle()
      samples[i]!.push(await run())
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
  const { values } = parseArgs({ options: { rounds: { type: "string", default: "7" }, iterations: { type: "string", default: "200" } } })
  console.log(JSON.stringify(await runDecode(Number(values.rounds), Number(values.iterations))))
}
