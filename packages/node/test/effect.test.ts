// The Effect API of the Node package (`@utdk/intercom/effect`): the layer refuses to run without a token (like the Promise client), attempts
// and retries go through Effect's logger with one span per attempt, and `Intercom.layerTest` mocks operations.
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { respond, sequence, startFaultServer, type FaultServer } from "@utdk/intercom-testing/faultServer"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as References from "effect/References"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Intercom, IntercomConfigError } from "../src/effect.ts"

describe("Intercom.layer", () => {
  let server: FaultServer
  beforeAll(async () => {
    server = await startFaultServer(
      sequence(
        respond(503, { type: "error.list", errors: [] }),
        respond(200, { type: "conversation", id: "1" }, { "x-request-id": "req-1" }),
      ),
    )
  })
  afterAll(() => server.close())

  it("without a token fails with IntercomConfigError and sends nothing", async () => {
    const exit = await Effect.runPromiseExit(
      Effect.flatMap(Intercom, (intercom) => intercom.retrieveConversation({ conversation_id: "1" })).pipe(
        Effect.provide(Intercom.layer({ baseUrl: server.url }).pipe(Layer.provide(NodeHttpClient.layerUndici))),
      ),
    )
    expect(Exit.isFailure(exit)).toBe(true)
    expect(JSON.stringify(exit)).toContain("IntercomConfigError")
    expect(server.requests).toHaveLength(0)
    expect(IntercomConfigError).toBeDefined()
  })

  it("logs one debug line per attempt and the retry through Effect's logger, with one span per attempt", async () => {
    const logs: Array<{ message: string; level: string; annotations: Record<string, unknown> }> = []
    const created: Array<Tracer.NativeSpan> = []
    const tracer = Tracer.make({
      span: (options) => {
        const span = new Tracer.NativeSpan(options)
        created.push(span)
        return span
      },
    })
    await Effect.runPromise(
      Effect.flatMap(
        Intercom,
        (intercom) => intercom.retrieveConversation({ conversation_id: "1" }, { retry: { initialDelay: 10 } }),
      ).pipe(
        Effect.provide(
          Intercom.layer({ token: "tok_effect_secret", baseUrl: server.url }).pipe(
            Layer.provide(NodeHttpClient.layerUndici),
          ),
        ),
        Effect.provideService(References.MinimumLogLevel, "Debug"),
        Effect.provideService(
          Logger.CurrentLoggers,
          new Set([
            Logger.make(({ message, logLevel, fiber }) => {
              logs.push({
                message: String(message),
                level: logLevel,
                annotations: { ...fiber.getRef(References.CurrentLogAnnotations) },
              })
            }),
          ]),
        ),
        Effect.withTracer(tracer),
      ),
    )
    const attempts = logs.filter((log) => log.message.includes("attempt"))
    expect(attempts.map((log) => [log.level, log.annotations["intercom.status"], log.annotations["intercom.attempt"]]))
      .toEqual([
        ["Debug", "503", 1],
        ["Debug", "200", 2],
      ])
    expect(logs.filter((log) => log.message.includes("retrying")).map((log) => log.level)).toEqual(["Info"])
    expect(JSON.stringify(logs)).not.toContain("tok_effect_secret")
    const spans = created.map((span) => ({
      name: span.name,
      attributes: Object.fromEntries(span.attributes) as Record<string, unknown>,
    }))
    const attemptSpans = spans.filter((span) => span.name === "Intercom.retrieveConversation.attempt")
    expect(attemptSpans.map((span) => span.attributes["intercom.attempt"])).toEqual([1, 2])
    expect(attemptSpans[0]!.attributes["url.path"]).toBe("/conversations/1")
  })
})

describe("Intercom.layerTest", () => {
  const layer = Intercom.layerTest({
    retrieveConversation: ({ conversation_id }) =>
      Effect.succeed({ type: "conversation", id: conversation_id } as never),
    listContacts: (params) =>
      Effect.succeed({
        type: "list",
        data: params?.starting_after === undefined ? [{ id: "a" }] : [{ id: "b" }],
        pages: params?.starting_after === undefined ? { next: { starting_after: "c1" } } : {},
      } as never),
  })

  it("runs the listed operations (with withResponse and paginate twins)", async () => {
    const result = await Effect.runPromise(
      Effect.gen(function*() {
        const intercom = yield* Intercom
        const conversation = yield* intercom.retrieveConversation({ conversation_id: "7" })
        const response = yield* intercom.withResponse.retrieveConversation({ conversation_id: "8" })
        const ids = yield* Stream.runCollect(intercom.paginate.listContacts())
        return {
          conversation,
          status: response.status,
          validation: response.validation,
          ids: Array.from(ids, (contact) => (contact as { id: string }).id),
        }
      }).pipe(Effect.provide(layer)),
    )
    expect(result).toEqual({
      conversation: { type: "conversation", id: "7" },
      status: 200,
      validation: [],
      ids: ["a", "b"],
    })
  })

  it("an operation not listed dies with a 'not mocked' defect naming it", async () => {
    const exit = await Effect.runPromiseExit(
      Effect.flatMap(Intercom, (intercom) => intercom.listAdmins()).pipe(Effect.provide(layer)),
    )
    expect(Exit.isFailure(exit) && Exit.hasDies(exit)).toBe(true)
    const defect = Exit.isFailure(exit) ? Cause.squash(exit.cause) : undefined
    expect(String((defect as Error).message)).toContain("Intercom.layerTest: listAdmins is not mocked")
  })
})
