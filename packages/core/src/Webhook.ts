/**
 * Receiving Intercom webhooks: check the `X-Hub-Signature` of a notification, then decode its envelope.
 *
 * Intercom signs each notification with the app's client secret: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw
 * request body>` (https://developers.intercom.com/docs/references/webhooks/webhook-models,
 * https://intercom-developer-hub.readme.io/reference/signed-notifications). Verify the raw bytes as received, before
 * any JSON parsing: re-serialized JSON does not give the same signature.
 *
 * ```ts
 * import { parseWebhookNotification, verifyWebhookSignature } from "@utdk/intercom"
 *
 * const raw = await request.text()
 * const check = await verifyWebhookSignature({ body: raw, signature: request.headers.get("x-hub-signature"), clientSecret })
 * if (!check.valid) return new Response(check.reason, { status: 401 })
 * const notification = parseWebhookNotification(raw) // { topic: "conversation.user.created", data: { item }, ... }
 * ```
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as SchemaParser from "effect/SchemaParser"
import { bodyIssues } from "./internal/issues.ts"
import { bytesOf, fromHex, hmacKey } from "./internal/hmac.ts"
import { IntercomWebhookError } from "./IntercomError.ts"
import type { WebhookNotification } from "./internal/webhookNotification.ts"
import { WebhookNotification as notificationSchema } from "./WebhookSchema.ts"

export type { WebhookNotification } from "./internal/webhookNotification.ts"

/** The header Intercom puts the signature in (lower-case, as Node and fetch give header names). @category constants */
export const signatureHeader = "x-hub-signature"

/**
 * What {@link verifyWebhookSignature} found: `valid`, or why not (`missing`: no header; `malformed`: not
 * `sha1=` and 40 hex digits; `mismatch`: signed with another secret, or the body changed).
 *
 * @category models
 */
export type WebhookSignatureCheck =
  | { readonly valid: true }
  | { readonly valid: false; readonly reason: "missing" | "malformed" | "mismatch" }

/**
 * Checks Intercom's `X-Hub-Signature` against the raw body, keyed by the app's client secret. The comparison is
 * Web Crypto's `verify` (constant time); never throws on bad input.
 *
 * @category verification
 */
export const verifyWebhookSignature = async (input: {
  /** The raw request body, exactly as received (text or bytes). */
  readonly body: string | Uint8Array
  /** The `X-Hub-Signature` header value (`sha1=…`). */
  readonly signature: string | null | undefined
  /** The app's client secret (Developer Hub → your app → Basic information). */
  readonly clientSecret: string
}): Promise<WebhookSignatureCheck> => {
  const header = input.signature?.trim()
  if (header === undefined || header === "") return { valid: false, reason: "missing" }
  const match = /^sha1=([0-9a-fA-F]{40})$/.exec(header)
  const expected = match === null ? undefined : fromHex(match[1]!)
  if (expected === undefined) return { valid: false, reason: "malformed" }
  const key = await hmacKey("SHA-1", input.clientSecret, "verify")
  const valid = await globalThis.crypto.subtle.verify("HMAC", key, expected, bytesOf(input.body))
  return valid ? { valid: true } : { valid: false, reason: "mismatch" }
}

const decode = SchemaParser.decodeUnknownResult(notificationSchema, { errors: "all" })

/**
 * Decodes a notification body (the raw text, or JSON already parsed) into its envelope; throws
 * `IntercomWebhookError` naming what is wrong. Verify the signature first.
 *
 * @category decoding
 */
export const parseWebhookNotification = (body: string | unknown): WebhookNotification => {
  let json: unknown = body
  if (typeof body === "string") {
    try {
      json = JSON.parse(body)
    } catch (error) {
      const message = `Invalid JSON: ${(error as Error).message}`
      throw new IntercomWebhookError({
        message: `Not an Intercom notification: ${message}`,
        issues: [{ path: "$", message }],
      })
    }
  }
  const decoded = decode(json)
  if (Result.isSuccess(decoded)) return decoded.success
  const issues = bodyIssues(decoded.failure)
  const first = issues[0] ?? { path: "$", message: "Invalid value" }
  throw new IntercomWebhookError({ message: `Not an Intercom notification: ${first.path}: ${first.message}`, issues })
}
