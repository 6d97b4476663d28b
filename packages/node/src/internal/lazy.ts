/**
 * The root's Effect-heavy exports (`Pagination` needs effect's Stream, `RetryPolicy.retry` the Effect runtime,
 * `WebhookNotification` effect/Schema), loaded at their first use instead of at import: each is a stand-in that
 * `require`s core's module (an ES module required synchronously: the same instance `import` gives) when first touched,
 * and then reads and calls through to the real value. Its types are `eager.ts`'s (package.json `imports` `#lazy`).
 */
import { createRequire } from "node:module"
import type * as Eager from "./eager.ts"

const require = createRequire(import.meta.url)

/**
 * An object that behaves as `load()`'s result, which it loads at the first property access. Properties read as
 * configurable (a Proxy may not report a non-configurable property its own target lacks).
 */
const lazyObject = <A extends object>(load: () => A): A => {
  let loaded: A | undefined
  const target = (): A => (loaded ??= load())
  return new Proxy({} as A, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key)
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true }
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  })
}

const core = <M>(specifier: string) => () => require(specifier) as M
const webhook = core<typeof import("@utdk/intercom-core/Webhook")>("@utdk/intercom-core/Webhook")

export const Pagination: typeof Eager.Pagination = lazyObject(core("@utdk/intercom-core/Pagination"))
export const RetryPolicy: typeof Eager.RetryPolicy = lazyObject(core("@utdk/intercom-core/RetryPolicy"))
export const WebhookNotification: typeof Eager.WebhookNotification = lazyObject(() => webhook().WebhookNotification)
export const parseWebhookNotification: typeof Eager.parseWebhookNotification = (body) => webhook().parseWebhookNotification(body)
export const verifyWebhookSignature: typeof Eager.verifyWebhookSignature = (input) => webhook().verifyWebhookSignature(input)
