/**
 * The types of the root's lazily loaded exports (`#lazy` resolves here for TypeScript): core's functions, with their
 * documentation. At run time `#lazy` is `lazy.ts`, which loads them at their first use.
 */
export { parseWebhookNotification, verifyWebhookSignature } from "@utdk/intercom-core/Webhook"
