/**
 * @utdk/intercom-core: typed Effect programs for every Intercom REST API operation.
 *
 * @since 0.1.0
 */
export type * from "./Operation.ts"
export { apiVersion, operationList, operations } from "./generated/registry.ts"
export type { OperationName, Operations } from "./generated/registry.ts"
export type * from "./generated/operationTypes.ts"
export * as Models from "./generated/models.ts"
export { Intercom } from "./Intercom.ts"
export * from "./IntercomError.ts"
export * as IntercomConfig from "./IntercomConfig.ts"
export type {
  IntercomOptions,
  IntercomRegion,
  IntercomVersion,
  Logger,
  LogLevel,
  PromiseRequestOptions,
  RequestOptions,
  ValidationIssue,
  ValidationMode,
} from "./IntercomConfig.ts"
export type { IntercomResponse } from "./IntercomResponse.ts"
export type * from "./IntercomClient.ts"
export * as Pagination from "./Pagination.ts"
export * as RateLimiter from "./RateLimiter.ts"
export * as RetryPolicy from "./RetryPolicy.ts"
export * as SearchQuery from "./SearchQuery.ts"
export { identityVerificationHash } from "./IdentityVerification.ts"
export { exchangeOAuthCode, oauthAuthorizeUrl, type OAuthToken } from "./OAuth.ts"
export { parseWebhookNotification, verifyWebhookSignature, type WebhookSignatureCheck } from "./Webhook.ts"
export { WebhookNotification } from "./WebhookSchema.ts"
