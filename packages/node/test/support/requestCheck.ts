// The request check as a test reads it: what the generated request schemas report for a flat argument object,
// without sending (so a test counts problems the same way whether the client refuses or reports and sends).
import type { OperationDescriptor } from "@utdk/intercom-core/Operation"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"

/** The JSON body the flat arguments make: every key that is not a parameter, under its wire name. */
export const wireBody = (
  descriptor: OperationDescriptor,
  args: Readonly<Record<string, unknown>>,
): Record<string, unknown> => {
  const parameters = new Set(descriptor.parameters.map((p) => p.key))
  const renamed = descriptor.body?.renamed ?? {}
  return Object.fromEntries(
    Object.entries(args).filter(([key]) => !parameters.has(key)).map(([key, v]) => [renamed[key] ?? key, v]),
  )
}

/** What the request check reports for these arguments: body and parameter problems (none when it passes). */
export const requestProblems = (
  descriptor: OperationDescriptor,
  args: Readonly<Record<string, unknown>>,
): Array<string> => {
  const problems: Array<string> = []
  for (const p of descriptor.parameters) {
    if (args[p.key] === undefined) continue
    if (!Schema.is(p.schema as Schema.Codec<unknown, unknown>)(args[p.key])) problems.push(`parameter ${p.key}`)
  }
  const body = wireBody(descriptor, args)
  if (descriptor.body) {
    const exit = Schema.decodeUnknownExit(descriptor.body.schema as Schema.Codec<unknown, unknown>)(body, {
      errors: "all",
      onExcessProperty: "error",
    })
    if (Exit.isFailure(exit)) problems.push(String(exit.cause))
  } else if (Object.keys(body).length > 0) problems.push(`unknown keys ${Object.keys(body).join(", ")}`)
  return problems
}
