// The contract suite across versions: a Promise client pinned to a version, against Prism serving that version's
// description (one Prism at a time), with arguments from that description's examples. Every operation of 2.14 (the
// version the seed page pins); a sample of every other version but the newest (contract.test.ts runs all of it).
// For each call: Prism saw a valid request, and the typed result is exactly the JSON Prism sent.
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import SwaggerParser from "@apidevtools/swagger-parser"
import { operationsFor } from "@utdk/intercom-core/PromiseEngine"
import type { OperationDescriptor } from "@utdk/intercom-core/Operation"
import { newestVersion, routes, type TypedVersion, typedVersions } from "@utdk/intercom-core/Versions"
import { type RunningPrism, startPrism } from "@utdk/intercom-testing/prism"
import { servableSpec } from "@utdk/intercom-testing/servableSpec"
import { afterAll, describe, expect, it } from "vitest"
import { Intercom } from "../src/Intercom.ts"
import { type Attempt, describeFailure, expectedData, violationsOf } from "./support/contractCheck.ts"
import { startRecordingProxy, type RecordingProxy } from "./support/recordingProxy.ts"
import { buildArgs, findSpecOperation, type OpenApiDocument } from "./support/specArgs.ts"

type Version = Exclude<TypedVersion, typeof newestVersion>

/** Operations sampled in a version run apart from 2.14: spread over the sorted names (every `SAMPLE_STEP`-th). */
const SAMPLE_STEP = 12

/**
 * Operations Prism cannot serve in any version, and why (as in contract.test.ts): the call still runs, and the
 * request the SDK sent is checked instead.
 */
const prismCannot: Readonly<Record<string, RegExp>> = {
  // The required `filter` query object is a oneOf that Prism rejects in every encoding.
  listDataEvents: /[?&]user_id=[^&]+/,
  // `from.id` must be a uuid and 24 characters long at once.
  createConversation: /^\/conversations$/,
}

const folderOf = (version: Version): string => (version === "Preview" ? "0" : version)

const versionsUnderTest = typedVersions.filter((v): v is Version => v !== newestVersion)
const summary: Record<
  string,
  { operations: number; called: number; passed: number; prismCannot: number; failed: Array<string> }
> = {}

afterAll(() => {
  mkdirSync(join(import.meta.dirname, "..", "test-artifacts"), { recursive: true })
  writeFileSync(
    join(import.meta.dirname, "..", "test-artifacts", "contract-versions-summary.json"),
    JSON.stringify(summary, null, 2),
  )
  for (const [version, s] of Object.entries(summary)) {
    console.log(
      `contract ${version}: ${s.passed}/${s.called} called of ${s.operations} operations pass; ${s.prismCannot} Prism cannot serve; ${s.failed.length} fail`,
    )
  }
})

for (const version of versionsUnderTest) {
  const all = routes.filter((r) => (r.versions as ReadonlyArray<string>).includes(version)).map((r) => r.name)
  const names = version === "2.14" ? all : all.filter((_, i) => i % SAMPLE_STEP === 0)

  describe(`contract ${version}: ${version === "2.14" ? "every operation" : "a sample"} against Prism serving ${version}`, () => {
    let prism: RunningPrism | undefined
    let proxy: RecordingProxy | undefined
    let spec: OpenApiDocument
    let client: Record<
      string,
      (
        args: unknown,
        options: unknown,
      ) => Promise<{ data: unknown; status: number; validation: ReadonlyArray<unknown> }>
    >
    let operations: Record<string, OperationDescriptor>
    const stats =
      (summary[version] = { operations: all.length, called: 0, passed: 0, prismCannot: 0, failed: [] as Array<string> })

    it(`starts Prism on the ${version} description; the pinned client has the version's operations`, {
      timeout: 180_000,
    }, async () => {
      // 2.7-2.11 refer to a model they never define: the copy Prism serves defines it (servableSpec).
      const servable = servableSpec(folderOf(version))
      spec = (await SwaggerParser.dereference(servable)) as unknown as OpenApiDocument
      prism = await startPrism({ spec: servable, timeoutMs: 150_000 })
      proxy = await startRecordingProxy(prism.url)
      // The version's operations as the pinned client loads them, its older names (aliases) left out.
      operations = Object.fromEntries(
        Object.entries(await operationsFor(version)).filter(([name, operation]) => operation.name === name),
      ) as Record<string, OperationDescriptor>
      expect(Object.keys(operations).sort()).toEqual([...all].sort())
      // Strict requests: arguments built from this version's description must fit the descriptors the client loaded.
      const pinned = new Intercom({
        token: "contract-token",
        baseUrl: proxy.url,
        maxRetries: 0,
        version,
        validateRequests: "strict",
      })
      client = pinned.withResponse as never
    })

    for (const name of names) {
      it(`${version}: ${name}`, { timeout: 60_000 }, async () => {
        const descriptor = operations[name]!
        const specOperation = findSpecOperation(spec, descriptor)
        expect(specOperation, `${name} is ${descriptor.method} ${descriptor.path} in the ${version} description`)
          .toBeDefined()
        let attempt: Attempt | undefined
        let validation: ReadonlyArray<unknown> = []
        for (const source of ["example", "schema", "schema (last variant)"] as const) {
          if (attempt !== undefined && (describeFailure(attempt) === undefined || descriptor.body === undefined)) break
          const id = `${version}-${name}-${source}`
          try {
            const response = await client[name]!(buildArgs(descriptor, specOperation!, source), {
              headers: { "x-contract-id": id },
            })
            attempt = { _tag: "ok", data: response.data, status: response.status, exchange: proxy!.exchanges.get(id)! }
            validation = response.validation
          } catch (error) {
            attempt = { _tag: "error", error, exchange: proxy!.exchanges.get(id) }
          }
        }
        stats.called++
        // The client sent the version it is pinned to.
        expect(attempt!.exchange?.requestHeaders["intercom-version"]).toBe(version)
        const problem = describeFailure(attempt!)
        if (problem !== undefined && prismCannot[name] !== undefined) {
          stats.prismCannot++
          expect(attempt!.exchange?.url).toMatch(prismCannot[name])
          return
        }
        if (problem !== undefined) stats.failed.push(`${name}: ${problem.slice(0, 300)}`)
        expect(problem).toBeUndefined()
        if (attempt!._tag !== "ok") return
        stats.passed++
        expect(attempt!.exchange.status).not.toBe(422)
        expect(attempt!.data).toStrictEqual(expectedData(attempt!.exchange))
        // The answer fits the loaded descriptor's schema unless Prism says its own example breaks the description.
        if (violationsOf(attempt!.exchange).response.length === 0) expect(validation).toEqual([])
      })
    }

    it(`stops Prism (${version})`, async () => {
      await proxy?.close()
      await prism?.stop()
    })
  })
}
