/**
 * Makes every error of this SDK an effect `YieldableError` of the effect this module is loaded with: the app's own,
 * effect being a peer dependency. The errors are plain `Error`s otherwise (`IntercomError.ts`), so that the Promise
 * API runs without effect; the Effect API (`Intercom.ts`) calls this when it is imported, and then `yield* error`,
 * `Effect.catchTag` and effect's printing of errors work as with `Data.TaggedError`.
 */
import * as Data from "effect/Data"
import { IntercomError } from "../IntercomError.ts"

/** Properties the SDK's errors keep their own (their `toJSON` carries the fields, `toString` is `Error`'s). */
const own = new Set<PropertyKey>(["constructor", "toJSON", "toString"])

let installed = false

export const makeErrorsYieldable = (): void => {
  if (installed) return
  installed = true
  const yieldable = Object.getPrototypeOf(Data.Error.prototype) as object
  const target = IntercomError.prototype as object
  for (const key of Reflect.ownKeys(yieldable)) {
    if (own.has(key)) continue
    Object.defineProperty(target, key, Object.getOwnPropertyDescriptor(yieldable, key)!)
  }
}
