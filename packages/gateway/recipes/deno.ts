// The gateway on Deno: `deno run --allow-net --allow-env gateway.ts` (see the README's Deno section).
// Listens on 127.0.0.1 only: put a front (Caddy, nginx, a load balancer) before it for the public side.
import { makeGatewayHandler } from "@utdk/intercom-gateway"

const env = (name: string): string | undefined => Deno.env.get(name)
const upstream = env("GATEWAY_UPSTREAM") ?? "https://api.intercom.io"
const handler = makeGatewayHandler({
  upstream,
  // Only for a local mock (Prism on 127.0.0.1); refused otherwise.
  allowLoopbackUpstream: env("GATEWAY_ALLOW_LOOPBACK_UPSTREAM") === "1",
  credentials: { mode: "server", token: env("INTERCOM_ACCESS_TOKEN") ?? "" },
  cors: { allowedOrigins: (env("GATEWAY_ALLOW_ORIGINS") ?? "").split(",").filter((o) => o !== "") },
})

Deno.serve(
  { hostname: "127.0.0.1", port: Number(env("PORT") ?? 8787) },
  (request, info) => handler(request, { clientAddress: info.remoteAddr.hostname }),
)
