// The handler every runtime entry serves, configured from three environment values (the test passes them). Small
// limits, so the attack cases run in seconds: a 1 KiB body cap, a 2 s body deadline, a 1 MiB decompression cap, and
// listActivityLogs left out of the allow-list (the encoded-literal bypass of issue 23).
import { operationList } from "@utdk/intercom-core/registry"
import { makeGatewayHandler } from "../../src/index.ts"

export interface RuntimeEnv {
  readonly GATEWAY_UPSTREAM: string
  readonly GATEWAY_TOKEN: string
  readonly GATEWAY_ORIGINS: string
}

/** The operation the matrix leaves out of the allow-list. */
export const refusedOperation = "listActivityLogs"

export const handlerFor = (env: RuntimeEnv) =>
  makeGatewayHandler({
    upstream: env.GATEWAY_UPSTREAM,
    allowLoopbackUpstream: true,
    operations: operationList.filter((o) => o.name !== refusedOperation),
    credentials: { mode: "server", token: env.GATEWAY_TOKEN },
    cors: { allowedOrigins: env.GATEWAY_ORIGINS.split(",") },
    maxBodyBytes: 1024,
    upstreamTimeoutMs: 15_000,
    requestTimeoutMs: 2000,
    maxDecodedResponseBytes: 1024 * 1024,
  })
