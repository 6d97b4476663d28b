/**
 * Sends one call through the gateway with `@utdk/intercom-browser`. Loaded on the first Send, so the SDK is not part
 * of the JavaScript every page downloads.
 */
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

export const send = async (options: {
  readonly gateway: string
  readonly session: string | undefined
  readonly operation: string
  readonly method: string
  readonly url: string
  readonly args: Record<string, Json>
  readonly body: Json | undefined
  readonly headers: Record<string, string>
}): Promise<SendOutcome> => {
  const started = performance.now()
  const headers: Record<string, string> = { accept: "application/json", ...options.headers }
  if (options.session) headers["x-gateway-session"] = options.session
  if (options.body !== undefined) headers["content-type"] = "application/json"
  try {
    const response = await fetch(options.url, {
      method: options.method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    })
    const text = await response.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // Not JSON: show the text.
    }
    return { status: response.status, headers: [...response.headers], body, durationMs: performance.now() - started }
  } catch (error) {
    return {
      status: undefined,
      headers: [],
      body: undefined,
      durationMs: performance.now() - started,
      error: { tag: "IntercomTransportError", message: String(error) },
    }
  }
}
