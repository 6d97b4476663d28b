/**
 * CPU per call: `updateConversation` through the SDK's Effect client over an in-memory transport (no socket), so
 * the time is argument validation + request building + body encoding + the execute pipeline + response decoding.
 * The bare `HttpClient` over the same transport (send + read text + JSON.parse) is measured alongside it, which
 * gives what the SDK adds on top of Effect's HTTP client.
 *
 *   node --expose-gc src/cpu.ts [--rounds 7] [--iterations 20000]      prints one JSON line
 */
import { parseArgs } from "node:util"
import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import { Intercom } from "@utdk/intercom-core/Intercom"
import { makeTransportRequestFunction } from "@utdk/intercom-core/PromiseClient"
import { updateConversation } from "@utdk/intercom-core/generated/operations/updateConversation"
import type { RawResponse, Transport } from "@utdk/intercom-core/Transport"
import { loadFixtures } from "./fixtures.ts"
import { makeInMemoryClient, timeEffect } from "./inMemory.ts"
import { median, settle } from "./stats.ts"

export interface CpuResult {
  readonly rounds: number
  readonly iterations: number
  /** median µs per SDK call (Effect client, in-memory transport) */
  readonly sdkUs: number
  readonly rows: ReadonlyArray<{ readonly name: string; readonly us: number }>
}

const BASE_URL = "http://in-memory.test"

export const runCpu = async (rounds: number, iterations: number): Promise<CpuResult> => {
  const { conversation } = loadFixtures()
  const transport = makeInMemoryClient(conversation)
  const intercom = await Effect.runPromise(
    Intercom.make({ token: "bench-token", baseUrl: BASE_URL }).pipe(Effect.provideService(HttpClient.HttpClient, transport)),
  )
  const sdkCall = intercom.updateConversation({ conversation_id: "507", read: true })
  const bareCall = Effect.flatMap(
    transport.execute(
      HttpClientRequest.put(`${BASE_URL}/conversations/507`, {
        headers: { authorization: "Bearer bench-token", accept: "application/json", "intercom-version": "2.16" },
      }).pipe(HttpClientRequest.bodyJsonUnsafe({ read: true })),
    ),
    (response) => Effect.map(response.text, (text) => JSON.parse(text)),
  )
  // The SDK's own work without any HTTP library: a Transport answering from memory, through the Promise function form.
  const raw: RawResponse = { status: 200, headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "bench" }, text: conversation }
  const memoryTransport: Transport = () => Effect.succeed(raw)
  const request = makeTransportRequestFunction({ transport: memoryTransport, requireToken: false })
  // The same, declaring that it enforces the attempt timeout itself, as the Node (undici) and browser (fetch)
  // transports do: the retry loop then runs no Effect timeout fiber around the attempt.
  const enforcingTransport: Transport = Object.assign((() => Effect.succeed(raw)) as Transport, { enforcesTimeout: true })
  const requestEnforcing = makeTransportRequestFunction({ transport: enforcingTransport, requireToken: false })
  const callOptions = { token: "bench-token", baseUrl: BASE_URL }
  const check = (await Effect.runPromise(sdkCall)) as { id?: string }
  if (check.id !== "507") throw new Error(`bench: unexpected result ${JSON.stringify(check).slice(0, 200)}`)

  const cases: Array<[string, () => Promise<number>]> = [
    ["bare effect HttpClient, same transport (send + text + JSON.parse)", () => timeEffect(bareCall, iterations)],
    ["@utdk/intercom-core Effect client (Intercom.make)", () => timeEffect(sdkCall, iterations)],
    [
      "@utdk/intercom-core Effect client, one Effect.runPromise per call",
      async () => {
        const start = performance.now()
        for (let i = 0; i < iterations; i++) await Effect.runPromise(sdkCall)
        return ((performance.now() - start) * 1000) / iterations
      },
    ],
    [
      "@utdk/intercom-core over an in-memory Transport (no HTTP library), Promise per call",
      async () => {
        const start = performance.now()
        for (let i = 0; i < iterations; i++) await request(updateConversation, { conversation_id: "507", read: true }, callOptions)
        return ((performance.now() - start) * 1000) / iterations
      },
    ],
    [
      "@utdk/intercom-core over an in-memory Transport enforcing its own timeout (like undici/fetch), Promise per call",
      async () => {
        const start = performance.now()
        for (let i = 0; i < iterations; i++) await requestEnforcing(updateConversation, { conversation_id: "507", read: true }, callOptions)
        return ((performance.now() - start) * 1000) / iterations
      },
    ],
  ]
  for (const [, run] of cases) await run() // warm-up
  const samples = cases.map(() => [] as Array<number>)
  for (let round = 0; round < rounds; round++) {
    for (const [i, [, run]] of cases.entries()) {
      await settle()
      samples[i]!.push(await run())
    }
  }
  const rows = cases.map(([name], i) => ({ name, us: median(samples[i]!) }))
  return { rounds, iterations, sdkUs: rows[1]!.us, rows }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { rounds: { type: "string", default: "7" }, iterations: { type: "string", default: "20000" } } })
  console.log(JSON.stringify(await runCpu(Number(values.rounds), Number(values.iterations))))
}
