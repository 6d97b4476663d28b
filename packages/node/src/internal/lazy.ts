/**
 * The root's webhook helpers (decoding needs effect/Schema), loaded at their first call instead of at import: each is
 * a stand-in that `require`s core's module (an ES module required synchronously: the same instance `import` gives).
 * Their types are `eager.ts`'s (package.json `imports` `#lazy`).
 */
import { createRequire } from "node:module"
import type * as Eager from "./eager.ts"

const require = createRequire(import.meta.url)

const core = <M>(specifier: string) => () => require(specifier) as M
const webhook = core<typeof import("@utdk/intercom-core/Webhook")>("@utdk/intercom-core/Webhook")

export const parseWebhookNotification: typeof Eager.parseWebhookNotification = (body) => webhook().parseWebhookNotification(body)
export const verifyWebhookSignature: typeof Eager.verifyWebhookSignature = (input) => webhook().verifyWebhookSignature(input)
