/**
 * CPU per call: `updateConversation` through the SDK over in-memory transports (no socket), so the time is argument
 * validation + request building + body encoding + the call's interpreter + response decoding. Measured as the main
 * thread's CPU time (`process.threadCpuUsage`), not wall time: on a shared machine, time spent descheduled is not
 * the SDK's. Baselines in the same process and rounds: `JSON.parse` of the same body (what any client pays), and
 * the bare effect `HttpClient` over the same in-memory client.
 *
 *   node --expose-gc src/cpu.ts [--rounds 7] [--iterations 20000]      prints one JSON line
 */
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import { Intercom } from "@utdk/intercom-core/Intercom"
import { anyChecksOf, makeRequestFunction } from "@utdk/intercom-core/RequestFunction"
import { updateConversation } from "@utdk/intercom-core/operations/updateConversation"
import type { RawResponse, Transport } from "@utdk/intercom-core/Transport"
import { loadFixtures } from "./fixtures.ts"
import { makeInMemoryClient } from "./inMemory.ts"
import { median, settle } from "./stats.ts"

export interface CpuRow {
  readonly name: string
  /** median CPU µs per call, everything included */
  readonly us: number
  /** the row whose work this one includes (`JSON.parse`, or the bare HttpClient), if any */
  readonly baseline?: string | undefined
  /** median over the rounds of (this row - its baseline in the same round): the SDK's own work */
  readonly sdkUs?: number | undefined
}

export interface CpuResult {
  readonly rounds: number
  readonly iterations: number
  /** median CPU µs per call of the Promise facade over an in-memory port, everything included */
  readonly promiseUs: number
  /** the same through the Effect client */
  readonly effectUs: number
  /** the Promise facade's own work: per round, the call minus `JSON.parse` of its body; the median of those */
  readonly promiseSdkUs: number
  /** the same for the Effect client */
  readonly effectSdkUs: number
  /** median CPU µs of `JSON.parse` of the same body, for scale */
  readonly parseUs: number
  readonly rows: ReadonlyArray<CpuRow>
}

/** CPU µs per iteration of `run` (the main thread's user + system time). */
const cpuPerCall = async (iterations: number, run: (iterations: number) => Promise<void> | void): Promise<number> => {
  const before = process.threadCpuUsage()
  await run(iterations)
  const spent = process.threadCpuUsage(before)
  return (spent.user + spent.system) / iterations
}

const effectLoop = (program: Effect.Effect<unknown, unknown>) => (iterations: number) =>
  Effect.runPromise(
    Effect.gen(function*() {
      for (let i = 0; i < iterations; i++) yield* program
    }),
  )

const BASE_URL = "http://in-memory.test"

export const runCpu = async (rounds: number, iterations: number): Promise<CpuResult> => {
  const { conversation } = loadFixtures()
  const transport = makeInMemoryClient(conversation)
  const intercom = await Effect.runPromise(
    Intercom.make({ token: "bench-token", baseUrl: BASE_URL }).pipe(
      Effect.provideService(HttpClient.HttpClient, transport),
    ),
  )
  const bareCall = Effect.flatMap(
    transport.execute(
      HttpClientRequest.put(`${BASE_URL}/conversations/507`, {
        headers: { authorization: "Bearer bench-token", accept: "application/json", "intercom-version": "2.16" },
      }).pipe(HttpClientRequest.bodyJsonUnsafe({ read: true })),
    ),
    (response) => Effect.map(response.text, (text) => JSON.parse(text)),
  )
  // The SDK's own work without any HTTP library: a port answering from memory.
  const raw: RawResponse = {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "bench" },
    text: conversation,
  }
  const memoryPort: Transport = { send: () => Effect.succeed(raw), sendPromise: () => Promise.resolve(raw) }
  const options = { token: "bench-token", baseUrl: BASE_URL }
  const intercomOverPort = await Effect.runPromise(Intercom.makeWithTransport(memoryPort, options))
  const request = makeRequestFunction({ transport: memoryPort, requireToken: false, checksOf: anyChecksOf })
  const args = { conversation_id: "507", read: true }
  const check = (await request(updateConversation, args, options)) as { id?: string }
  if (check.id !== "507") throw new Error(`bench: unexpected result ${JSON.stringify(check).slice(0, 200)}`)

  const streamedIntercom = await Effect.runPromise(
    Intercom.make({ token: "bench-token", baseUrl: BASE_URL }).pipe(
      Effect.provideService(HttpClient.HttpClient, makeInMemoryClient(conversation, { declareLength: false })),
    ),
  )

  const PARSE = "JSON.parse of the same body (baseline)"
  const BARE = "bare effect HttpClient over an in-memory HttpClient (send + text + JSON.parse)"
  const cases: Array<{ name: string; baseline?: string; run: (iterations: number) => Promise<void> | void }> = [
    {
      name: PARSE,
      run: (n) => {
        for (let i = 0; i < n; i++) JSON.parse(conversation)
      },
    },
    { name: BARE, run: effectLoop(bareCall) },
    {
      name:
        "@utdk/intercom-core Effect client over the same in-memory HttpClient (Intercom.make), Content-Length stated",
      baseline: BARE,
      run: effectLoop(intercom.updateConversation(args)),
    },
    {
      name:
        "@utdk/intercom-core Effect client over an in-memory HttpClient, no Content-Length (body counted as it streams)",
      baseline: BARE,
      run: effectLoop(streamedIntercom.updateConversation(args)),
    },
    {
      name: "@utdk/intercom-core Effect client over an in-memory port (Intercom.makeWithTransport)",
      baseline: PARSE,
      run: effectLoop(intercomOverPort.updateConversation(args)),
    },
    {
      name: "@utdk/intercom-core Promise facade over an in-memory port (request function)",
      baseline: PARSE,
      run: async (n) => {
        for (let i = 0; i < n; i++) await request(updateConversation, args, options)
      },
    },
  ]
  for (const { run } of cases) await cpuPerCall(iterations, run) // warm-up
  const samples = cases.map(() => [] as Array<number>)
  for (let round = 0; round < rounds; round++) {
    for (const [i, { run }] of cases.entries()) {
      await settle()
      samples[i]!.push(await cpuPerCall(iterations, run))
    }
  }
  const indexOf = (name: string) => cases.findIndex((c) => c.name === name)
  const rows: Array<CpuRow> = cases.map(({ name, baseline }, i) => {
    if (baseline === undefined) return { name, us: median(samples[i]!) }
    const base = samples[indexOf(baseline)]!
    return { name, us: median(samples[i]!), baseline, sdkUs: median(samples[i]!.map((us, round) => us - base[round]!)) }
  })
  const effect = rows[4]!
  const promise = rows[5]!
  return {
    rounds,
    iterations,
    parseUs: rows[0]!.us,
    effectUs: effect.us,
    promiseUs: promise.us,
    effectSdkUs: effect.sdkUs!,
    promiseSdkUs: promise.sdkUs!,
    rows,
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { rounds: { type: "string", default: "7" }, iterations: { type: "string", default: "20000" } },
  })
  console.log(JSON.stringify(await runCpu(Number(values.rounds), Number(values.iterations))))
}
