// Every request example of the 2.16 description (each request-body example and each parameter example) is a call a
// user may copy: built from the example through the SDK, it must pass the request check with no reported problem
// and reach a real server on 127.0.0.1 as written. Where the description's example contradicts its own schema, the
// overrides file says which one the API follows (deviations entries, with their reason and source).
import SwaggerParser from "@apidevtools/swagger-parser"
import { operations } from "@utdk/intercom-core/generated/registry"
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
}

const descriptors = Object.values(operations) as ReadonlyArray<OperationDescriptor>

/** `value` as the parameter's schema takes it (`123` ↔ `"123"`: parameter examples are often written as the other). */
const asParameter = (descriptor: OperationDescriptor, p: OpenApiParameter, value: unknown): unknown => {
  const schema = descriptor.parameters.find((d) => d.name === p.name && d.in === p.in)?.schema
  if (schema === undefined) return value
  const is = Schema.is(schema as Schema.Codec<unknown, unknown>)
  for (const candidate of [value, String(value), Number(value)]) if (is(candidate)) return candidate
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
    for (const p of found.parameters) {
      const d = descriptor.parameters.find((x) => x.name === p.name && x.in === p.in)
      if (p.example === undefined || d === undefined || p.name === "Intercom-Version") continue
      parameters.push({
        name: `${descriptor.name} ${p.in}:${p.name}`,
        descriptor,
        args: { ...required, [d.key]: asParameter(descriptor, p, p.example) },
        body: undefined,
      })
    }
    const media = descriptor.body ? found.operation.requestBody?.content[descriptor.body.contentType] : undefined
    if (descriptor.body === undefined || media === undefined) continue
    const values: Array<[string, unknown]> = [
      ...(media.example !== undefined ? [["example", media.example] as [string, unknown]] : []),
      ...Object.entries(media.examples ?? {}).map(([key, e]) => [key, e.value] as [string, unknown]),
    ]
    for (const [key, value] of values) {
      if (value === undefined) continue
      const args: Record<string, unknown> = { ...required }
      if (!descriptor.body.flat) args["body"] = value
      else {
        const keyByWire = Object.fromEntries(Object.entries(descriptor.body.renamed).map(([k, wire]) => [wire, k]))
        // A `null` example is an empty body.
        for (const [wire, v] of Object.entries((value ?? {}) as Record<string, unknown>)) args[keyByWire[wire] ?? wire] = v
      }
      bodies.push({ name: `${descriptor.name} ${key}`, descriptor, args, body: value })
    }
  }
  return { bodies, parameters }
}

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
    const count = { bodies: 0, bodiesPassed: 0, parameters: 0, parametersPassed: 0 }
    for (const [kind, list] of [["bodies", examples.bodies], ["parameters", examples.parameters]] as const) {
      for (const example of list) {
        const problems = await check(client, example)
        count[kind]++
        if (problems.length === 0) count[kind === "bodies" ? "bodiesPassed" : "parametersPassed"]++
        else failures[`${kind}: ${example.name}`] = problems.map((p) => p.slice(0, 600))
      }
    }
    process.stdout.write(`request examples: ${JSON.stringify(count)}\n`)
    expect(failures).toEqual({})
    expect(count.bodies).toBeGreaterThan(150)
  })
})
