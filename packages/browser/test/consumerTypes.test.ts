// What a consumer's type-check loads (the BUILT package, resolved through its `exports`): the root (the Promise
// client over fetch) loads no file of effect; `@utdk/intercom-browser/effect` is the service whose layer needs no token.
import { fileURLToPath } from "node:url"
import { consumerProgram, packageOf } from "@utdk/intercom-testing/consumerTypes"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

describe("a consumer's type-check", { timeout: 180_000 }, () => {
  it("of the root loads no file of effect", () => {
    const { diagnostics, loaded } = consumerProgram(
      packageDir,
      "consumer-promise.ts",
      [
        `import { Intercom, IntercomNotFoundError } from "@utdk/intercom-browser"`,
        `const intercom = new Intercom({ baseUrl: "/intercom" })`,
        `try {`,
        `  const contact = await intercom.showContact({ contact_id: "1" }, { signal: AbortSignal.timeout(1_000) })`,
        `  for await (const item of intercom.paginate.listContacts()) console.log(contact.id, item.id)`,
        `} catch (error) {`,
        `  if (error instanceof IntercomNotFoundError) console.log(error.requestId)`,
        `}`,
        `// @ts-expect-error the root's Intercom is the Promise client, not the Effect service`,
        `Intercom.layer({})`,
        `export {}`,
      ].join("\n"),
    )
    expect(diagnostics).toEqual([])
    expect([...new Set(loaded.map(packageOf))].sort()).toEqual(["packages/browser", "packages/core"])
  })

  it("of @utdk/intercom-browser/effect has the service, provided without a token", () => {
    const { diagnostics } = consumerProgram(
      packageDir,
      "consumer-effect.ts",
      [
        `import * as Effect from "effect/Effect"`,
        `import { Intercom } from "@utdk/intercom-browser/effect"`,
        `export const program = Effect.gen(function* () {`,
        `  const intercom = yield* Intercom`,
        `  return yield* intercom.showContact({ contact_id: "1" })`,
        `}).pipe(Effect.catchTag("IntercomNotFoundError", () => Effect.succeed(undefined)), Effect.provide(Intercom.layer({ baseUrl: "/intercom" })))`,
      ].join("\n"),
    )
    expect(diagnostics).toEqual([])
  })
})
