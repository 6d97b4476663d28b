/**
 * The compact, effect-free form of each operation's checks (`src/internal/compactValidator.ts` interprets it), made
 * from the generated Schemas themselves once they are written: one source of truth (the Schema), read at build time,
 * so a page's Promise client needs no Schema AST at run time. Every AST-dependent text (`Expected …`, check messages,
 * union member names) is asked of Effect here and stored.
 */
import * as SchemaAST from "effect/SchemaAST"
import type { CompactCheck } from "../../src/internal/compactValidator.ts"
import { memberName } from "../../src/internal/issues.ts"
import type { OperationDescriptor } from "../../src/Operation.ts"

type AST = SchemaAST.AST

/** `SchemaAST`'s text for what a value of `ast` must be (its identifier, else its type). */
const expectedOf = (ast: AST): string =>
  SchemaAST.resolveIdentifier(ast) ??
    (ast as unknown as { getExpected: (f: (a: AST) => string) => string }).getExpected(expectedOf)

const kindNames: Record<string, string> = {
  String: "string",
  Number: "number",
  Boolean: "boolean",
  Null: "null",
  Undefined: "undefined",
  Unknown: "unknown",
  Any: "unknown",
  Objects: "object",
  Arrays: "array",
}

/** The text `compactValidator.ts`'s `expectedOf` gives a shape without `e`. */
const derivedExpected = (ast: AST): string | undefined => {
  if (ast._tag === "Literal") return JSON.stringify(ast.literal)
  if (ast._tag === "Union") {
    return [...new Set(ast.types.map((member) => expectedOf(member._tag === "Suspend" ? member.thunk() : member)))]
      .join(" | ")
  }
  return kindNames[ast._tag]
}

/** Thrown for an AST the compact form does not cover: the generator fails loudly rather than check differently. */
const unsupported = (what: string): never => {
  throw new Error(`generate: the compact checker does not cover ${what}`)
}

const checkKinds: Record<string, CompactCheck[0]> = {
  "effect/schema/isInt": "int",
  "effect/schema/isFinite": "finite",
  "effect/schema/isMinLength": "minLength",
  "effect/schema/isMaxLength": "maxLength",
  "effect/schema/isGreaterThanOrEqualTo": "gte",
  "effect/schema/isLessThanOrEqualTo": "lte",
}

const compactCheck = (check: SchemaAST.Check<unknown>): CompactCheck => {
  const annotations = (check.annotations ?? {}) as {
    readonly expected?: string
    readonly representation?: { readonly id: string; readonly payload: Record<string, number> | null }
  }
  const kind = checkKinds[annotations.representation?.id ?? ""]
  if (check._tag !== "Filter" || kind === undefined || typeof annotations.expected !== "string") {
    return unsupported(`the check ${annotations.representation?.id ?? check._tag}`)
  }
  const bound = Object.values(annotations.representation?.payload ?? {})[0] ?? 0
  return [kind, bound, annotations.expected] as CompactCheck
}

const collectSentinels =
  (SchemaAST as unknown as { collectSentinels: (ast: AST) => ReadonlyArray<{ key: PropertyKey; literal: unknown }> })
    .collectSentinels

/** Writes shapes as JavaScript: shared nodes (models) become named constants, cycles go through a function. */
export class CompactWriter {
  private readonly names = new Map<AST, string>()
  private readonly uses = new Map<AST, number>()
  private readonly declarations: Array<string> = []
  private readonly inProgress = new Set<AST>()

  /** Counts references first, so that only nodes used twice or more get a name. */
  count(ast: AST): void {
    const seen = this.uses.get(ast) ?? 0
    this.uses.set(ast, seen + 1)
    if (seen > 0) return
    switch (ast._tag) {
      case "Suspend":
        return this.count(ast.thunk())
      case "Arrays":
        return ast.rest.forEach((t) => this.count(t))
      case "Objects":
        ast.propertySignatures.forEach((p) => this.count(p.type))
        return ast.indexSignatures.forEach((i) => this.count(i.type))
      case "Union":
        return ast.types.forEach((t) => this.count(t))
    }
  }

