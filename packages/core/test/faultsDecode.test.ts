// Property tests at the decoding edge: whatever bytes a server sends back (random JSON, truncated JSON, garbage, a
// connection cut mid-body), a call ends in a value or a typed IntercomError: never a defect, never a hang.
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type Fault, startFaultServer, type FaultServer } from "@utdk/intercom-testing/faultServer"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as HttpClient from "effect/http/HttpClient"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import fc from "fast-check"
import { resolveConfig } from "../src/internal/config.ts"
import { execute } from "../src/internal/execute.ts"
import { isIntercomError } from "../src/IntercomError.ts"
import type { Operation } from "../src/Operation.ts"

const getThing: Operation<{ readonly id: string }, { readonly id: string; readonly tags?: ReadonlyArray<string> }> = {
  name: "getThing",
  operationId: "getThing",
  method: "GET",
  path: "/things/{id}",
  summary: "",
  tags: [],
  deprecated: false,
  parameters: [{ name: "id", key: "id", in: "path", required: true, schema: Schema.String }],
  body: undefined,
  success: {
    status: 200,
    schema: Schema.StructWithRest(
      Schema.Struct({ id: Schema.String, tags: Schema.optionalKey(Schema.Array(Schema.String)) }),
      [
        Schema.Record(Schema.String, Schema.Unknown),
      ],
    ),
  },
  errorStatuses: [404],
  pagination: "none",
  searchQuery: false,
  accept: "application/json",
  retrySafe: true,
}

describe("decoding never crashes (fast-check, real server)", () => {
  let server: FaultServer
  let next: Fault = { kind: "respond", status: 200, body: { id: "1" } }
  beforeAll(async () => {
    server = await startFaultServer(() => next)
  })
  afterAll(() => server.close())

  const call = () => {
    const config = resolveConfig({ baseUrl: server.url, token: "t", maxRetries: 0, rateLimit: false }, {
      requireToken: false,
    })
    if (Result.isFailure(config)) throw config.failure
    return Effect.runPromiseExit(
      HttpClient.HttpClient.use((client) => execute({ client, config: config.success }, getThing, { id: "1" })).pipe(
        Effect.provide(FetchHttpClient.layer),
      ),
    )
  }

  const assertTyped = (exit: Exit.Exit<unknown, unknown>, status: number, complete = true) => {
    if (Exit.isSuccess(exit)) {
      assert.isTrue(status >= 200 && status < 300, "only a 2xx can succeed")
      return
    }
    assert.isFalse(Cause.hasDies(exit.cause), `no defect: ${Cause.pretty(exit.cause)}`)
    const error = Cause.findError(exit.cause)
    assert.isTrue(Result.isSuccess(error) && isIntercomError(error.success), "a typed IntercomError")
    if (Result.isSuccess(error) && isIntercomError(error.success) && status >= 200 && status < 300) {
      // A complete 2xx body that does not fit is a decode error; a body cut short is a transport error.
      assert.include(
        complete ? ["IntercomDecodeError"] : ["IntercomDecodeError", "IntercomTransportError"],
        error.success._tag,
      )
    }
  }

  const json = fc.jsonValue().map((value) => JSON.stringify(value) ?? "null")
  const truncated = fc
    .tuple(fc.jsonValue({ maxDepth: 3 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))
    .map(([value, cut]) => {
      const text = JSON.stringify({ id: "1", extra: value }) ?? "{}"
      return text.slice(0, Math.floor(text.length * cut))
    })
  const body = fc.oneof(
    json,
    truncated,
    fc.string(),
    fc.constant(""),
    fc.constant("\u0000\u00ff"),
    fc.constant("{\"id\": 1}"),
  )
  const status = fc.constantFrom(200, 201, 204, 400, 401, 404, 409, 418, 422, 429, 500, 503)
  const contentType = fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "text/html")

  it("random bodies, statuses and content types give a value or a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(status, body, contentType, async (code, text, type) => {
        next = {
          kind: "respond",
          status: code,
          headers: { "content-type": type },
          body: code === 204 ? undefined : text,
        }
        assertTyped(await call(), code)
      }),
      { numRuns: 150 },
    )
  })

  it("a connection cut mid-body is a typed error too", async () => {
    await fc.assert(
      fc.asyncProperty(truncated, fc.nat(), async (text, n) => {
        const full = `${text}${" ".repeat(8)}`
        next = { kind: "truncate", status: 200, body: full, bytes: n % full.length }
        const exit = await call()
        assertTyped(exit, 200, false)
        assert.isTrue(Exit.isFailure(exit), "a cut body never decodes")
      }),
      { numRuns: 60 },
    )
  })
})
