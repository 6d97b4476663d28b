/**
 * The types of the root's Effect-heavy exports (`#lazy` resolves here for TypeScript): the same namespaces and values
 * as `@utdk/intercom-core`'s, with their documentation. At run time `#lazy` is `lazy.ts`, which loads them at their
 * first use.
 */
export * as Pagination from "@utdk/intercom-core/Pagination"
export * as RetryPolicy from "@utdk/intercom-core/RetryPolicy"
export { parseWebhookNotification, verifyWebhookSignature, WebhookNotification } from "@utdk/intercom-core/Webhook"
