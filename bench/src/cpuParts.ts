/**
 * Where the CPU of one call goes: the steps of `updateConversation` over an in-memory port measured one by one, in
 * the same interleaved rounds as the whole calls, so that the report can say what each microsecond is. Only public
 * entry points, as a user would: the request builder (`@utdk/intercom-core/Request`) is the one step core exposes;
 * what a call spends beyond parsing the answer and building the request is the whole call minus those two.
 *
 *   node --expose-gc src/cpuParts.ts [--rounds 7] [--iterations 6000]      prints one JSON line
 */
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import { Intercom } from "@utdk/intercom-core/Intercom"
import { anyChecksOf, makeRequestFunction } from "@utdk/intercom-core/RequestFunction"
import { updateConversation } from "@utdk/intercom-core/operations/updateConversation"
import { buildRequest } from "@utdk/intercom-core/Request"
import type { RawResponse, Transport } from "@utdk/intercom-core/Transport"
import { loadFixtures } from "./fixtures.ts"
import { median, settle } from "./stats.ts"

/** The steps, by key; the report reads them by these keys. */
export const cpuSteps = {
  parse: "JSON.parse of the answer",
  build: "buildRequest: arguments checked, request built (URL, headers, JSON body)",
  stringify: "JSON.stringify of the body alone (inside buildRequest)",
  floor: "an async function awaiting a port that answers at once (the floor of any Promise API)",
  promise: "whole call, Promise facade",
  effect: "whole call, Effect client",
} as const

export interface CpuPartsResult {
  readonly rounds: number
  readonly iterations: number
  /** step name -> median CPU µs per call */
  readonly us: Record<string, number>
}

const cpuPerCall = async (iterations: number, run: (iterations: number) => Promise<void> | void): Promise<number> => {
  const before = process.threadCpuUsage()
  await run(iterations)
  const spent = process.threadCpuUsage(before)
  return (spent.user + spent.system) / iterations
}

export const runCpuParts = async (rounds: number, iterations: number): Promise<CpuPartsResult> => {
  const { conversation } = loadFixtures()
  const options = { token: "bench-token", baseUrl: "http://in-memory.test" }
  const args = { conversation_id: "507", read: true }
  const raw: RawResponse = {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "bench" },
    text: conversation,
  }
  const memoryPort: Transport = { send: () => Effect.succeed(raw), sendPromise: () => Promise.resolve(raw) }
  const request = makeRequestFunction({ transport: memoryPort, requireToken: false, checksOf: anyChecksOf })
  const intercom = await Effect.runPromise(Intercom.makeWithTransport(memoryPort, options))
  const effectCall = intercom.updateConversation(args)
  if (buildRequest(updateConversation, args, options)._tag !== "Success") {
    throw new Error("bench: the request is refused")
  }

  // Results go to `sink` so that no step's work can be optimised away.
  let sink = 0
  const resolved = Promise.resolve(raw)
  const steps: Array<[string, (n: number) => Promise<void> | void]> = [
    [cpuSteps.parse, (n) => {
      for (let i = 0; i < n; i++) JSON.parse(conversation)
    }],
    [cpuSteps.build, (n) => {
      for (let i = 0; i < n; i++) sink += buildRequest(updateConversation, args, options)._tag.length
    }],
    [cpuSteps.stringify, (n) => {
      for (let i = 0; i < n; i++) sink += JSON.stringify(args).length
    }],
    [cpuSteps.floor, async (n) => {
      const call = async () => (await resolved).status
      for (let i = 0; i < n; i++) sink += await call()
    }],
    [cpuSteps.promise, async (n) => {
      for (let i = 0; i < n; i++) await request(updateConversation, args, options)
    }],
    [cpuSteps.effect, (n) =>
      Effect.runPromise(
        Effect.gen(function*() {
          for (let i = 0; i < n; i++) yield* effectCall
        }),
      )],
  ]
  for (const [, run] of steps) await cpuPerCall(iterations, run)
  const samples = steps.map(() => [] as Array<number>)
  for (let round = 0; round < rounds; round++) {
    for (const [i, [, run]] of steps.entries()) {
      await settle()
      samples[i]!.push(await cpuPerCall(iterations, run))
    }
  }
  if (sink === 0) throw new Error("bench: nothing ran")
  return { rounds, iterations, us: Object.fromEntries(steps.map(([name], i) => [name, median(samples[i]!)])) }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { rounds: { type: "string", default: "7" }, iterations: { type: "string", default: "6000" } },
  })
  console.log(JSON.stringify(await runCpuParts(Number(values.rounds), Number(values.iterations))))
}
