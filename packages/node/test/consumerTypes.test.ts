// What a consumer's type-check loads: a TypeScript program over a consumer file of the BUILT package (its published
// .d.ts files, `@utdk/intercom` resolved through `exports` as a consumer's would be). The root (the Promise client)
// loads no file of effect or undici and stays within a small file budget; `@utdk/intercom/effect` keeps the Effect
// service's types (`yield* Intercom`, typed errors in the error channel).
import { fileURLToPath } from "node:url"
import { consumerProgram, packageOf } from "@utdk/intercom-testing/consumerTypes"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const program = (name: string, source: string) => consumerProgram(packageDir, name, source)

/** At most this many declaration files for a Promise consumer (besides TypeScript's libs); 17 when written, 29 with the ten other typed versions (one declaration file each), 31 with `MethodKind` and the header names in modules of their own. */
const promiseFileBudget = 32

describe("a consumer's type-check", { timeout: 180_000 }, () => {
  it("of the root (Promise client, errors, options, pagination, helpers) loads no file of effect or undici", () => {
    const { diagnostics, loaded } = program(
      "consumer-promise.ts",
      [
        `import intercom, { Intercom, IntercomNotFoundError, isIntercomError, SearchQuery, parseWebhookNotification } from "@utdk/intercom"`,
        `import type { Models, UpdateConversationParams, IntercomResponse } from "@utdk/intercom"`,
        `const eu = new Intercom({ token: "t", region: "eu", retry: { budget: "30 seconds" }, dispatcher: undefined })`,
        `const params: UpdateConversationParams = { conversation_id: 123, read: true }`,
        `const conversation: Models.Conversation = await eu.updateConversation(params, { timeout: 5_000, signal: AbortSignal.timeout(1_000) })`,
        `const response: IntercomResponse<Models.Contact> = await intercom.withResponse.showContact({ contact_id: "1" })`,
        `for await (const contact of intercom.paginate.listContacts({ per_page: 50 })) console.log(contact.id)`,
        `try {`,
        `  await intercom.deleteContact({ contact_id: response.data.id })`,
        `} catch (error) {`,
        `  if (error instanceof IntercomNotFoundError) console.log(error._tag, error.requestId, error.status, error.message)`,
        `  else if (isIntercomError(error)) console.log(error._tag)`,
        `}`,
        `const query = SearchQuery.and(SearchQuery.where("email", "~", "@example.com"))`,
        `console.log(conversation.id, query, parseWebhookNotification("{}").topic)`,
        `// @ts-expect-error the root's Intercom is the Promise client, not the Effect service`,
        `Intercom.layerConfig()`,
        `export {}`,
      ].join("\n"),
    )
    expect(diagnostics).toEqual([])
    const packages = [...new Set(loaded.map(packageOf))].sort()
    expect(packages).toEqual(["packages/core", "packages/node"])
    console.log(`consumer of @utdk/intercom: ${loaded.length} declaration files besides TypeScript's libs`)
    expect(loaded.length).toBeLessThanOrEqual(promiseFileBudget)
  })

  it("of @utdk/intercom/effect has the service: yield* Intercom, layers, errors by tag in the error channel", () => {
    const { diagnostics, loaded } = program(
      "consumer-effect.ts",
      [
        `import * as Effect from "effect/Effect"`,
        `import type * as HttpClient from "effect/http/HttpClient"`,
        `import type * as Layer from "effect/Layer"`,
        `import { Intercom, IntercomNotFoundError, type IntercomConfigError } from "@utdk/intercom/effect"`,
        `const program = Effect.gen(function* () {`,
        `  const intercom = yield* Intercom`,
        `  const conversation = yield* intercom.updateConversation({ conversation_id: "123", read: true })`,
        `  const { requestId } = yield* intercom.withResponse.retrieveConversation({ conversation_id: "123" })`,
        `  return [conversation.id, requestId] as const`,
        `}).pipe(Effect.catchTag("IntercomNotFoundError", (error) => Effect.succeed([error.status, error.requestId] as const)))`,
        `// Only the other errors are left in the channel, and the service is required.`,
        `export const typed: Effect.Effect<readonly [unknown, unknown], Exclude<Effect.Error<typeof program>, IntercomNotFoundError>, Intercom> = program`,
        `// @ts-expect-error IntercomNotFoundError was handled: it is no longer in the error channel`,
        `export const notFoundLeft: Effect.Effect<unknown, IntercomNotFoundError, Intercom> = program.pipe(Effect.flip)`,
        `// @ts-expect-error no error has this tag`,
        `program.pipe(Effect.catchTag("IntercomNopeError", () => Effect.void))`,
        `export const layer: Layer.Layer<Intercom, IntercomConfigError, HttpClient.HttpClient> = Intercom.layer({ token: "t" })`,
        `export const test: Layer.Layer<Intercom> = Intercom.layerTest({ retrieveConversation: () => Effect.die("unused") })`,
      ].join("\n"),
    )
    expect(diagnostics).toEqual([])
    expect(loaded.some((f) => packageOf(f) === "effect")).toBe(true)
  })
})
