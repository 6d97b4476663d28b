/**
 * The schema of a webhook notification's envelope (`parseWebhookNotification` decodes with it), apart from
 * `Webhook.ts` so that the webhook helpers' declarations do not load effect's.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type * as Webhook from "./internal/webhookNotification.ts"

/**
 * The envelope of every notification: `type: "notification_event"`, the `topic` (`conversation.user.created`,
 * `contact.user.updated`, `ping`…), and `data.item`, the object the event is about (its shape depends on the topic,
 * and is left as sent). Other fields Intercom adds are kept.
 *
 * @category schemas
 */
export const WebhookNotification: Schema.Codec<Webhook.WebhookNotification> = Schema.StructWithRest(
  Schema.Struct({
    type: Schema.Literal("notification_event"),
    topic: Schema.String,
    id: Schema.optionalKey(Schema.String),
    app_id: Schema.optionalKey(Schema.String),
    created_at: Schema.optionalKey(Schema.Number),
    delivery_attempts: Schema.optionalKey(Schema.Number),
    first_sent_at: Schema.optionalKey(Schema.Number),
    data: Schema.StructWithRest(Schema.Struct({ type: Schema.optionalKey(Schema.String), item: Schema.Unknown }), [
      Schema.Record(Schema.String, Schema.Unknown),
    ]),
  }),
  [Schema.Record(Schema.String, Schema.Unknown)],
)

/** @category models */
export type WebhookNotification = Webhook.WebhookNotification
