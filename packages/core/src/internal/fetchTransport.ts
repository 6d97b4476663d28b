import * as Effect from "effect/Effect"
import type { RawResponse, Transport } from "./transport.ts"

/**
 * Sends with the global `fetch`, without effect/http: what keeps the browser's one-operation bundle small.
 * Interruption aborts the fetch through the signal `Effect.tryPromise` hands over.
 */
export const fetchTransport: Transport = (request) =>
  Effect.tryPromise({
    try: async (signal): Promise<RawResponse> => {
      const response = await globalThis.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        signal,
      })
      const headers: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        headers[name] = value
      })
      return { status: response.status, headers, text: await response.text() }
    },
    catch: (cause) => ({
      message: `${request.method} ${request.url.split("?")[0]}: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    }),
  })
