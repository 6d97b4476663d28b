// The gateway on Bun: `bun run gateway.ts` (types: `bun add -d @types/bun`; see the README's Bun section).
// Listens on 127.0.0.1 only: put a front (Caddy, nginx, a load balancer) before it for the public side.
import { makeGatewayHandler } from "@utdk/intercom-gateway"

const upstream = Bun.env.GATEWAY_UPSTREAM ?? "https://api.intercom.io"
const handler = makeGatewayHandler({
  upstream,
  // Only for a local mock (Prism on 127.0.0.1); refused otherwise.
  allowLoopbackUpstream: Bun.env.GATEWAY_ALLOW_LOOPBACK_UPSTREAM === "1",
  credentials: { mode: "server", token: Bun.env.INTERCOM_ACCESS_TOKEN ?? "" },
  cors: { allowedOrigins: (Bun.env.GATEWAY_ALLOW_ORIGINS ?? "").split(",").filter((o) => o !== "") },
})

Bun.serve({
  hostname: "127.0.0.1",
  port: Number(Bun.env.PORT ?? 8787),
  // Idle connections close after 10 s; a request in progress may take longer than the gateway's 30 s upstream
  // deadline (Bun's default idle timeout would cut an answer still on its way after 10 s).
  idleTimeout: 10,
  fetch: (request, server) => {
    server.timeout(request, 40)
    return handler(request, { clientAddress: server.requestIP(request)?.address ?? "unknown" })
  },
})
