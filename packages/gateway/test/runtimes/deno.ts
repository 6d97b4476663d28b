// Deno entry (bundled by the test): `deno run --allow-net --allow-env deno.mjs`. Prints {"port":N} once listening.
import { handlerFor } from "./config.ts"

declare const Deno: {
  readonly env: { readonly get: (name: string) => string | undefined }
  readonly serve: (
    options: { hostname: string; port: number; onListen: (address: { port: number }) => void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Promise<Response>,
  ) => unknown
}

const handler = handlerFor({
  GATEWAY_UPSTREAM: Deno.env.get("GATEWAY_UPSTREAM")!,
  GATEWAY_TOKEN: Deno.env.get("GATEWAY_TOKEN")!,
  GATEWAY_ORIGINS: Deno.env.get("GATEWAY_ORIGINS")!,
})
Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(JSON.stringify({ port })) },
  (request, info) => handler(request, { clientAddress: info.remoteAddr.hostname }),
)
