// Bun entry (bundled by the test): `bun run bun.mjs`. Prints {"port":N} once listening.
import { handlerFor, type RuntimeEnv } from "./config.ts"

interface BunServer {
  readonly port: number
  readonly requestIP: (request: Request) => { readonly address: string } | null
  readonly timeout: (request: Request, seconds: number) => void
}
declare const Bun: {
  readonly env: RuntimeEnv
  readonly serve: (
    options: {
      hostname: string
      port: number
      idleTimeout: number
      fetch: (request: Request, server: BunServer) => Promise<Response>
    },
  ) => BunServer
}

const handler = handlerFor(Bun.env)
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  // Idle connections are closed after 10 s; a request in progress gets longer than the gateway's upstream deadline.
  idleTimeout: 10,
  fetch: (request, server) => {
    server.timeout(request, 40)
    return handler(request, { clientAddress: server.requestIP(request)?.address ?? "unknown" })
  },
})
console.log(JSON.stringify({ port: server.port }))
