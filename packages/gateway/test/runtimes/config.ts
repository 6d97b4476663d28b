// The handler every runtime entry serves, configured from three environment values (the test passes them).
import { makeGatewayHandler } from "../../src/index.ts"

export interface RuntimeEnv {
  readonly GATEWAY_UPSTREAM: string
  readonly GATEWAY_TOKEN: string
  readonly GATEWAY_ORIGINS: string
}

export const handlerFor = (env: RuntimeEnv) =>
  makeGatewayHandler({
    upstream: env.GATEWAY_UPSTREAM,
    credentials: { mode: "server", token: env.GATEWAY_TOKEN },
    cors: { allowedOrigins: env.GATEWAY_ORIGINS.split(",") },
    maxBodyBytes: 1024,
    upstreamTimeoutMs: 5000,
  })
