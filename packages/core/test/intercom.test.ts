import { describe, expect, it } from "@effect/vitest"
import { prismUrl } from "@utdk/intercom-testing/inject"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Layer from "effect/Layer"
import { Intercom } from "../src/Intercom.ts"
import { IntercomNotInVersionError } from "../src/IntercomError.ts"

// The Effect service over the generated registry, against Prism serving the real spec.
describe("Intercom (Effect service)", () => {
  const layer = Intercom.layer({ token: "test-token", baseUrl: prismUrl() }).pipe(Layer.provide(FetchHttpClient.layer))

  it.live("has one method per operation and calls updateConversation", () =>
    Effect.gen(function*() {
      const intercom = yield* Intercom
      const conversation = yield* intercom.updateConversation({ conversation_id: "123", read: true, title: "Refund" })
      expect(conversation.type).toBe("conversation")
      const { status, headers } = yield* intercom.withResponse.identifyAdmin()
      expect(status).toBe(200)
      expect(headers["content-type"]).toContain("application/json")
    }).pipe(Effect.provide(layer)))

  it.live("fails with tagged errors that Effect.catchTag can handle", () =>
    Effect.gen(function*() {
      const intercom = yield* Intercom
      const recovered = yield* intercom
        .retrieveConversation({ conversation_id: "123" }, { headers: { Prefer: "code=404" } })
        .pipe(Effect.catchTag("IntercomNotFoundError", (error) => Effect.succeed(error.errors[0]?.code)))
      expect(recovered).toBe("not_found")
    }).pipe(Effect.provide(layer)))

  it.live("layerConfig reads the token, region, base URL and version from Config", () =>
    Effect.gen(function*() {
      const intercom = yield* Intercom
      const { data } = yield* intercom.withResponse.identifyAdmin()
      expect(data.type).toBe("admin")
    }).pipe(
      Effect.provide(Intercom.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))),
      Effect.provide(
        ConfigProvider.layer(
          ConfigProvider.fromEnv({
            env: { INTERCOM_ACCESS_TOKEN: "tok", INTERCOM_BASE_URL: prismUrl(), INTERCOM_VERSION: "2.16" },
          }),
        ),
      ),
    ))

  it.live("layerConfig fails without INTERCOM_ACCESS_TOKEN", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Intercom.use(Effect.succeed).pipe(
          Effect.provide(Intercom.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))),
          Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env: {} }))),
        ),
      )
      expect(String(error)).toContain("INTERCOM_ACCESS_TOKEN")
    }))

  it.live("a service made for a version has that version's operations, and Intercom.pinned checks it", () =>
    Effect.gen(function*() {
      const layer14 = Intercom.layer({ token: "t", baseUrl: prismUrl(), version: "2.14" }).pipe(
        Layer.provide(FetchHttpClient.layer),
      )
      const pinned = yield* Intercom.pinned("2.14").pipe(Effect.provide(layer14))
      type Untyped = Record<string, (args: unknown) => Effect.Effect<unknown, { readonly _tag: string }>>
      // 2.13–2.15's name of GET /custom_object_instances/{type}; 2.16 calls it listCustomObjectInstances only.
      const byOldName = (client: unknown) =>
        (client as Untyped)["getCustomObjectInstancesByExternalId"]!({
          custom_object_type_identifier: "Order",
          external_id: "1",
        })
      const sent = yield* byOldName(pinned).pipe(
        Effect.match({ onFailure: (error) => error._tag, onSuccess: () => "answered" }),
      )
      expect(sent).not.toBe("IntercomNotInVersionError")
      const newest = yield* Intercom.pinned("2.16").pipe(Effect.provide(layer))
      // Another version's method (through a cast) fails in the error channel, naming the versions that have it.
      const missing = yield* Effect.flip(byOldName(newest))
      expect(missing).toBeInstanceOf(IntercomNotInVersionError)
      expect(missing).toMatchObject({
        operation: "getCustomObjectInstancesByExternalId",
        version: "2.16",
        versions: ["2.13", "2.14", "2.15"],
      })
      const other = yield* Effect.flip(
        (pinned as unknown as Untyped)["attachTagToArticle"]!({ article_id: "1", id: "2" }),
      )
      expect(other).toMatchObject({ _tag: "IntercomNotInVersionError", version: "2.14", versions: ["2.16", "Preview"] })
      const wrong = yield* Effect.flip(Intercom.pinned("2.16").pipe(Effect.provide(layer14)))
      expect(wrong._tag).toBe("IntercomConfigError")
      expect(wrong.message).toContain("made for version 2.14")
    }))
})
