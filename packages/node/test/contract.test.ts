// The contract suite: every operation of the registry, called through the Promise client against Prism serving the
// real Intercom description, with arguments built from the spec's examples (or synthesized from its schemas). For
// each one: Prism saw a valid request (no 422, no `sl-violations`), the response decoded, and the typed result is
// exactly the JSON Prism sent (recorded by a proxy between the client and Prism).
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import SwaggerParser from "@apidevtools/swagger-parser"
import { operations } from "@utdk/intercom-core/registry"
import type { OperationDescriptor } from "@utdk/intercom-core/Operation"
import { prismUrl } from "@utdk/intercom-testing/inject"
import { specPath } from "@utdk/intercom-testing/spec"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as HttpClient from "effect/http/HttpClient"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Intercom as IntercomService } from "../src/effect.ts"
import { Intercom } from "../src/Intercom.ts"
import { startRecordingProxy, type RecordingProxy } from "./support/recordingProxy.ts"
import { type Attempt, describeFailure, expectedData, violationsOf } from "./support/contractCheck.ts"
import { type BodySource, buildArgs, findSpecOperation, type OpenApiDocument } from "./support/specArgs.ts"

interface Outcome {
  readonly operation: string
  readonly ok: boolean
  readonly bodySource?: BodySource | undefined
  readonly status?: number | undefined
  readonly problem?: string | undefined
  readonly fallbackReason?: string | undefined
  readonly prismCannot?: string | undefined
  /** Violations Prism found in its own response (the spec's example does not match the spec's schema). */
  readonly responseViolations?: number | undefined
}

const descriptors = Object.values(operations) as ReadonlyArray<OperationDescriptor>
const outcomes: Array<Outcome> = []

let spec: OpenApiDocument
let proxy: RecordingProxy
/** The two interpreters of a call: the Promise client (no fiber on the first attempt) and the Effect service. */
type Interpreter = "Promise" | "Effect"
type Send = (
  name: string,
  args: unknown,
  options: unknown,
) => Promise<{ readonly data: unknown; readonly status: number }>
let send: Record<Interpreter, Send>
let runtime: ManagedRuntime.ManagedRuntime<HttpClient.HttpClient, never> | undefined

beforeAll(async () => {
  spec = (await SwaggerParser.dereference(specPath())) as unknown as OpenApiDocument
  proxy = await startRecordingProxy(prismUrl())
  const options = { token: "contract-token", baseUrl: proxy.url, maxRetries: 0 }
  const promiseClient = new Intercom(options)
  // The runtime keeps undici's dispatcher open for the whole suite (a provided layer would close it after `make`).
  const effectRuntime = ManagedRuntime.make(NodeHttpClient.layerUndici)
  runtime = effectRuntime
  const effectClient = await effectRuntime.runPromise(IntercomService.make(options))
  type Methods = Record<string, (args: unknown, options: unknown) => unknown>
  send = {
    Promise: (name, args, callOptions) =>
      (promiseClient.withResponse as unknown as Methods)[name]!(args, callOptions) as Promise<
        { data: unknown; status: number }
      >,
    Effect: async (name, args, callOptions) => {
      const effect = (effectClient.withResponse as unknown as Methods)[name]!(args, callOptions)
      const exit = await effectRuntime.runPromiseExit(
        effect as Effect.Effect<{ data: unknown; status: number }, unknown>,
      )
      if (Exit.isSuccess(exit)) return exit.value
      throw Cause.squash(exit.cause)
    },
  }
})

afterAll(async () => {
  await proxy?.close()
  await runtime?.dispose()
  const passed = outcomes.filter((o) => o.ok).length
  const fallbacks = outcomes.filter((o) => o.ok && o.bodySource !== "example" && o.fallbackReason)
  const summary = {
    operations: descriptors.length,
    called: outcomes.length,
    passed,
    failed: outcomes.length - passed,
    prismCannotServe: outcomes.filter((o) => !o.ok && o.prismCannot).map((o) => ({
      operation: o.operation,
      reason: o.prismCannot,
    })),
    responseExamplesViolatingTheSpec: outcomes.filter((o) => (o.responseViolations ?? 0) > 0).map((o) => o.operation),
    bodyFromSchemaBecauseExampleFailed: fallbacks.map((o) => ({ operation: o.operation, reason: o.fallbackReason })),
    failures: outcomes.filter((o) => !o.ok && !o.prismCannot),
  }
  mkdirSync(join(import.meta.dirname, "..", "test-artifacts"), { recursive: true })
  writeFileSync(
    join(import.meta.dirname, "..", "test-artifacts", "contract-summary.json"),
    JSON.stringify(summary, null, 2),
  )
  console.log(
    `contract: ${passed}/${descriptors.length} operations pass against Prism; ` +
      `${summary.prismCannotServe.length} Prism cannot serve; ${summary.failures.length} fail; ` +
      `${fallbacks.length} needed a schema-synthesized body because the spec's example failed; ` +
      `${summary.responseExamplesViolatingTheSpec.length} got a Prism response that violates the spec's own schema`,
  )
})

