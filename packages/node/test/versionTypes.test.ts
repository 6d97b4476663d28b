// A client is typed by the version it is pinned to (`new Intercom({ version })`), checked as a consumer's type-check
// sees the BUILT package: known differences between 2.14 and 2.16 (from the descriptions), a method a version lacks,
// the default (no version: the newest numbered), Preview, and the deprecated alias of a renamed operation.
import { fileURLToPath } from "node:url"
import { consumerDiagnostics } from "@utdk/intercom-testing/consumerTypes"
import { describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))

const prelude = [
  `import { Intercom } from "@utdk/intercom"`,
  `type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false`,
  `const same = <T extends true>(): void => undefined`,
  `type Result<F> = F extends (...args: never) => Promise<infer A> ? A : never`,
  // The declared values of an open enum (`"a" | "b" | (string & {})`), without the open end.
  `type Known<T> = T extends string ? (string extends T ? never : T) : T`,
  // Not NonNullable: \`T & {}\` folds an open enum's literals into \`string\`.
  `type Defined<T> = Exclude<T, undefined | null>`,
]

const cases: ReadonlyArray<{ readonly name: string; readonly lines: ReadonlyArray<string> }> = [
  {
    name: "2.14: conversation.priority is priority | not_priority",
    lines: [
      `const c = new Intercom({ version: "2.14" })`,
      `same<Equals<Known<Defined<Result<typeof c.retrieveConversation>["priority"]>>, "priority" | "not_priority">>()`,
    ],
  },
  {
    name: "2.16: conversation.priority is none | low | medium | high | urgent",
    lines: [
      `const c = new Intercom({ version: "2.16" })`,
      `same<Equals<Known<Defined<Result<typeof c.retrieveConversation>["priority"]>>, "none" | "low" | "medium" | "high" | "urgent">>()`,
    ],
  },
  {
    name: "2.14: contact.owner_id is an integer",
    lines: [
      `const c = new Intercom({ version: "2.14" })`,
      `same<Equals<Defined<Result<typeof c.showContact>["owner_id"]>, number>>()`,
    ],
  },
  {
    name: "no version: the newest numbered (2.16), contact.owner_id is a string",
    lines: [`const c = new Intercom()`, `same<Equals<Defined<Result<typeof c.showContact>["owner_id"]>, string>>()`],
  },
  {
    name: "2.14 lacks a 2.16-only method (attachTagToArticle) which 2.16 has",
    lines: [
      `const old = new Intercom({ version: "2.14" })`,
      `const now = new Intercom({ version: "2.16" })`,
      `same<Equals<"attachTagToArticle" extends keyof typeof old ? true : false, false>>()`,
      `same<Equals<"attachTagToArticle" extends keyof typeof now ? true : false, true>>()`,
      `same<Equals<"attachTagToArticle" extends keyof typeof old.withResponse ? true : false, false>>()`,
    ],
  },
  {
    name: "Preview is a version like the others (askFin exists there only)",
    lines: [
      `const p = new Intercom({ version: "Preview" })`,
      `const now = new Intercom()`,
      `same<Equals<"askFin" extends keyof typeof p ? true : false, true>>()`,
      `same<Equals<"askFin" extends keyof typeof now ? true : false, false>>()`,
    ],
  },
  {
    name:
      "an older name is a method only of the versions that had it (getCustomObjectInstancesByExternalId, 2.13-2.15)",
    lines: [
      `const c = new Intercom({ version: "2.14" })`,
      `const now = new Intercom()`,
      `same<Equals<"getCustomObjectInstancesByExternalId" extends keyof typeof c ? true : false, true>>()`,
      `same<Equals<"getCustomObjectInstancesByExternalId" extends keyof typeof now ? true : false, false>>()`,
      `same<Equals<"listCustomObjectInstances" extends keyof typeof c ? true : false, true>>()`,
    ],
  },
]

const effectCase = [
  `import * as Effect from "effect/Effect"`,
  `import { Intercom } from "@utdk/intercom/effect"`,
  `type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false`,
  `const same = <T extends true>(): void => undefined`,
  `type Defined<T> = Exclude<T, undefined | null>`,
  `export const program = Effect.gen(function* () {`,
  `  const c = yield* Intercom.pinned("2.14")`,
  `  same<Equals<"attachTagToArticle" extends keyof typeof c ? true : false, false>>()`,
  `  const contact = yield* c.showContact({ contact_id: "1" })`,
  `  same<Equals<Defined<typeof contact["owner_id"]>, number>>()`,
  `  const now = yield* Intercom`,
  `  const latest = yield* now.showContact({ contact_id: "1" })`,
  `  same<Equals<Defined<typeof latest["owner_id"]>, string>>()`,
  `})`,
]

describe("a client pinned to a version is typed by that version", { timeout: 180_000 }, () => {
  const diagnostics = consumerDiagnostics([
    ...cases.map((c, i) => ({
      packageDir,
      name: `consumer-version-${i}.ts`,
      source: [...prelude, ...c.lines, `export {}`].join("\n"),
    })),
    { packageDir, name: "consumer-version-effect.ts", source: effectCase.join("\n") },
  ])
  cases.forEach((c, i) => {
    it(c.name, () => {
      expect(diagnostics.get(`consumer-version-${i}.ts`)).toEqual([])
    })
  })
  it("Effect: Intercom.pinned(\"2.14\") is 2.14's client, the service itself the newest's", () => {
    expect(diagnostics.get("consumer-version-effect.ts")).toEqual([])
  })
})
