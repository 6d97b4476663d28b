import * as Effect from "effect/Effect"
import { Intercom } from "@utdk/intercom-core/Intercom"
import { makeTransportRequestFunction } from "@utdk/intercom-core/PromiseClient"
import { updateConversation } from "@utdk/intercom-core/generated/operations/updateConversation"
import type { RawResponse, Transport } from "@utdk/intercom-core/Transport"
import { loadFixtures } from "./src/fixtures.ts"
const { conversation } = loadFixtures()
const raw: RawResponse = { status: 200, headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "bench" }, text: conversation }
const memoryPort: Transport = { send: () => Effect.succeed(raw), sendPromise: () => Promise.resolve(raw) }
const options = { token: "bench-token", baseUrl: "http://x.test" }
const args = { conversation_id: "507", read: true }
const n = Number(process.argv[3] ?? 20000)
const which = process.argv[2]
let run: () => Promise<void>
if (which === "effect") {
  const c = await Effect.runPromise(Intercom.makeWithTransport(memoryPort, options))
  const prog = c.updateConversation(args)
  const loop = Effect.gen(function* () { for (let i = 0; i < n; i++) yield* prog })
  run = () => Effect.runPromise(loop)
} else if (which === "parse") {
  run = async () => { for (let i = 0; i < n; i++) JSON.parse(conversation) }
} else {
  const request = makeTransportRequestFunction({ transport: memoryPort, requireToken: false })
  run = async () => { for (let i = 0; i < n; i++) await request(updateConversation, args, options) }
}
await run(); await run()
const t = process.threadCpuUsage()
await run()
const s = process.threadCpuUsage(t)
console.log(which, (s.user + s.system) / n, "us/call")
