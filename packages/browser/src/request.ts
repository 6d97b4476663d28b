/**
 * The tree-shakable function form for small bundles: import `request` and only the operations you call.
 *
 * ```ts
 * import { updateConversation } from "@utdk/intercom-browser/operations"
 * import { request } from "@utdk/intercom-browser/request"
 *
 * const conversation = await request(updateConversation, { conversation_id: "123", read: true }, { baseUrl: "/intercom" })
 * const { data, status, requestId } = await request.withResponse(updateConversation, { conversation_id: "123" }, { baseUrl: "/intercom" })
 * ```
 *
 * @since 0.1.0
 */
import { type CompactOperation, makeRequestFunction, type RequestFunction } from "@utdk/intercom-core/RequestFunction"
import * as Transport from "@utdk/intercom-core/Transport"

/**
 * Runs one operation over `fetch`; it takes the compact descriptors of `@utdk/intercom-browser/operations` (their
 * checks need no Schema). The third argument carries the client options (`baseUrl`, optional `token`,
 * `version`, `timeout`, `maxRetries`, `headers`) and the call's `signal`. It runs the same steps as the clients
 * (validation, retries, timeouts, decoding, tagged errors) on plain promises, with none of effect's runtime, and sends
 * with the bare global `fetch` instead of effect/http's `HttpClient`.
 *
 * @category function form
 */
export const request: RequestFunction<CompactOperation<any, any>> = makeRequestFunction({
  transport: Transport.fetch,
  requireToken: false,
})
