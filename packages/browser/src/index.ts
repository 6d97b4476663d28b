/**
 * @utdk/intercom-browser: the Intercom REST API in the browser, over `fetch`, through an `@utdk/intercom` gateway.
 * For the smallest bundles, use the function form from `@utdk/intercom-browser/request` instead of this entry
 * (which brings every operation). The Effect API is `@utdk/intercom-browser/effect`.
 *
 * @since 0.1.0
 */
export { Intercom, type IntercomBrowserOptions } from "./Intercom.ts"
export type * from "@utdk/intercom-core/PromiseApi"
// Every error class, `isIntercomError` and `fromStatus`: whatever core declares as an error is exported here too.
export * from "@utdk/intercom-core/IntercomError"
export * as SearchQuery from "@utdk/intercom-core/SearchQuery"
export { identityVerificationHash } from "@utdk/intercom-core/IdentityVerification"
export { exchangeOAuthCode, oauthAuthorizeUrl, type OAuthToken } from "@utdk/intercom-core/OAuth"
export {
  parseWebhookNotification,
  verifyWebhookSignature,
  type WebhookNotification,
  type WebhookSignatureCheck,
} from "@utdk/intercom-core/Webhook"