let counter = 0
const call = async (
  interpreter: Interpreter,
  descriptor: OperationDescriptor,
  args: Record<string, unknown>,
): Promise<Attempt> => {
  const id = `c${++counter}`
  try {
    const response = await send[interpreter](descriptor.name, args, { headers: { "x-contract-id": id } })
    return { _tag: "ok", data: response.data, status: response.status, exchange: proxy.exchanges.get(id)! }
  } catch (error) {
    return { _tag: "error", error, exchange: proxy.exchanges.get(id) }
  }
}

/**
 * Operations Prism itself cannot serve, with why. They still run: the test checks what the SDK sent instead, and
 * the summary counts them apart from the passing ones.
 */
const prismCannot: Readonly<Record<string, { readonly reason: string; readonly sent: RegExp }>> = {
  listDataEvents: {
    reason:
      "the required `filter` query parameter is a form-exploded object whose schema is a oneOf; Prism rejects every " +
      "encoding of it (user_id=…, filter[user_id]=…, filter=user_id,…, JSON), so no client can pass",
    sent: /[?&]user_id=[^&]+/,
  },
  createConversation: {
    reason:
      "the spec requires `from.id` to be a uuid (36 characters) and 24 characters long at once; no value passes " +
      "Prism's check (real Intercom ids are 24 hex characters)",
    sent: /^\/conversations$/,
  },
}

describe("contract: every operation against Prism", () => {
  it("covers all 231 operations of the registry", () => {
    expect(descriptors.length).toBe(231)
    for (const descriptor of descriptors) expect(findSpecOperation(spec, descriptor), descriptor.name).toBeDefined()
  })

  for (const interpreter of ["Promise", "Effect"] as const) {
    for (const descriptor of descriptors) {
      it(`${interpreter}: ${descriptor.name}`, async () => {
        const specOperation = findSpecOperation(spec, descriptor)!
        let bodySource: BodySource = "example"
        let attempt = await call(interpreter, descriptor, buildArgs(descriptor, specOperation, "example"))
        let fallbackReason: string | undefined
        // The spec's own request example can be wrong for its schema; then try a body synthesized from the schema,
        // and report which operations needed it. Parameters are the same in both calls.
        for (const next of ["schema", "schema (last variant)"] as const) {
          if (describeFailure(attempt) === undefined || descriptor.body === undefined) break
          fallbackReason ??= describeFailure(attempt)
          bodySource = next
          attempt = await call(interpreter, descriptor, buildArgs(descriptor, specOperation, next))
        }
        const problem = describeFailure(attempt)
        const limitation = prismCannot[descriptor.name]
        const responseViolations = violationsOf(attempt.exchange).response.length
        // The summary describes the operations once (the Promise pass); the Effect pass must reach the same verdicts.
        if (interpreter === "Promise") {
          outcomes.push({
            operation: descriptor.name,
            ok: problem === undefined,
            bodySource,
            status: attempt.exchange?.status,
            problem,
            fallbackReason,
            prismCannot: limitation?.reason,
            responseViolations,
          })
        }
        if (limitation !== undefined && problem !== undefined) {
          expect(attempt.exchange?.url).toMatch(limitation.sent)
          return
        }
        expect(problem).toBeUndefined()
        if (attempt._tag !== "ok") return
        expect(attempt.exchange.status).not.toBe(422)
        expect(attempt.status).toBe(attempt.exchange.status)
        expect(attempt.data).toStrictEqual(expectedData(attempt.exchange))
      })
    }
  }
})
