import type * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"

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

// Plain objects only (what JSON.parse makes): a class instance's prototype getters are Effect's to judge.
const isObject = (u: unknown): u is Record<string, unknown> => {
  if (typeof u !== "object" || u === null) return false
  const proto = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

/**
 * Compiles a validation-only function for an AST made of JSON shapes (structs, records with string keys, arrays,
 * unions, literals, primitives, refinements): such a schema decodes a value to itself, so checking is all decoding
 * does. Anything that could transform a value (an encoding, a declaration such as `Date`, tuples, `oneOf` unions,
 * non-string record keys) makes it give up and return `undefined`: the caller keeps Effect's decoder for that
 * schema. Validators are strict: when in doubt they answer `false`, never `true`.
 */
const compile = (ast: SchemaAST.AST, seen: Map<SchemaAST.AST, FastValidator>): FastValidator | undefined => {
  const cached = seen.get(ast)
  if (cached !== undefined) return cached
  if (ast.encoding !== undefined) return undefined
  let compiled: FastValidator | undefined
  // Recursive schemas (Suspend) refer back to themselves: register a forwarder before compiling the body.
  let self: FastValidator | undefined
  seen.set(ast, (input) => self!(input))
  const base = compileShape(ast, seen)
  if (base !== undefined) {
    const checks = ast.checks as ReadonlyArray<Check> | undefined
    compiled =
      checks === undefined ? base : (input) => base(input) && checks.every((check) => passes(check, input, ast))
  }
  if (compiled === undefined) {
    seen.delete(ast)
    return undefined
  }
  self = compiled
  seen.set(ast, compiled)
  return compiled
}

const compileShape = (ast: SchemaAST.AST, seen: Map<SchemaAST.AST, FastValidator>): FastValidator | undefined => {
  switch (ast._tag) {
    case "String":
      return (input) => typeof input === "string"
    case "Number":
      return (input) => typeof input === "number"
    case "Boolean":
      return (input) => typeof input === "boolean"
    case "Null":
      return (input) => input === null
    case "Undefined":
      return (input) => input === undefined
    case "Unknown":
    case "Any":
      return () => true
    case "Literal": {
      const literal = ast.literal
      return (input) => input === literal
    }
    case "Suspend": {
      let inner: FastValidator | undefined | null = null
      return (input) => {
        if (inner === null) inner = compile(ast.thunk(), seen)
        return inner !== undefined && inner(input)
      }
    }
    case "Union": {
      if (ast.options?.mode === "oneOf" || ast.encodingChecks !== undefined) return undefined
      const members: Array<FastValidator> = []
      for (const member of ast.types) {
        const validator = compile(member, seen)
        if (validator === undefined) return undefined
        members.push(validator)
      }
      return (input) => {
        for (let i = 0; i < members.length; i++) if (members[i]!(input)) return true
        return false
      }
    }
    case "Arrays": {
      if (ast.elements.length > 0 || ast.rest.length !== 1 || ast.encodingChecks !== undefined) return undefined
      const item = compile(ast.rest[0]!, seen)
      if (item === undefined) return undefined
      return (input) => {
        if (!Array.isArray(input)) return false
        for (let i = 0; i < input.length; i++) if (!item(input[i])) return false
        return true
      }
    }
    case "Objects":
      return compileObjects(ast, seen)
    default:
      return undefined
  }
}

const compileObjects = (
  ast: SchemaAST.Objects,
  seen: Map<SchemaAST.AST, FastValidator>,
): FastValidator | undefined => {
  if (ast.encodingChecks !== undefined) return undefined
  if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
    return (input) => input !== null && input !== undefined
  }
  // Parallel arrays and index loops: this runs for every object of every response.
  const names: Array<string> = []
  const optional: Array<boolean> = []
  // Names an object inherits (`constructor`, `toString`...) need an own-property check; others are absent iff undefined
  // (JSON has no `undefined` values, and a present `undefined` fails every schema here but Undefined/Unknown).
  const inherited: Array<boolean> = []
  const validators: Array<FastValidator> = []
  for (const property of ast.propertySignatures) {
    if (typeof property.name !== "string") return undefined
    const validate = compile(property.type, seen)
    if (validate === undefined) return undefined
    names.push(property.name)
    optional.push(property.type.context?.isOptional === true)
    inherited.push(property.name in Object.prototype)
    validators.push(validate)
  }
  const indexes: Array<FastValidator> = []
  for (const index of ast.indexSignatures) {
    if (index.parameter._tag !== "String" || index.parameter.checks !== undefined) return undefined
    const validate = compile(index.type, seen)
    if (validate === undefined) return undefined
    if (index.type._tag !== "Unknown" && index.type._tag !== "Any") indexes.push(validate)
  }
  const count = names.length
  return (input) => {
    if (!isObject(input)) return false
    for (let i = 0; i < count; i++) {
      const name = names[i]!
      const value = input[name]
      if (value === undefined || inherited[i]) {
        if (!Object.hasOwn(input, name)) {
          if (optional[i]) continue
          return false
        }
      }
      if (!validators[i]!(value)) return false
    }
    if (indexes.length > 0) {
      for (const key of Object.keys(input)) {
        const value = input[key]
        for (let i = 0; i < indexes.length; i++) if (!indexes[i]!(value)) return false
      }
    }
    return true
  }
}

const validators = new WeakMap<Schema.Top, FastValidator | null>()

/**
 * The fast validator of a schema, compiled once; `undefined` when the schema is not plain JSON validation.
 */
export const fastValidatorFor = (schema: Schema.Top): FastValidator | undefined => {
  let validator = validators.get(schema)
  if (validator === undefined) {
    validator = compile(schema.ast, new Map()) ?? null
    validators.set(schema, validator)
  }
  return validator ?? undefined
}
