// The gateway on Cloudflare Workers: `wrangler deploy` with the wrangler.toml beside this file
// (`wrangler secret put INTERCOM_ACCESS_TOKEN`; see the README's Workers section).
import { makeGatewayHandler } from "@utdk/intercom-gateway"

interface Env {
  readonly INTERCOM_ACCESS_TOKEN: string
  readonly GATEWAY_ALLOW_ORIGINS: string
  readonly GATEWAY_UPSTREAM?: string
  readonly GATEWAY_ALLOW_LOOPBACK_UPSTREAM?: string
}

let handler: ReturnType<typeof makeGatewayHandler> | undefined

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    // Made on the first request: Workers allow no timers or randomness at start-up, and `env` comes with a request.
    handler ??= makeGatewayHandler({
      upstream: env.GATEWAY_UPSTREAM ?? "https://api.intercom.io",
      allowLoopbackUpstream: env.GATEWAY_ALLOW_LOOPBACK_UPSTREAM === "1",
      credentials: { mode: "server", token: env.INTERCOM_ACCESS_TOKEN },
      cors: { allowedOrigins: env.GATEWAY_ALLOW_ORIGINS.split(",").filter((o) => o !== "") },
    })
    return handler(request, { clientAddress: request.headers.get("cf-connecting-ip") ?? "unknown" })
  },
}
