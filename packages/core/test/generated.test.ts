import SwaggerParser from "@apidevtools/swagger-parser"
import { specPath } from "@utdk/intercom-testing/spec"
import * as Schema from "effect/Schema"
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { OperationDescriptor } from "../src/Operation.ts"
import { apiVersion, deprecatedAliases, operationList, operations } from "../src/generated/registry.ts"

interface SpecOperation {
  readonly responses: Record<
    string,
    { content?: Record<string, { examples?: Record<string, { value?: unknown }>; example?: unknown }> }
  >
}
type Spec = { paths: Record<string, Record<string, SpecOperation>> }

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const generatedDir = join(packageDir, "src", "generated")
let spec: Spec

beforeAll(async () => {
  spec = (await SwaggerParser.dereference(specPath("2.16"))) as unknown as Spec
})

const specOperation = (op: OperationDescriptor): SpecOperation | undefined =>
  spec.paths[op.path]?.[op.method.toLowerCase()]

const decodes = (schema: Schema.Top, value: unknown): unknown =>
  Schema.decodeUnknownSync(schema as Schema.Codec<unknown>)(value, { errors: "all" })

describe("generated registry", () => {
  it("has every operation of Intercom API 2.16, once, under its camelCase operationId", () => {
    expect(apiVersion).toBe("2.16")
    expect(operationList).toHaveLength(231)
    expect(Object.keys(operations)).toHaveLength(231)
    for (const [name, op] of Object.entries(operations)) {
      expect(op.name).toBe(name)
      expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/)
    }
    const routes = new Set(operationList.map((op) => `${op.method} ${op.path}`))
    expect(routes.size).toBe(231)
  })

  it("describes only paths and methods the spec has", () => {
    for (const op of operationList) expect(specOperation(op), `${op.method} ${op.path}`).toBeDefined()
    let count = 0
    for (const item of Object.values(spec.paths)) {
      for (const method of ["get", "post", "put", "patch", "delete"]) if (item[method]) count++
    }
    expect(count).toBe(operationList.length)
  })

  it("fills every path placeholder from a path parameter and keeps summaries to one line", () => {
    for (const op of operationList) {
      const placeholders = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()
      const pathParams = op.parameters.filter((p) => p.in === "path").map((p) => p.name).sort()
      expect(pathParams, op.name).toEqual(placeholders)
      expect(op.summary).not.toContain("\n")
    }
  })

  it("applies the overrides: every path id takes a string or an integer (pathIds)", () => {
    const ids = operationList.flatMap((op) =>
      op.parameters.filter((p) => p.in === "path" && /^(id|.+_id|.+_identifier)$/.test(p.name))
    )
    expect(ids.length).toBeGreaterThan(150)
    for (const param of ids) {
      expect(decodes(param.schema, "215472876711393"), param.name).toBe("215472876711393")
      expect(decodes(param.schema, 123), param.name).toBe(123)
      expect(() => decodes(param.schema, 1.5), param.name).toThrow()
      expect(() => decodes(param.schema, true), param.name).toThrow()
    }
  })

  it("applies the overrides: misspelt operationIds get their correct method name (operationNames)", () => {
    expect(operations.listDataEvents.operationId).toBe("lisDataEvents")
    expect(operations.listDataAttributes.operationId).toBe("lisDataAttributes")
    expect(deprecatedAliases).toEqual({
      lisDataAttributes: operations.listDataAttributes,
      lisDataEvents: operations.listDataEvents,
    })
  })

  it("applies the overrides: GET /contacts pages with page, per_page and starting_after", () => {
    const list = operations.listContacts
    expect(list.path).toBe("/contacts")
    expect(list.parameters.filter((p) => p.in === "query").map((p) => p.name)).toEqual(
      expect.arrayContaining(["page", "per_page", "starting_after"]),
    )
    expect(list.pagination).toBe("cursor")
  })

  it("applies the overrides: 429 everywhere, 400 on updateConversation, names for operations without an id", () => {
    for (const op of operationList) {
      expect(op.errorStatuses, op.name).toContain(429)
      expect(op.errorStatuses, op.name).toEqual([...op.errorStatuses].sort((a, b) => a - b))
    }
    expect(operations.updateConversation.errorStatuses).toContain(400)
    expect(operations.enqueueReportingDataExport.path).toBe("/export/reporting_data/enqueue")
    expect(operations.downloadReportingDataExport.parameters.find((p) => p.name === "job_identifier")?.in).toBe("path")
  })

  it("derives pagination and retry safety", () => {
    expect(operations.listConversations.pagination).toBe("cursor")
    expect(operations.searchConversations.pagination).toBe("searchCursor")
    expect(operations.scrollOverAllCompanies.pagination).toBe("scroll")
    expect(operations.listCalls.pagination).toBe("page")
    expect(operations.retrieveConversation.retrySafe).toBe(true)
    expect(operations.createConversation.retrySafe).toBe(false)
    expect(operations.searchConversations.retrySafe).toBe(true)
  })

  it("spreads object bodies into the flat argument and renames body fields that clash with a parameter", () => {
    const update = operations.updateConversation
    expect(update.body?.flat).toBe(true)
    expect(update.body?.renamed).toEqual({})
    for (const op of operationList) {
      if (!op.body) continue
      const keys = new Set(op.parameters.map((p) => p.key))
      for (const [key, wire] of Object.entries(op.body.renamed)) {
        expect(key).toBe(`body_${wire}`)
        expect(keys.has(wire)).toBe(true)
      }
    }
  })

  it("decodes every success example of the spec with the operation's success schema, unchanged", () => {
    let checked = 0
    const failures: Array<string> = []
    for (const op of operationList) {
      const response = specOperation(op)?.responses[String(op.success.status)]
      const content = response?.content ?? {}
      const media = content["application/json"] ??
        Object.entries(content).find(([type]) => type.startsWith("text/"))?.[1]
      if (!media || !op.success.schema) continue
      const examples = [
        ...(media.example !== undefined ? [media.example] : []),
        ...Object.values(media.examples ?? {}).map((e) => e.value),
      ]
      for (const example of examples) {
        checked++
        try {
          // Unknown fields pass through untouched: the decoded value equals the example.
          expect(decodes(op.success.schema, example)).toEqual(example)
        } catch (error) {
          failures.push(`${op.name}: ${String(error).slice(0, 400)}`)
        }
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(200)
  })

  it("has request schemas that reject what the spec forbids", () => {
    const header = operations.updateConversation.parameters.find((p) => p.name === "Intercom-Version")!
    expect(decodes(header.schema, "2.16")).toBe("2.16")
    expect(() => decodes(header.schema, "9.99")).toThrow()
    const body = operations.updateConversation.body!.schema
    expect(() => decodes(body, { read: "yes" })).toThrow()
    const perPage = operations.listAudiences.parameters.find((p) => p.name === "per_page")!
    expect(decodes(perPage.schema, 50)).toBe(50)
    expect(() => decodes(perPage.schema, 51)).toThrow()
    expect(() => decodes(perPage.schema, 1.5)).toThrow()
  })
})

describe("tree-shaking", () => {
  it("bundles a browser program that uses one operation without the other models", async () => {
    const esbuild = await import("esbuild")
    const result = await esbuild.build({
      stdin: {
        contents: [
          `import * as Schema from "effect/Schema"`,
          `import { updateConversation } from "./generated/operations/updateConversation.ts"`,
          `export const run = (u) => Schema.decodeUnknownSync(updateConversation.success.schema)(u)`,
        ].join("\n"),
        resolveDir: join(packageDir, "src"),
        loader: "ts",
      },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      metafile: true,
    })
    const size = result.outputFiles[0]!.contents.byteLength
    const generated = Object.keys(result.metafile.inputs).filter((input) => input.includes("generated/"))
    expect(size).toBeLessThan(150_000)
    expect(generated).toContain("src/generated/operations/updateConversation.ts")
    expect(generated).toContain("src/generated/models/Conversation.ts")
    expect(generated).not.toContain("src/generated/models/Ticket.ts")
    expect(generated.length).toBeLessThan(100)
  })
})

describe("generator", () => {
  const dirs: Array<string> = []
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })
  const run = (...args: Array<string>): string => {
    const out = mkdtempSync(join(tmpdir(), "intercom-generate-"))
    dirs.push(out)
    execFileSync(process.execPath, ["scripts/generate.ts", "--out", out, ...args], { cwd: packageDir, stdio: "pipe" })
    return out
  }
  const files = (dir: string): Array<string> =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .sort()

  // A whole generation reads the 35k-line spec and writes ~560 files: seconds alone, minutes on a loaded 2-core machine.
  const generatorTimeout = 180_000

  it("regenerates the committed output byte for byte", () => {
    const out = run()
    const committed = files(generatedDir)
    expect(files(out)).toEqual(committed)
    for (const file of committed) {
      expect(readFileSync(join(out, file), "utf8"), file).toBe(readFileSync(join(generatedDir, file), "utf8"))
    }
  }, generatorTimeout)

  it("marks every generated file on its first line", () => {
    // JSON has no comments: the docs manifests are marked by where they live, not a header. A version's own files
    // name it; the files over every version name them all.
    for (const file of files(generatedDir).filter((f) => /\.(ts|js)$/.test(f))) {
      const first = readFileSync(join(generatedDir, file), "utf8").split("\n")[0]
      const version = /^versions\/([^/]+)\//.exec(file)?.[1]
      expect(first, file).toMatch(
        version !== undefined
          ? `// Generated by packages/core/scripts/generate.ts from the Intercom OpenAPI description ${version}. Do not edit.`
          : /^\/\/ Generated by packages\/core\/scripts\/generate\.ts from the Intercom OpenAPI description (2\.16|2\.7, .*, 2\.16, Preview)\. Do not edit\.$/,
      )
    }
  })

  it("builds every schema of every version's registry with the engine's Schema members (schemaKit)", async () => {
    const { registryLoaders, schemaKit } = await import("../src/generated/loaders.ts")
    let built = 0
    for (const load of Object.values(registryLoaders)) {
      const { operations: ops } = (await load()).default(schemaKit)
      for (const op of Object.values(ops)) {
        for (const schema of [op.success.schema, op.body?.schema, ...op.parameters.map((p) => p.schema)]) {
          if (schema !== undefined) expect(Schema.isSchema(schema), op.name).toBe(true)
          built++
        }
      }
    }
    expect(built).toBeGreaterThan(1000)
  })

  it("generates every other version as a registry module built with the engine's Schema", async () => {
    const { registryLoaders, schemaKit } = await import("../src/generated/loaders.ts")
    expect(Object.keys(registryLoaders)).toEqual([
      "2.7",
      "2.8",
      "2.9",
      "2.10",
      "2.11",
      "2.12",
      "2.13",
      "2.14",
      "2.15",
      "Preview",
    ])
    const preview = (await registryLoaders.Preview()).default(schemaKit)
    expect(preview.operations["askFin"]).toMatchObject({ method: "POST", path: "/fin/ask" })
    const old = (await registryLoaders["2.14"]()).default(schemaKit)
    expect(old.operations["askFin"]).toBeUndefined()
    // GET /custom_object_instances/{type}: in 2.14 a lookup by a required external_id (under its older name too),
    // in 2.16 a list whose external_id filter is optional.
    const byExternalId = old.operations["listCustomObjectInstances"]!
    expect(old.deprecatedAliases["getCustomObjectInstancesByExternalId"]).toBe(byExternalId)
    expect(byExternalId.parameters.find((p) => p.name === "external_id")?.required).toBe(true)
    expect(operations.listCustomObjectInstances.parameters.find((p) => p.name === "external_id")?.required).toBe(false)
  })
})

describe("the versions' type modules", () => {
  // A consumer type-checks with `skipLibCheck`, where a name a declaration file cannot resolve silently becomes
  // `any`: only a check of the files themselves sees an older version's types lose a shared declaration.
  it("resolve every name they refer to", { timeout: 180_000 }, () => {
    const roots = [
      join(generatedDir, "versionTypes.ts"),
      ...readdirSync(join(generatedDir, "versions"), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => join(generatedDir, "versions", e.name, "types.d.ts")),
    ]
    const program = ts.createProgram(roots, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      allowImportingTsExtensions: true,
      noEmit: true,
      strict: true,
      skipLibCheck: false,
      types: [],
    })
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...roots.flatMap((file) => {
        const source = program.getSourceFile(file)
        return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      }),
    ]
    expect(diagnostics.map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`))
      .toEqual([])
    expect(roots.length).toBe(11)
  })
})
