// Compiles a Schema's AST once into a plain predicate that accepts what certainly decodes unchanged, so the Schema
// path decodes only the answers that might not.
import type * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"

/**
 * `true` when `input` is certainly accepted by the schema and decoding it would give `input` back (after
 * `keepUnknownFields`); `false` means "not certain": decode it with the schema to find out, or to get the issues.
 */
export type FastValidator = (input: unknown) => boolean

type Check = SchemaAST.Check<unknown>

const noOptions: SchemaAST.ParseOptions = {}

const passes = (check: Check, input: unknown, ast: SchemaAST.AST): boolean =>
  check._tag === "Filter"
    ? check.run(input, ast, noOptions) === undefined
    : check.checks.every((inner) => passes(inner as Check, input, ast))

/** Thrown inside the compiler when a schema is not plain JSON validation: the caller keeps Effect's decoder. */
class Unsupported {}

/**
 * Compiles a validation-only function for an AST made of JSON shapes (structs, records with string keys, arrays,
 * unions, literals, primitives, refinements): such a schema decodes a value to itself, so checking is all decoding
 * does. Anything that could transform a value (an encoding, a declaration such as `Date`, tuples, `oneOf` unions,
 * non-string record keys) makes it give up: the caller keeps Effect's decoder for that schema. Validators are
 * strict: when in doubt they answer `false`, never `true`.
 *
 * The validator is JavaScript source made from the AST (one function per object, array and refined node; property
 * names as constants, primitives and `null` tested inline), so V8 sees monomorphic property loads: about 5x faster
 * than calling a closure per value, which matters on every object of every response. Where `new Function` is not
 * allowed (a page's Content-Security-Policy without `unsafe-eval`) there is no fast validator, and decoding takes
 * Effect's decoder.
 */
class Compiler {
  private readonly functions: Array<string> = []
  private readonly names = new Map<SchemaAST.AST, string>()
  readonly constants: Array<unknown> = []

  private constant(value: unknown): string {
    this.constants.push(value)
    return `c[${this.constants.length - 1}]`
  }

  /** A JavaScript expression that is `true` when `value` (an identifier) is accepted by `ast`. */
  test(ast: SchemaAST.AST, value: string): string {
    if (ast.encoding !== undefined) throw new Unsupported()
    if (ast.checks !== undefined) return `${this.function(ast)}(${value})`
    switch (ast._tag) {
      case "String":
        return `typeof ${value} === "string"`
      case "Number":
        return `typeof ${value} === "number"`
      case "Boolean":
        return `typeof ${value} === "boolean"`
      case "Null":
        return `${value} === null`
      case "Undefined":
        return `${value} === undefined`
      case "Unknown":
      case "Any":
        return "true"
      case "Literal": {
        const literal = ast.literal
        const source = typeof literal === "string" || typeof literal === "boolean"
          ? JSON.stringify(literal)
          : this.constant(literal)
        return `${value} === ${source}`
      }
      case "Union": {
        if (ast.options?.mode === "oneOf" || ast.encodingChecks !== undefined) throw new Unsupported()
        return `(${ast.types.map((member) => this.test(member, value)).join(" || ")})`
      }
      case "Suspend":
      case "Arrays":
      case "Objects":
        return `${this.function(ast)}(${value})`
      default:
        throw new Unsupported()
    }
  }

  /** The name of a function testing its argument against `ast` (each AST compiled once: recursion refers back). */
  private function(ast: SchemaAST.AST): string {
    const known = this.names.get(ast)
    if (known !== undefined) return known
    const name = `f${this.names.size}`
    this.names.set(ast, name)
    const checks = ast.checks as ReadonlyArray<Check> | undefined
    const checked = checks === undefined
      ? ""
      : `if (!${
        this.constant((input: unknown) => checks.every((check) => passes(check, input, ast)))
      }(x)) return false;`
    this.functions.push(`function ${name}(x) {${this.body(ast)}${checked}return true}`)
    return name
  }

  /** Statements that `return false` when `x` does not have `ast`'s shape (its checks aside). */
  private body(ast: SchemaAST.AST): string {
    switch (ast._tag) {
      case "Suspend":
        return `if (!${this.function(ast.thunk())}(x)) return false;`
      case "Arrays": {
        if (ast.elements.length > 0 || ast.rest.length !== 1 || ast.encodingChecks !== undefined) {
          throw new Unsupported()
        }
        return `if (!Array.isArray(x)) return false;for (let i = 0; i < x.length; i++) {const y = x[i];if (!(${
          this.test(ast.rest[0]!, "y")
        })) return false}`
      }
      case "Objects":
        return this.objectBody(ast)
      default:
        // A primitive, literal or union with checks of its own.
        return `if (!(${this.test({ ...ast, checks: undefined } as SchemaAST.AST, "x")})) return false;`
    }
  }

  private objectBody(ast: SchemaAST.Objects): string {
    if (ast.encodingChecks !== undefined) throw new Unsupported()
    if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
      return "if (x === null || x === undefined) return false;"
    }
    // Plain objects only (what JSON.parse makes): a class instance's prototype getters are Effect's to judge.
    let body =
      `if (typeof x !== "object" || x === null) return false;const p = getPrototypeOf(x);if (p !== objectPrototype && p !== null) return false;let y;`
    for (const property of ast.propertySignatures) {
      if (typeof property.name !== "string") throw new Unsupported()
      const key = JSON.stringify(property.name)
      const test = this.test(property.type, "y")
      const missing = property.type.context?.isOptional === true ? "" : "return false"
      // Names an object inherits (`constructor`, `toString`...) need an own-property check; others are absent iff
      // undefined (JSON has no `undefined` values, and a present `undefined` fails every schema but Undefined/Unknown).
      body += property.name in Object.prototype
        ? `y = x[${key}];if (hasOwn(x, ${key})) {if (!(${test})) return false} else {${missing}}`
        : `y = x[${key}];if (y === undefined) {if (hasOwn(x, ${key})) {if (!(${test})) return false} else {${missing}}} else if (!(${test})) return false;`
    }
    for (const index of ast.indexSignatures) {
      if (index.parameter._tag !== "String" || index.parameter.checks !== undefined) throw new Unsupported()
      const test = this.test(index.type, "y")
      if (test !== "true") body += `for (const k of keys(x)) {y = x[k];if (!(${test})) return false}`
    }
    return body
  }

  /** The source of a function of the constants returning the validator of `root`. */
  source(root: SchemaAST.AST): string {
    const entry = this.function(root)
    return `"use strict";const objectPrototype = Object.prototype, getPrototypeOf = Object.getPrototypeOf, hasOwn = Object.hasOwn, keys = Object.keys;${
      this.functions.join("\n")
    }\nreturn ${entry}`
  }
}

const compile = (ast: SchemaAST.AST): FastValidator | undefined => {
  const compiler = new Compiler()
  let source: string
  try {
    source = compiler.source(ast)
  } catch (error) {
    if (error instanceof Unsupported) return undefined
    throw error
  }
  try {
    return new Function("c", source)(compiler.constants) as FastValidator
  } catch {
    // `new Function` refused (Content-Security-Policy): Effect's decoder validates instead.
    return undefined
  }
}

const validators = new WeakMap<Schema.Top, FastValidator | null>()

/**
 * The fast validator of a schema, compiled once; `undefined` when the schema is not plain JSON validation.
 */
export const fastValidatorFor = (schema: Schema.Top): FastValidator | undefined => {
  let validator = validators.get(schema)
  if (validator === undefined) {
    validator = compile(schema.ast) ?? null
    validators.set(schema, validator)
  }
  return validator ?? undefined
}
