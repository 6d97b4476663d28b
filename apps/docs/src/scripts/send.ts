/**
 * Sends one call through the gateway with `@utdk/intercom-browser` (its function form over the global fetch).
 * Loaded on the first Send, so the SDK is not part of the JavaScript every page downloads; the operation's own
 * descriptor and models are a further chunk of their own.
 */
import { request } from "@utdk/intercom-browser/request"
import type { Operation } from "@utdk/intercom-core"
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

// One lazy chunk per operation (descriptor + Schema models), fetched only for the operation being sent.
const modules = import.meta.glob<Record<string, Operation>>("../../../../packages/core/src/generated/operations/*.ts")

const loadOperation = async (name: string): Promise<Operation> => {
  const load = modules[`../../../../packages/core/src/generated/operations/${name}.ts`]
  const operation = load && (await load())[name]
  if (!operation) throw new Error(`unknown operation ${name}`)
  return operation
}

const entries = (headers: Readonly<Record<string, string>> | undefined): ReadonlyArray<readonly [string, string]> =>
  Object.entries(headers ?? {}).sort(([a], [b]) => a.localeCompare(b))

export const send = async (options: {
  readonly gateway: string
  readonly session: string | undefined
  readonly operation: string
  readonly args: Record<string, Json>
}): Promise<SendOutcome> => {
  const operation = await loadOperation(options.operation)
  const started = performance.now()
  try {
    // No token: the gateway adds the credentials (its own, or those of the visitor's session).
    const response = await request.withResponse(operation, options.args as never, {
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
