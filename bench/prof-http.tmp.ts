import * as Effect from "effect/Effect"
import * as HttpClient from "effect/http/HttpClient"
import { Intercom } from "@utdk/intercom-core/Intercom"
import { loadFixtures } from "./src/fixtures.ts"
import { makeInMemoryClient } from "./src/inMemory.ts"
const { conversation } = loadFixtures()
const transport = makeInMemoryClient(conversation)
const intercom = await Effect.runPromise(Intercom.make({ token: "t", baseUrl: "http://x.test" }).pipe(Effect.provideService(HttpClient.HttpClient, transport)))
const args = { conversation_id: "507", read: true }
const prog = intercom.updateConversation(args)
const n = Number(process.argv[2] ?? 20000)
const loop = Effect.gen(function* () { for (let i = 0; i < n; i++) yield* prog })
await Effect.runPromise(loop)
const t = process.threadCpuUsage()
await Effect.runPromise(loop)
const s = process.threadCpuUsage(t)
console.log((s.user + s.system) / n, "us/call")
