// Bun entry (bundled by the test): `bun run bun.mjs`. Prints {"port":N} once listening.
import { handlerFor, type RuntimeEnv } from "./config.ts"

interface BunServer {
  readonly port: number
  readonly requestIP: (request: Request) => { readonly address: string } | null
}
declare const Bun: {
  readonly env: RuntimeEnv
  readonly serve: (options: { hostname: string; port: number; fetch: (request: Request, server: BunServer) => Promise<Response> }) => BunServer
}

const handler = handlerFor(Bun.env)
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch: (request, server) => handler(request, { clientAddress: server.requestIP(request)?.address ?? "unknown" }),
})
console.log(JSON.stringify({ port: server.port }))
