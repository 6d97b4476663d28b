/**
 * Where the CPU of one call goes: the steps of `updateConversation` over an in-memory port measured one by one, in
 * the same interleaved rounds as the whole calls, so that the report can say what each microsecond is. The steps are
 * core's own (`callSteps.prepare`, `decodeResponse`), internal to the package, so imported from its build (`dist`).
 *
 *   node --expose-gc src/cpuParts.ts [--rounds 7] [--iterations 6000]      prints one JSON line
 */
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import { Intercom } from "@utdk/intercom-core/Intercom"
import { anyChecksOf, makeTransportRequestFunction } from "@utdk/intercom-core/PromiseClient"
import { updateConversation } from "@utdk/intercom-core/generated/operations/updateConversation"
import { prepare } from "../../packages/core/dist/internal/callSteps.js"
import { resolveConfig } from "../../packages/core/dist/internal/config.js"
import { decodeResponse } from "../../packages/core/dist/internal/decodeResponse.js"
import { fastValidatorFor } from "../../packages/core/dist/internal/fastValidator.js"
import type { RawResponse, Transport } from "@utdk/intercom-core/Transport"
import { loadFixtures } from "./fixtures.ts"
import { median, settle } from "./stats.ts"

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
  const configResult = resolveConfig(options, { requireToken: false })
  if (configResult._tag === "Failure") throw configResult.failure
  const config = configResult.success
  const args = { conversation_id: "507", read: true }
  const raw: RawResponse = { status: 200, headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "bench" }, text: conversation }
  const memoryPort: Transport = { send: () => Effect.succeed(raw), sendPromise: () => Promise.resolve(raw) }
  const request = makeTransportRequestFunction({ transport: memoryPort, requireToken: false, checksOf: anyChecksOf })
  const intercom = await Effect.runPromise(Intercom.makeWithTransport(memoryPort, options))
  const effectCall = intercom.updateConversation(args)
  const parsed = JSON.parse(conversation) as unknown
  const validate = fastValidatorFor(updateConversation.success.schema!)
  if (validate === undefined || !validate(parsed)) throw new Error("bench: no compiled validator accepts the conversation")

  // Results go to `sink` so that no step's work can be optimised away.
  let sink = 0
  const resolved = Promise.resolve(raw)
  const steps: Array<[string, (n: number) => Promise<void> | void]> = [
    ["JSON.parse of the answer", (n) => {
      for (let i = 0; i < n; i++) JSON.parse(conversation)
    }],
    ["prepare: arguments checked, request built (URL, headers, JSON body), policy", (n) => {
      for (let i = 0; i < n; i++) sink += prepare(updateConversation, args, config, undefined, anyChecksOf)._tag.length
    }],
    ["JSON.stringify of the body alone (inside prepare)", (n) => {
      for (let i = 0; i < n; i++) sink += JSON.stringify(args).length
    }],
    ["decodeResponse: JSON.parse + validation + the response object", (n) => {
      for (let i = 0; i < n; i++) sink += decodeResponse(updateConversation, raw, 1, "strict")._tag.length
    }],
    ["the compiled validator alone, on the parsed body (inside decodeResponse)", (n) => {
      for (let i = 0; i < n; i++) sink += validate(parsed) ? 1 : 0
    }],
    ["an async function awaiting a port that answers at once (the floor of any Promise API)", async (n) => {
      const call = async () => (await resolved).status
      for (let i = 0; i < n; i++) sink += await call()
    }],
    ["whole call, Promise facade", async (n) => {
      for (let i = 0; i < n; i++) await request(updateConversation, args, options)
    }],
    ["whole call, Effect client", (n) =>
      Effect.runPromise(
        Effect.gen(function* () {
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
  const { values } = parseArgs({ options: { rounds: { type: "string", default: "7" }, iterations: { type: "string", default: "6000" } } })
  console.log(JSON.stringify(await runCpuParts(Number(values.rounds), Number(values.iterations))))
}