  /** A JavaScript expression for `ast`'s shape. */
  ref(ast: AST): string {
    if (ast._tag === "Suspend") {
      const target = ast.thunk()
      this.name(target)
      return `() => ${this.names.get(target)}`
    }
    if ((this.uses.get(ast) ?? 0) > 1 && (ast._tag === "Objects" || ast._tag === "Union" || ast._tag === "Arrays")) {
      return this.name(ast)
    }
    return this.inline(ast)
  }

  private name(ast: AST): string {
    const known = this.names.get(ast)
    if (known !== undefined) return known
    const name = `s${this.names.size}`
    this.names.set(ast, name)
    this.inProgress.add(ast)
    const code = this.inline(ast)
    this.inProgress.delete(ast)
    this.declarations.push(`export const ${name}: CompactShape = ${code}`)
    return name
  }

  /** A reference from inside a node: a name still being written is reached through a function (a cycle). */
  private inner(ast: AST): string {
    const target = ast._tag === "Suspend" ? ast.thunk() : ast
    const code = this.ref(ast)
    return this.inProgress.has(target) && !code.startsWith("()") ? `() => ${code}` : code
  }

  private inline(ast: AST): string {
    if (ast.encoding !== undefined) return unsupported(`an encoding (${ast._tag})`)
    // What Effect says a value of another kind should be, written only where the interpreter would say otherwise.
    const expected = expectedOf(ast)
    const e = expected === derivedExpected(ast) ? "" : `, e: ${JSON.stringify(expected)}`
    const checks = ast.checks === undefined
      ? ""
      : `, c: ${JSON.stringify(ast.checks.map((c) => compactCheck(c as SchemaAST.Check<unknown>)))}`
    const kinds: Record<string, string> = {
      String: "s",
      Number: "n",
      Boolean: "b",
      Null: "z",
      Undefined: "v",
      Unknown: "x",
      Any: "x",
    }
    const kind = kinds[ast._tag]
    if (kind !== undefined) return `{ t: "${kind}"${e}${checks} }`
    switch (ast._tag) {
      case "Literal":
        if (ast.checks !== undefined) return unsupported("a literal with checks")
        return `{ t: "l", v: ${JSON.stringify(ast.literal)}${e} }`
      case "Arrays":
        if (ast.elements.length > 0 || ast.rest.length !== 1) return unsupported("a tuple")
        return `{ t: "a"${e}, i: ${this.inner(ast.rest[0]!)}${checks} }`
      case "Objects": {
        const properties = ast.propertySignatures.map((p) => {
          if (typeof p.name !== "string") return unsupported("a non-string property name")
          return `[${JSON.stringify(p.name)}, ${this.inner(p.type)}, ${p.type.context?.isOptional === true ? 1 : 0}]`
        })
        if (ast.indexSignatures.length > 1) return unsupported("two index signatures")
        const index = ast.indexSignatures[0]
        if (index !== undefined && (index.parameter._tag !== "String" || index.parameter.checks !== undefined)) {
          return unsupported("an index signature without string keys")
        }
        return `{ t: "o"${e}, p: [${properties.join(", ")}]${
          index === undefined ? "" : `, i: ${this.inner(index.type)}`
        }${checks} }`
      }
      case "Union": {
        if (ast.options?.mode === "oneOf" || ast.checks !== undefined) {
          return unsupported("a oneOf union or a checked union")
        }
        const members = ast.types.map((member) => this.inner(member))
        const sentinels = ast.types.map((member) =>
          collectSentinels(member._tag === "Suspend" ? member.thunk() : member).map((
            { key, literal },
          ) => [String(key), literal])
        )
        const d = sentinels.some((s) => s.length > 0) ? `, d: ${JSON.stringify(sentinels)}` : ""
        const names = ast.types.map((member) => memberName(ast, member))
        const n = names.every((name, i) => name === `alternative ${i + 1}`) ? "" : `, n: ${JSON.stringify(names)}`
        return `{ t: "u"${e}, m: [${members.join(", ")}]${d}${n} }`
      }
      default:
        return unsupported(ast._tag)
    }
  }

  /** The named shapes written so far, in an order where each refers only to earlier ones (or through functions). */
  source(): string {
    return this.declarations.join("\n")
  }
}

