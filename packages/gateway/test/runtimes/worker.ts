// Cloudflare Workers entry (bundled by the test, run by workerd through miniflare). The handler is made on the
// first request: Workers forbid timers and randomness at start-up, and `env` only arrives with a request.
import { handlerFor, type RuntimeEnv } from "./config.ts"

let handler: ReturnType<typeof handlerFor> | undefined

export default {
  fetch: (request: Request, env: RuntimeEnv): Promise<Response> => {
    handler ??= handlerFor(env)
    return handler(request, { clientAddress: request.headers.get("cf-connecting-ip") ?? "unknown" })
  },
}
