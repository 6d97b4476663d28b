/**
 * The type of a webhook notification's envelope, apart from `Webhook.ts` (the helpers) and `WebhookSchema.ts` (its
 * schema, which loads effect's declarations) so that each imports it without importing the other.
 */
/**
 * The envelope of every notification: `type: "notification_event"`, the `topic` (`conversation.user.created`,
 * `contact.user.updated`, `ping`…), and `data.item`, the object the event is about (its shape depends on the topic,
 * and is left as sent). Other fields Intercom adds are kept. Its schema is `WebhookSchema.WebhookNotification`.
 *
 * @category models
 */
export interface WebhookNotification {
  readonly type: "notification_event"
  readonly topic: string
  readonly id?: string
  readonly app_id?: string
  readonly created_at?: number
  readonly delivery_attempts?: number
  readonly first_sent_at?: number
  readonly data: { readonly type?: string; readonly item: unknown; readonly [key: string]: unknown }
  readonly [key: string]: unknown
}
