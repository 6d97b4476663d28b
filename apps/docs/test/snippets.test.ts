// The TypeScript and Effect snippets the site shows, generated for every operation with example values and for an
// empty form (required arguments as typed placeholders), must typecheck against the real packages (@utdk/intercom as
// built by the workspace). One tsc run over all of them.
import { execFile } from "node:child_process"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { promisify } from "node:util"
import { describe, expect, it } from "vitest"
import { exampleValues } from "../src/lib/examples.ts"
import { loadOperations } from "../src/lib/operations.ts"
import { effectSnippet, typescriptSnippet, withPlaceholders } from "../src/lib/snippet.ts"
import { tryItData } from "../src/lib/try-it-data.ts"

const dir = join(import.meta.dirname, ".snippets")
const tsc = join(createRequire(import.meta.url).resolve("typescript/package.json"), "..", "bin", "tsc")

describe("code snippets", () => {
  it("typecheck for every operation (TypeScript and Effect forms, filled and empty forms)", async () => {
    const operations = await loadOperations()
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const empty = { header: {}, path: {}, query: {}, body: undefined }
    for (const model of operations) {
      const op = tryItData(model)
      const values = exampleValues(model)
      writeFileSync(join(dir, `${op.name}.ts`), `${typescriptSnippet(op, values)}\nexport {}\n`)
      writeFileSync(join(dir, `${op.name}.effect.ts`), `${effectSnippet(op, values)}\nexport {}\n`)
      // What the page shows before any input: placeholders for what is required.
      writeFileSync(
        join(dir, `${op.name}.empty.ts`),
        `${typescriptSnippet(op, withPlaceholders(empty, op.placeholders))}\nexport {}\n`,
      )
    }
    // Extra fields from the JSON editor: the SDK's call options, after the arguments (an empty object when none).
    const extras = { extraBody: { locale: "en" }, extraQuery: { source: "docs" } }
    for (const name of ["updateConversation", "listContacts", "listTags"]) {
      const model = operations.find((o) => o.name === name)!
      const op = tryItData(model)
      writeFileSync(
        join(dir, `${name}.extras.ts`),
        `${typescriptSnippet(op, exampleValues(model), extras)}\nexport {}\n`,
      )
      writeFileSync(
        join(dir, `${name}.extras.effect.ts`),
        `${effectSnippet(op, exampleValues(model), extras)}\nexport {}\n`,
      )
    }
    // Older versions' pages pin their version (the client, the Effect service, the call's Intercom-Version field):
    // a sample of 2.14 (the seed page's version) and an operation only the preview has.
    for (
      const [version, names] of [
        ["2.14", ["updateConversation", "listContacts", "listCompaniesForAContact", "createTicket"]],
        ["Preview", ["askFin"]],
      ] as const
    ) {
      const models = await loadOperations(version)
      for (const name of names) {
        const model = models.find((o) => o.name === name)
        expect(model, `${name} in ${version}`).toBeDefined()
        const op = tryItData(model!, version)
        const file = `${version}.${name}`
        // The manifest's example values of that version (exampleValues() checks them with the newest's descriptors).
        writeFileSync(join(dir, `${file}.ts`), `${typescriptSnippet(op, model!.exampleValues)}\nexport {}\n`)
        writeFileSync(join(dir, `${file}.effect.ts`), `${effectSnippet(op, model!.exampleValues)}\nexport {}\n`)
        writeFileSync(
          join(dir, `${file}.empty.ts`),
          `${typescriptSnippet(op, withPlaceholders(empty, op.placeholders))}\nexport {}\n`,
        )
      }
    }
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../../tsconfig.base.json",
        compilerOptions: {
          noEmit: true,
          types: ["node"],
          declaration: false,
          declarationMap: false,
          sourceMap: false,
          noUnusedLocals: false,
        },
        include: ["*.ts"],
      }),
    )
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], {
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      () => ({ code: 0, out: "" }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, out: error.stdout ?? String(error) }),
    )
    const failing = new Set([...result.out.matchAll(/^([^(\s]+\.ts)\(/gm)].map((m) => m[1]))
    expect({ failing: [...failing].sort(), output: result.out.slice(0, 4000) }).toEqual({ failing: [], output: "" })
    expect(operations.length).toBe(231)
  }, 600_000)
})
