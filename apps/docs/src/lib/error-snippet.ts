/**
 * How to handle the error a call just failed with, in the two forms the site teaches: `instanceof` on the rejected
 * Promise and `Effect.catchTag` on the Effect channel. Pure functions, typechecked by the snippet test.
 */
import type { Json } from "./schema-node.ts"
import { effectSnippetImports, effectSnippetRun, literal, maskSecrets } from "./snippet.ts"

const call = (operation: string, args: Record<string, Json>, indent: string) =>
  `intercom.${operation}(${Object.keys(args).length === 0 ? "" : literal(maskSecrets(args), indent)})`

/** `try { … } catch (error) { if (error instanceof Tag) … }` with the Promise client. */
export const promiseErrorSnippet = (operation: string, tag: string, args: Record<string, Json>): string =>
  [
    `import intercom, { ${tag} } from "@utdk/intercom"`,
    ``,
    `try {`,
    `  await ${call(operation, args, "  ")}`,
    `} catch (error) {`,
    `  if (error instanceof ${tag}) console.error(error._tag, error.message)`,
    `  else throw error`,
    `}`,
  ].join("\n")

/** The same call as an Effect program that handles this one error by its tag. */
export const effectErrorSnippet = (operation: string, tag: string, args: Record<string, Json>): string =>
  [
    ...effectSnippetImports,
    ``,
    `const program = Effect.gen(function* () {`,
    `  const intercom = yield* Intercom`,
    `  return yield* ${call(operation, args, "  ")}`,
    `}).pipe(Effect.catchTag("${tag}", (error) => Effect.logWarning(error.message)))`,
    ``,
    effectSnippetRun,
  ].join("\n")
