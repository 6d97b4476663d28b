/**
 * The root's webhook helpers (decoding needs effect/Schema), loaded at their first call instead of at import: each is
 * a stand-in that `require`s the engine (`engine.ts`, one bundle with the effect it needs; an ES module required
 * synchronously is the same instance `import` gives). Their types are `eager.ts`'s (package.json `imports` `#lazy`).
 */
import { createRequire } from "node:module"
import type * as Eager from "./eager.ts"

const require = createRequire(import.meta.url)

const webhook = () => require("./engine.js") as typeof import("./engine.ts")

export const parseWebhookNotification: typeof Eager.parseWebhookNotification = (body) =>
  webhook().parseWebhookNotification(body)
export const verifyWebhookSignature: typeof Eager.verifyWebhookSignature = (input) =>
  webhook().verifyWebhookSignature(input)
