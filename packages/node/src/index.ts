/**
 * @utdk/intercom: the Intercom REST API for Node.js.
 *
 * ```ts
 * import intercom, { Intercom } from "@utdk/intercom"
 *
 * await intercom.updateConversation({ conversation_id: "123", read: true, title: "Refund" }) // token from the env
 * const eu = new Intercom({ token: process.env.EU_TOKEN, region: "eu" })
 * ```
 *
 * Its declarations load nothing of effect (a consumer's type-check stays light); the Effect API is
 * `@utdk/intercom/effect`.
 *
 * @since 0.1.0
 */
import { Intercom } from "./Intercom.ts"

export { Intercom, type IntercomNodeOptions, type UndiciDispatcher } from "./Intercom.ts"
export type * from "@utdk/intercom-core/PromiseApi"
// Every error class, `isIntercomError` and `fromStatus`: whatever core declares as an error is exported here too.
export * from "@utdk/intercom-core/IntercomError"
// Loaded at their first use (they need effect's Schema); typed and documented as core's.
export { parseWebhookNotification, verifyWebhookSignature } from "#lazy"
export * as SearchQuery from "@utdk/intercom-core/SearchQuery"
export { identityVerificationHash } from "@utdk/intercom-core/IdentityVerification"
export { exchangeOAuthCode, oauthAuthorizeUrl, type OAuthToken } from "@utdk/intercom-core/OAuth"
export type { WebhookNotification, WebhookSignatureCheck } from "@utdk/intercom-core/Webhook"

/**
 * The default client, configured from the environment at its first call (`INTERCOM_ACCESS_TOKEN`,
 * `INTERCOM_REGION`, `INTERCOM_BASE_URL`, `INTERCOM_VERSION`). Importing it never throws.
 *
 * @category clients
 */
const intercom: Intercom = new Intercom()
export default intercom
