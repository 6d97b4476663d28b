// Documentation on hover: a TypeScript language service over a consumer file that imports the built `@utdk/intercom`
// (its published .d.ts files) shows the spec's docs for a client method and for a field of its argument. The expected
// sentences are read from the spec here, never quoted: the spec's prose is not committed.
import SwaggerParser from "@apidevtools/swagger-parser"
import { specPath } from "@utdk/intercom-testing/spec"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"
import { beforeAll, describe, expect, it } from "vitest"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
// A file of this package, so `@utdk/intercom` resolves as a consumer's would (self-reference through `exports`).
const consumer = join(packageDir, "test", "hover-consumer.ts")
const source = [
  `import intercom from "@utdk/intercom"`,
  ``,
  `await intercom.updateConversation({ conversation_id: "123", read: true })`,
  ``,
].join("\n")

const service = (): ts.LanguageService => {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  }
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [consumer],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = file === consumer ? source : ts.sys.readFile(file)
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text)
    },
    getCurrentDirectory: () => packageDir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (file) => file === consumer || ts.sys.fileExists(file),
    readFile: (file) => (file === consumer ? source : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath!,
  }
  return ts.createLanguageService(host, ts.createDocumentRegistry())
}

/** Documentation and tags shown on hover at the first occurrence of `word` in the consumer file. */
const hover = (ls: ts.LanguageService, word: string): { readonly documentation: string; readonly tags: string } => {
  const info = ls.getQuickInfoAtPosition(consumer, source.indexOf(word) + 1)
  return {
    documentation: ts.displayPartsToString(info?.documentation),
    tags: (info?.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`).join("\n"),
  }
}

/** The first sentence of a description, whitespace collapsed (the hover text is Markdown of the same sentence). */
const firstSentence = (text: string): string => text.trim().split(/(?<=\.)\s/)[0]!.replace(/\s+/g, " ")
const squash = (text: string): string => text.replace(/\s+/g, " ")

interface SpecDoc {
  readonly paths: Record<string, Record<string, { readonly description: string }>>
  readonly components: {
    readonly schemas: Record<string, { readonly properties: Record<string, { readonly description: string }> }>
  }
}

let spec: SpecDoc
let ls: ts.LanguageService

beforeAll(async () => {
  spec = (await SwaggerParser.parse(specPath())) as unknown as SpecDoc
  ls = service()
})

// The first semantic pass loads every declaration the consumer reaches: minutes on a loaded 2-core CI machine.
describe("documentation on hover", { timeout: 180_000 }, () => {
  it("the consumer file compiles against the published types", () => {
    const diagnostics = [...ls.getSyntacticDiagnostics(consumer), ...ls.getSemanticDiagnostics(consumer)]
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([])
  })

  it("intercom.updateConversation shows the operation's description, docs page, errors and an example", () => {
    const { documentation, tags } = hover(ls, "updateConversation")
    const description = spec.paths["/conversations/{conversation_id}"]!["put"]!.description
    expect(squash(documentation)).toContain(firstSentence(description))
    // A Markdown link in the text, not a `@see` tag: a consumer's `tsc` would parse every method's JSDoc for it.
    expect(documentation).toContain(
      "[updateConversation in the SDK docs](https://intercom.utdk.dev/operations/update-conversation/)",
    )
    expect(tags).toContain("@throws IntercomNotFoundError")
    expect(tags).toContain("@example")
    expect(tags).toContain("intercom.updateConversation(")
  })

  it("its `read` field shows the field's description", () => {
    const { documentation } = hover(ls, "read:")
    const description = spec.components.schemas["update_conversation_request"]!.properties["read"]!.description
    expect(documentation).not.toBe("")
    expect(squash(documentation)).toContain(firstSentence(description))
  })
})