/** The top-level property names a flat body accepts (`buildRequest`'s rule), or `undefined` for any. */
const bodyKeys = (ast: AST, depth = 0): ReadonlyArray<string> | undefined => {
  if (depth > 8) return undefined
  if (ast._tag === "Suspend") return bodyKeys(ast.thunk(), depth + 1)
  if (ast._tag === "Objects") {
    return ast.indexSignatures.length > 0
      ? undefined
      : ast.propertySignatures.map((p) => String(p.name))
  }
  if (ast._tag === "Union") {
    const keys = new Set<string>()
    for (const member of ast.types) {
      const inner = bodyKeys(member, depth + 1)
      if (inner === undefined) return undefined
      for (const key of inner) keys.add(key)
    }
    return [...keys]
  }
  return undefined
}

/** One compact descriptor's source: the descriptor's facts, its schemas replaced by their compact checks. */
const descriptorSource = (writer: CompactWriter, operation: OperationDescriptor): string => {
  const { parameters, body, success, ...facts } = operation
  const parameterFacts = parameters.map(({ schema: _schema, summary: _summary, ...rest }) => rest)
  const parameterShapes = parameters.map((p) => writer.ref(p.schema.ast))
  const bodyFacts = body === undefined ? undefined : (({ schema: _schema, ...rest }) => rest)(body)
  const bodyShape = body === undefined
    ? ""
    : `, body: { shape: ${writer.ref(body.schema.ast)}, keys: ${
      JSON.stringify(bodyKeys(SchemaAST.toEncoded(body.schema.ast)))
    } }`
  const successShape = success.schema === undefined ? "" : `, success: ${writer.ref(success.schema.ast)}`
  const { summary: _summary, ...kept } = facts
  const typeName = operation.name[0]!.toUpperCase() + operation.name.slice(1)
  return (
    `export const ${operation.name}: CompactOperation<${typeName}Params, ${typeName}Result, ${
      JSON.stringify(operation.pagination)
    }> = {\n` +
    `  ...${JSON.stringify(kept)},\n` +
    `  parameters: ${JSON.stringify(parameterFacts)},\n` +
    `  body: ${JSON.stringify(bodyFacts)},\n` +
    `  success: { status: ${success.status} },\n` +
    `  compact: { parameters: [${parameterShapes.join(", ")}]${bodyShape}${successShape} },\n` +
    `}\n`
  )
}

/**
 * The files of `compact/` (relative to the generated folder): `shapes.ts` (the shared shapes) and `operations.ts`
 * (one compact descriptor per operation; a bundler keeps only the ones a program imports).
 */
export const renderCompact = (
  operations: ReadonlyArray<OperationDescriptor>,
  generatedHeader: string,
): Map<string, string> => {
  const header = `${generatedHeader}\n`
  const writer = new CompactWriter()
  const sorted = [...operations].sort((a, b) => (a.name < b.name ? -1 : 1))
  for (const op of sorted) {
    for (const p of op.parameters) writer.count(p.schema.ast)
    if (op.body) writer.count(op.body.schema.ast)
    if (op.success.schema) writer.count(op.success.schema.ast)
  }
  const descriptors = sorted.map((op) => descriptorSource(writer, op)).join("\n")
  const files = new Map<string, string>()
  files.set(
    "compact/shapes.ts",
    `${header}import type { CompactShape } from "../../internal/compactValidator.ts"\n\n${writer.source()}\n`,
  )
  const names = writer.source().match(/^export const (s\d+)/gm)?.map((line) => line.slice(13)) ?? []
  const types = sorted.flatMap((
    op,
  ) => [
    `${op.name[0]!.toUpperCase()}${op.name.slice(1)}Params`,
    `${op.name[0]!.toUpperCase()}${op.name.slice(1)}Result`,
  ])
  files.set(
    "compact/operations.ts",
    `${header}import type { CompactOperation } from "../../internal/compactOperation.ts"\n` +
      `import type { ${types.join(", ")} } from "../operationTypes.ts"\n` +
      (names.length > 0 ? `import { ${names.join(", ")} } from "./shapes.ts"\n` : "") +
      `\n${descriptors}`,
  )
  return files
}
