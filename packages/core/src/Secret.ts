/**
 * A secret its owner can read but that does not leak by accident: `String()`, template strings, `JSON.stringify`
 * and `console.log` show `<redacted:label>`; `reveal()` gives the value (to store an OAuth token). It needs no
 * effect: `exchangeOAuthCode` gives one, and `new Intercom({ token })` takes it as it takes a string or an effect
 * `Redacted`.
 *
 * @since 0.3.0
 */

/** @category models */
export class Secret {
  readonly #value: string
  readonly label: string

  constructor(value: string, label = "secret") {
    this.#value = value
    this.label = label
  }

  /** The secret itself, e.g. to store it. */
  reveal(): string {
    return this.#value
  }

  toString(): string {
    return `<redacted:${this.label}>`
  }

  toJSON(): string {
    return this.toString()
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString()
  }
}

/** @category guards */
export const isSecret = (u: unknown): u is Secret => u instanceof Secret

/**
 * A secret from effect's `Redacted.make(token)` (it prints as `<redacted>`), described by its shape so that these
 * declarations need not load effect: every `Redacted<string>` fits.
 *
 * @category models
 */
export interface RedactedToken {
  readonly "~effect/Redacted": { readonly _A: (_: never) => string }
  readonly label: string | undefined
}

/** Anything a token or a client secret can be given as. @category models */
export type SecretInput = string | RedactedToken | Secret

/** effect's `Redacted` marks its values with this key (the shape `RedactedToken` restates). */
const isEffectRedacted = (u: unknown): u is RedactedToken =>
  typeof u === "object" && u !== null && "~effect/Redacted" in u

// Not a literal, so that bundlers leave it alone: only an app that made an effect `Redacted` (and so has effect)
// reaches it.
const effectRedacted = "effect/Redacted"

/**
 * The text of a token: a string as it is, a `Secret` revealed, an effect `Redacted` read with the app's own effect
 * (loaded only then: its values are known only to the copy of effect that made them).
 *
 * @category destructors
 */
export const revealSecret = async (secret: SecretInput | undefined): Promise<string | undefined> => {
  if (secret === undefined || typeof secret === "string") return secret
  if (isSecret(secret)) return secret.reveal()
  if (isEffectRedacted(secret)) {
    const Redacted = (await import(/* @vite-ignore */ effectRedacted)) as typeof import("effect/Redacted")
    return Redacted.value(secret as never) as string
  }
  return secret
}
