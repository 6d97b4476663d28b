// Error paths against Prism: for every operation and every error status its spec declares with an example body,
// `Prefer: code=N` makes Prism answer with that example; the Promise client must reject with the tagged error of
// the status class, carrying Intercom's `errors`, `request_id` and the headers, exactly as Prism sent them.
import SwaggerParser from "@apidevtools/swagger-parser"
import { operations } from "@utdk/intercom-core/registry"
import type { OperationDescriptor } from "@utdk/intercom-core/Operation"
import { prismUrl } from "@utdk/intercom-testing/inject"
import { specPath } from "@utdk/intercom-testing/spec"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Intercom, IntercomNotFoundError, IntercomUnauthorizedError, isIntercomError } from "../src/index.ts"
import { type RecordedExchange, startRecordingProxy, type RecordingProxy } from "./support/recordingProxy.ts"
import { argCandidates, findSpecOperation, type OpenApiDocument } from "./support/specArgs.ts"

// Operations for which Prism rejects every request we can build (see contract.test.ts for why).
const prismCannot = new Set([
  "listDataEvents",
  "createConversation",
  "downloadReportingDataExport",
  "getReportingDataExport",
])

const expectedTag: Record<number, string> = {
  400: "IntercomBadRequestError",
  401: "IntercomUnauthorizedError",
  403: "IntercomForbiddenError",
  404: "IntercomNotFoundError",
  409: "IntercomConflictError",
  422: "IntercomUnprocessableError",
  429: "IntercomRateLimitedError",
}
const tagOf = (status: number) => expectedTag[status] ?? (status >= 500 ? "IntercomServerError" : "IntercomStatusError")

const otherShapeEntries = (body: Record<string, unknown>) => {
  if (typeof body.errors === "object" && body.errors !== null) {
    return Object.entries(body.errors).map(([field, message]) => ({ code: "invalid", message, field }))
  }
  const code = [body.error_key, body.code, body.type].find((v) => typeof v === "string" && v !== "error") ?? "unknown"
  return typeof body.message === "string"
    ? [{ code, message: body.message }]
    : code === "unknown"
    ? []
    : [{ code, message: "" }]
}

interface ErrorCase {
  readonly descriptor: OperationDescriptor
  readonly status: number
}

let spec: OpenApiDocument
let proxy: RecordingProxy
let client: Intercom
const cases: Array<ErrorCase> = []

beforeAll(async () => {
  spec = (await SwaggerParser.dereference(specPath())) as unknown as OpenApiDocument
  proxy = await startRecordingProxy(prismUrl())
  client = new Intercom({ token: "error-token", baseUrl: proxy.url, maxRetries: 0 })
  for (const descriptor of Object.values(operations) as ReadonlyArray<OperationDescriptor>) {
    const responses = (spec.paths[descriptor.path]![descriptor.method.toLowerCase()] as {
      responses: Record<string, { content?: Record<string, { examples?: object; example?: unknown }> }>
    })
      .responses
    for (const [code, response] of Object.entries(responses)) {
      const status = Number(code)
      const json = response.content?.["application/json"]
      if (status >= 400 && (json?.examples !== undefined || json?.example !== undefined)) {
        cases.push({ descriptor, status })
      }
    }
  }
})

afterAll(() => proxy?.close())

let counter = 0

describe("error paths against Prism", () => {
  it("every declared error status with an example decodes into the tagged error of its class", async () => {
    expect(cases.length).toBeGreaterThan(300)
    const problems: Array<string> = []
    const seenTags = new Set<string>()
    for (const { descriptor, status } of cases) {
      const where = `${descriptor.name} ${status}`
      if (prismCannot.has(descriptor.name)) continue
      const method =
        (client as unknown as Record<string, (a: unknown, o: unknown) => Promise<unknown>>)[descriptor.name]!
      // Prism answers `Prefer: code=N` only to a valid request: take the first argument candidate it accepts.
      let error: unknown
      let exchange: RecordedExchange | undefined
      for (const { args } of argCandidates(descriptor, findSpecOperation(spec, descriptor)!)) {
        const id = `e${++counter}`
        error = await method.call(client, args, { headers: { Prefer: `code=${status}`, "x-contract-id": id } }).then(
          () => new Error("resolved instead of rejecting"),
          (e: unknown) => e,
        )
        exchange = proxy.exchanges.get(id)
        if (exchange?.status === status) break
      }
      if (!isIntercomError(error) || !("errors" in error)) {
        problems.push(`${where}: ${String(error)}`)
        continue
      }
      if (exchange?.status !== status) {
        problems.push(`${where}: Prism answered ${exchange?.status}`)
        continue
      }
      seenTags.add(error._tag)
      const body = JSON.parse(exchange.body) as { request_id?: string | null; errors?: unknown }
      // A few operations document other error shapes ({ error_key, message }, { errors: { field: message } }).
      const entries = (
        Array.isArray(body.errors) ? body.errors : otherShapeEntries(JSON.parse(exchange.body))
      ) as Array<{ code: string; message?: string; field?: string }>
      const expected = entries.map((e) => ({
        code: e.code,
        message: e.message ?? "",
        ...(typeof e.field === "string" && e.field !== "" ? { field: e.field } : {}),
      }))
      try {
        expect(error._tag).toBe(tagOf(status))
        expect(error).toBeInstanceOf(Error)
        expect(error.status).toBe(status)
        expect(error.errors).toEqual(expected)
        expect(error.requestId).toBe(body.request_id ?? exchange.headers["x-request-id"] ?? undefined)
        expect(error.headers["content-type"]).toBe(exchange.headers["content-type"])
        expect(error.body).toEqual(JSON.parse(exchange.body))
        expect(error.message).not.toContain("error-token")
      } catch (assertion) {
        problems.push(`${where}: ${(assertion as Error).message}`)
      }
    }
    expect(problems).toEqual([])
    expect([...seenTags].sort()).toEqual(
      expect.arrayContaining(["IntercomBadRequestError", "IntercomNotFoundError", "IntercomUnauthorizedError"]),
    )
    console.log(`error paths: ${cases.length} (operation, status) pairs; tags seen: ${[...seenTags].sort().join(", ")}`)
  }, 300_000)

  it("catching by class works on the Promise client (401, 404 with Intercom's code and request id)", async () => {
    const notFound = await client
      .retrieveConversation({ conversation_id: "123" }, { headers: { Prefer: "code=404" } })
      .catch((e: unknown) => e)
    expect(notFound).toBeInstanceOf(IntercomNotFoundError)
    if (!(notFound instanceof IntercomNotFoundError)) return
    expect(notFound.errors[0]?.code).toBe("not_found")
    expect(notFound.requestId).toMatch(/\S+/)

    const unauthorized = await client
      .retrieveConversation({ conversation_id: "123" }, { headers: { Prefer: "code=401" } })
      .catch((e: unknown) => e)
    expect(unauthorized).toBeInstanceOf(IntercomUnauthorizedError)
    if (!(unauthorized instanceof IntercomUnauthorizedError)) return
    expect(unauthorized.errors[0]).toMatchObject({ code: "unauthorized", message: "Access Token Invalid" })
  })
})
