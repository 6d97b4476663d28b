// Webhook signatures and notifications, next to their module: the exact header form, and errors that say why.
import { createHmac } from "node:crypto"
import { describe, expect, it } from "vitest"
import { IntercomWebhookError } from "../src/IntercomError.ts"
import { parseWebhookNotification, verifyWebhookSignature } from "../src/Webhook.ts"

const secret = "client-secret"
const body = JSON.stringify({ type: "notification_event", topic: "ping", data: { item: { type: "ping" } } })
const sign = (text: string) => `sha1=${createHmac("sha1", secret).update(text).digest("hex")}`

describe("verifyWebhookSignature", () => {
  it("accepts the signature of the exact body, with spaces around the header value", async () => {
    expect(await verifyWebhookSignature({ body, signature: ` ${sign(body)} `, clientSecret: secret })).toEqual({
      valid: true,
    })
    expect(
      await verifyWebhookSignature({
        body: new TextEncoder().encode(body),
        signature: sign(body).toUpperCase().replace("SHA1=", "sha1="),
        clientSecret: secret,
      }),
    ).toEqual({ valid: true })
  })

  it("says missing for no header or a blank one", async () => {
    for (const signature of [undefined, null, "", "   "]) {
      expect(await verifyWebhookSignature({ body, signature, clientSecret: secret })).toEqual({
        valid: false,
        reason: "missing",
      })
    }
  })

  it("says malformed unless the whole value is sha1= and 40 hex digits", async () => {
    const good = sign(body)
    for (
      const signature of [
        `x${good}`,
        `${good}0`,
        `${good} trailing`,
        "sha256=" + good.slice(5),
        "sha1=" + "g".repeat(40),
        good.slice(0, -1),
      ]
    ) {
      expect(await verifyWebhookSignature({ body, signature, clientSecret: secret }), signature).toEqual({
        valid: false,
        reason: "malformed",
      })
    }
  })

  it("says mismatch for another body or another secret", async () => {
    expect(await verifyWebhookSignature({ body: body + " ", signature: sign(body), clientSecret: secret })).toEqual({
      valid: false,
      reason: "mismatch",
    })
    expect(await verifyWebhookSignature({ body, signature: sign(body), clientSecret: "other" })).toEqual({
      valid: false,
      reason: "mismatch",
    })
  })
})

describe("parseWebhookNotification", () => {
  it("parses text or an already parsed object", () => {
    expect(parseWebhookNotification(body)).toMatchObject({ type: "notification_event", topic: "ping" })
    expect(parseWebhookNotification(JSON.parse(body))).toMatchObject({ topic: "ping" })
  })

  it("rejects text that is not JSON, saying so at the root", () => {
    const error = (() => {
      try {
        parseWebhookNotification("{nope")
      } catch (e) {
        return e as IntercomWebhookError
      }
    })()
    expect(error).toBeInstanceOf(IntercomWebhookError)
    expect(error!.message).toMatch(/^Not an Intercom notification: Invalid JSON: /)
    expect(error!.issues).toHaveLength(1)
    expect(error!.issues[0]).toMatchObject({ path: "$" })
    expect(error!.issues[0]!.message).toMatch(/^Invalid JSON: ./)
  })

  it("rejects a body off the notification shape, naming the first path", () => {
    const error = (() => {
      try {
        parseWebhookNotification({ type: "notification_event", data: { item: {} } })
      } catch (e) {
        return e as IntercomWebhookError
      }
    })()
    expect(error).toBeInstanceOf(IntercomWebhookError)
    expect(error!.message).toMatch(/^Not an Intercom notification: \$\.topic: /)
    expect(error!.issues[0]).toMatchObject({ path: "$.topic" })
  })
})
