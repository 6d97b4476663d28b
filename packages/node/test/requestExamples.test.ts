// Every request example of the 2.16 description (each request-body example and each parameter example) is a call a
// user may copy: built from the example through the SDK, it must pass the request check with no reported problem
// and reach a real server on 127.0.0.1 as written. Where the description's example contradicts its own schema, the
// overrides file says which one the API follows (deviations entries, with their reason and source).
import SwaggerParser from "@apidevtools/swagger-parser"
import { operations } from "@utdk/intercom-core/registry"
import type { OperationDescriptor } from "@utdk/intercom-core/Operation"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import { specPath } from "@utdk/intercom-testing/spec"
import * as Schema from "effect/Schema"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Intercom } from "../src/index.ts"
import { requestProblems, wireBody } from "./support/requestCheck.ts"
import { findSpecOperation, type OpenApiDocument, type OpenApiParameter, synthesize } from "./support/specArgs.ts"

interface Example {
  readonly name: string
  readonly descriptor: OperationDescriptor
  readonly args: Record<string, unknown>
  /** The JSON body the example is, as the server must receive it. */
  readonly body: unknown
  /** A parameter example: the flat key it fills (only that value is the example's). */
  readonly parameter?: string
  /** A body example the spec pairs with a 400/422 answer of the same name: a request Intercom refuses, on purpose. */
  readonly refused?: boolean
}

const descriptors = Object.values(operations) as ReadonlyArray<OperationDescriptor>

/** `value` as the parameter's schema takes it (`123` ↔ `"123"`: parameter examples are often written as the other). */
const asParameter = (descriptor: OperationDescriptor, p: OpenApiParameter, value: unknown): unknown => {
  const schema = descriptor.parameters.find((d) => d.name === p.name && d.in === p.in)?.schema
  if (schema === undefined) return value
  const is = Schema.is(schema as Schema.Codec<unknown, unknown>)
  // An array parameter's example may be written in its wire form (`published,draft` for style form, explode false).
  const parts = typeof value === "string" ? value.split(",") : []
  for (const candidate of [value, String(value), Number(value), parts, parts.map(Number)]) {
    if (is(candidate)) return candidate
  }
  return value
}

const collect = (spec: OpenApiDocument): { readonly bodies: Array<Example>; readonly parameters: Array<Example> } => {
  const bodies: Array<Example> = []
  const parameters: Array<Example> = []
  for (const descriptor of descriptors) {
    const found = findSpecOperation(spec, descriptor)
    if (found === undefined) continue
    const required: Record<string, unknown> = {}
    for (const p of found.parameters) {
      const d = descriptor.parameters.find((x) => x.name === p.name && x.in === p.in)
      if (!d?.required) continue
      required[d.key] = asParameter(descriptor, p, p.example ?? synthesize(p.schema) ?? "123")
    }
    const own = bodies.length
    const media = descriptor.body ? found.operation.requestBody?.content[descriptor.body.contentType] : undefined
    const refusedNames = new Set(
      Object.entries(
        (found.operation as { responses?: Record<string, { content?: Record<string, { examples?: object }> }> })
          .responses ?? {},
      )
        .filter(([status]) => status === "400" || status === "422")
        .flatMap(([, r]) =>
          Object.values(r.content ?? {}).flatMap((m) => Object.keys(m.examples ?? {}).map(exampleKey))
        ),
    )
    if (descriptor.body !== undefined && media !== undefined) {
      collectBodies(descriptor, media, required, refusedNames, bodies)
    }
    // A parameter example goes with the operation's first body example that is not a refused one (a user's call).
    const first = bodies.slice(own).find((b) => !b.refused)
    for (const p of found.parameters) {
      const d = descriptor.parameters.find((x) => x.name === p.name && x.in === p.in)
      if (p.example === undefined || d === undefined || p.name === "Intercom-Version") continue
      parameters.push({
        name: `${descriptor.name} ${p.in}:${p.name}`,
        descriptor,
        args: { ...(first?.args ?? required), [d.key]: asParameter(descriptor, p, p.example) },
        body: first?.body,
        parameter: d.key,
      })
    }
  }
  return { bodies, parameters }
}

/** Request and response examples name the same case differently (`invalid_data_type`, `Invalid Data Type`). */
const exampleKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, "_")

