/**
 * The checks of a descriptor with Schemas: Effect's parser (encoding arguments, decoding answers, every error), with
 * the compiled fast validator first where a plain JSON schema lets it answer alone.
 */
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import type * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaParser from "effect/SchemaParser"
import type { OperationDescriptor } from "../Operation.ts"
import { fastValidatorFor } from "./fastValidator.ts"
import { flattenIssue } from "./issues.ts"
import { keepUnknownFields } from "./keepUnknownFields.ts"
import { type Checked, type ChecksOf, eitherChecksOf, type OperationChecks } from "./operationChecks.ts"

/**
 * The top-level property names a flat body accepts, or `undefined` when it accepts any (a record, a union member
 * that is not an object).
 */
const bodyKeys = (ast: SchemaAST.AST, depth = 0): ReadonlySet<string> | undefined => {
  if (depth > 8) return undefined
  if (SchemaAST.isSuspend(ast)) return bodyKeys(ast.thunk(), depth + 1)
  if (SchemaAST.isObjects(ast)) {
    if (ast.indexSignatures.length > 0) return undefined
    return new Set(ast.propertySignatures.map((property) => String(property.name)))
  }
  if (SchemaAST.isUnion(ast)) {
    const keys = new Set<string>()
    for (const member of ast.types) {
      const memberKeys = bodyKeys(member, depth + 1)
      if (memberKeys === undefined) return undefined
      for (const key of memberKeys) keys.add(key)
    }
    return keys
  }
  return undefined
}

type Parse = (input: unknown) => Result.Result<unknown, SchemaIssue.Issue>

const accepted = (value: unknown): Checked => ({ value, issues: [] })

/**
 * Encodes (arguments) or decodes (answers) with every error; a value it accepts keeps its unknown fields (an object
 * parameter's too: what the caller wrote is sent, as the compact checks do).
 */
const checker = (schema: Schema.Top, parse: Parse): (value: unknown) => Checked => {
  const fast = fastValidatorFor(schema)
  return (value) => {
    if (fast !== undefined && fast(value)) return accepted(value)
    const parsed = parse(value)
    return Result.isSuccess(parsed)
      ? accepted(keepUnknownFields(value, parsed.success))
      : { value, issues: flattenIssue(parsed.failure) }
  }
}

const encoder = (schema: Schema.Top) =>
  checker(schema, SchemaParser.encodeUnknownResult(schema as Schema.Codec<unknown, unknown>, { errors: "all" }))

const decoder = (schema: Schema.Top) =>
  checker(schema, SchemaParser.decodeUnknownResult(schema as Schema.Codec<unknown, unknown>, { errors: "all" }))

const made = new WeakMap<OperationDescriptor, OperationChecks>()

/** The checks of a descriptor with Schemas, compiled at its first call. */
export const schemaChecksOf: ChecksOf = (operation) => {
  let checks = made.get(operation)
  if (checks === undefined) {
    const parameters = operation.parameters.map((parameter) => encoder(parameter.schema))
    const body = operation.body
    const success = operation.success.schema
    checks = {
      parameter: (index, value) => parameters[index]!(value),
      bodyKeys: body === undefined ? undefined : bodyKeys(SchemaAST.toEncoded(body.schema.ast)),
      body: body === undefined ? accepted : encoder(body.schema),
      response: success === undefined ? undefined : decoder(success),
    }
    made.set(operation, checks)
  }
  return checks
}

/** Every descriptor: compact ones by their own checks, the others by Effect's parser. */
export const anyChecksOf: ChecksOf = /*#__PURE__*/ eitherChecksOf(schemaChecksOf)
