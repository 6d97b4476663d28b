// ClientOptions restates two of effect's types by shape, so that a Promise user's type-check never loads effect.
// These assertions are checked by `tsc` (the package's typecheck): they fail to compile if effect's types and the
// restated shapes drift apart, in either direction that matters.
import type * as Duration from "effect/Duration"
import type * as Redacted from "effect/Redacted"
import { describe, expectTypeOf, it } from "vitest"
import type { DurationInput, RedactedToken } from "../src/ClientOptions.ts"

describe("effect's types restated by shape", () => {
  it("every effect Duration.Input is accepted as a DurationInput", () => {
    expectTypeOf<Duration.Input>().toExtend<DurationInput>()
    expectTypeOf<Duration.Duration>().toExtend<DurationInput>()
  })

  it("every DurationInput but the Duration shape is one effect's Duration.fromInput takes", () => {
    expectTypeOf<Exclude<DurationInput, { readonly "~effect/Duration": "~effect/Duration" }>>().toExtend<
      Duration.Input
    >()
  })

  it("every effect Redacted<string> is a RedactedToken, and a Redacted of another type is not", () => {
    expectTypeOf<Redacted.Redacted<string>>().toExtend<RedactedToken>()
    expectTypeOf<Redacted.Redacted<number>>().not.toExtend<RedactedToken>()
    expectTypeOf<string>().not.toExtend<RedactedToken>()
  })
})
