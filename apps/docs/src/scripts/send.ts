/**
 * Sends one call through the gateway with the SDK's Promise client over fetch. Loaded on the first Send, so the SDK
 * (Effect runtime and the operation registry, ~85 kB gzip) is not part of the JavaScript every page downloads.
 */
import { operations } from "@utdk/intercom-core/generated/registry"
import { makeRequestFunction } from "@utdk/intercom-core/PromiseClient"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Layer from "effect/Layer"
import type { Json } from "../lib/schema-node.ts"

/** @category models */
export interface SendOutcome {
  readonly status: number | undefined
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: unknown
  readonly durationMs: number
  /** `_tag` and message of a typed SDK error. */
  readonly error?: { readonly tag: string; readonly message: string } | undefined
}

// No token here: the gateway adds credentials (its own, or those of the visitor's session). No `b3`/`traceparent`
// headers either: a gateway's CORS allow-list does not name them, so the browser's preflight would fail.
const httpClient = Layer.merge(FetchHttpClient.layer, Layer.succeed(HttpClient.TracerPropagationEnabled, false))
const request = makeRequestFunction({ httpClient, requireToken: false })

const entries = (headers: Readonly<Record<string, string>> | undefined): ReadonlyArray<readonly [string, string]> =>
  Object.entries(headers ?? {}).sort(([a], [b]) => a.localeCompare(b))

export const send = async (options: {
  readonly gateway: string
  readonly session: string | undefined
  readonly operation: string
  readonly args: Record<string, Json>
}): Promise<SendOutcome> => {
  const operation = (operations as Record<string, (typeof operations)[keyof typeof operations]>)[options.operation]
  if (!operation) throw new Error(`unknown operation ${options.operation}`)
  const started = performance.now()
  try {
    const response = await request.withResponse(operation as never, options.args as never, {
      baseUrl: options.gateway,
      // One attempt: a playground shows what happened rather than retrying behind the visitor's back.
      maxRetries: 0,
      ...(options.session ? { headers: { "x-gateway-session": options.session } } : {}),
    })
    return { status: response.status, headers: entries(response.headers), body: response.data, durationMs: performance.now() - started }
  } catch (error) {
    const e = error as { _tag?: string; message?: string; status?: number; headers?: Record<string, string>; body?: unknown }
    return {
      status: e.status,
      headers: entries(e.headers),
      body: e.body,
      durationMs: performance.now() - started,
      error: { tag: e._tag ?? "Error", message: e.message ?? String(error) },
    }
  }
}