const collectBodies = (
  descriptor: OperationDescriptor,
  media: { readonly example?: unknown; readonly examples?: Readonly<Record<string, { readonly value?: unknown }>> },
  required: Record<string, unknown>,
  refusedNames: ReadonlySet<string>,
  bodies: Array<Example>,
): void => {
  const body = descriptor.body!
  {
    const values: Array<[string, unknown]> = [
      ...(media.example !== undefined ? [["example", media.example] as [string, unknown]] : []),
      ...Object.entries(media.examples ?? {}).map(([key, e]) => [key, e.value] as [string, unknown]),
    ]
    for (const [key, value] of values) {
      if (value === undefined) continue
      const args: Record<string, unknown> = { ...required }
      if (!body.flat) args["body"] = value
      else {
        const keyByWire = Object.fromEntries(Object.entries(body.renamed).map(([k, wire]) => [wire, k]))
        // A `null` example is an empty body.
        for (const [wire, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
          args[keyByWire[wire] ?? wire] = v
        }
      }
      // `bad_request` examples are refused on purpose even where the spec declares no 400 example to pair them with.
      const refused = refusedNames.has(exampleKey(key)) || key === "bad_request"
      bodies.push({ name: `${descriptor.name} ${key}`, descriptor, args, body: value, refused })
    }
  }
}

/**
 * Examples that still fail: spec errors not yet turned into overrides entries (each needs its source). The list is
 * exact, so a new failure and a fixed one both fail the test until this list says so.
 */
const REMAINING: ReadonlyArray<string> = []

let spec: OpenApiDocument
let server: TestServer
let examples: { readonly bodies: Array<Example>; readonly parameters: Array<Example> }

beforeAll(async () => {
  spec = (await SwaggerParser.dereference(specPath())) as unknown as OpenApiDocument
  examples = collect(spec)
  server = await startServer((_req, res) => json(res, 200, {}))
})
afterAll(() => server.close())

/** Problems of one example: what the request check reports, and what went wrong sending it. */
const check = async (client: Intercom, example: Example): Promise<Array<string>> => {
  const { descriptor, args } = example
  if (example.parameter !== undefined) {
    const p = descriptor.parameters.find((d) => d.key === example.parameter)!
    if (!Schema.is(p.schema as Schema.Codec<unknown, unknown>)(args[p.key])) return [`parameter ${p.key}`]
    // Sent only with a body that passes too (an operation whose body examples all fail is counted on its bodies).
    if (requestProblems(descriptor, args).length > 0) return []
  }
  const problems = requestProblems(descriptor, args)
  if (problems.length > 0) return problems
  const before = server.requests.length
  const methods = client as unknown as Record<string, (a: unknown) => Promise<unknown>>
  try {
    await methods[descriptor.name]!(args)
  } catch (error) {
    return [`not sent: ${String(error)}`]
  }
  const sent = server.requests.slice(before)
  if (sent.length !== 1) return [`${sent.length} requests`]
  if (example.body !== undefined && descriptor.body?.contentType === "application/json") {
    const received: unknown = JSON.parse(sent[0]!.body)
    const expected = descriptor.body.flat ? wireBody(descriptor, args) : example.body
    if (JSON.stringify(received) !== JSON.stringify(expected)) return ["the body sent differs from the example"]
  }
  return []
}

describe("every request example of the 2.16 description", () => {
  it("passes the request check with no reported problem and is sent as written", async () => {
    const client = new Intercom({ token: "test-token", baseUrl: server.url, maxRetries: 0, validateResponses: "off" })
    const failures: Record<string, Array<string>> = {}
    const count = { bodies: 0, bodiesPassed: 0, refusedOnPurpose: 0, parameters: 0, parametersPassed: 0 }
    for (const [kind, list] of [["bodies", examples.bodies], ["parameters", examples.parameters]] as const) {
      for (const example of list) {
        if (example.refused) {
          // Paired with a 400/422 example of the same name (bad_request, invalid_data_type...): the API refuses it too.
          count.refusedOnPurpose++
          continue
        }
        const problems = await check(client, example)
        count[kind]++
        if (problems.length === 0) count[kind === "bodies" ? "bodiesPassed" : "parametersPassed"]++
        else failures[`${kind}: ${example.name}`] = problems.map((p) => p.slice(0, 600))
      }
    }
    process.stdout.write(`request examples: ${JSON.stringify(count)}\n`)
    expect(Object.keys(failures).sort()).toEqual([...REMAINING].sort())
    expect(count.bodies).toBeGreaterThan(150)
  })
})
