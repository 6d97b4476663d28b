// Intercom's helpers over Web Crypto: webhook signatures, the notification envelope, identity verification hashes,
// and the OAuth code exchange against a real local server standing in for Intercom's token endpoint.
import { createHmac } from "node:crypto"
import { inspect } from "node:util"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import * as Redacted from "effect/Redacted"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { identityVerificationHash } from "../src/IdentityVerification.ts"
import { IntercomError, IntercomOAuthError, IntercomWebhookError } from "../src/IntercomError.ts"
import { exchangeOAuthCode, oauthAuthorizeUrl } from "../src/OAuth.ts"
import { parseWebhookNotification, verifyWebhookSignature } from "../src/Webhook.ts"

const secret = "app-client-secret"
// Intercom's documented example notification (signed-notifications page), as raw text: what is signed.
const body = JSON.stringify({
  type: "notification_event",
  id: "notif_78c122d0-23ba-11e4-9464-79b01267cc2e",
  topic: "user.created",
  app_id: "a86dr8yl",
  data: {
    type: "notification_event_data",
    item: { type: "user", id: "530370b477ad7120001d", user_id: "25", name: "Hoban Washburne" },
  },
})
const sign = (text: string | Buffer, key = secret) => `sha1=${createHmac("sha1", key).update(text).digest("hex")}`

describe("verifyWebhookSignature", () => {
  it("accepts X-Hub-Signature = sha1= + hex HMAC-SHA1 of the raw body keyed by the client secret (node:crypto vector)", async () => {
    expect(await verifyWebhookSignature({ body, signature: sign(body), clientSecret: secret })).toEqual({ valid: true })
    // Bytes too, and upper-case hex.
    const bytes = new TextEncoder().encode(body)
    expect(
      await verifyWebhookSignature({
        body: bytes,
        signature: sign(body).toUpperCase().replace("SHA1=", "sha1="),
        clientSecret: secret,
      }),
    ).toEqual({
      valid: true,
    })
  })

  it("says why a signature is not valid, without throwing", async () => {
    expect(await verifyWebhookSignature({ body, signature: undefined, clientSecret: secret })).toEqual({
      valid: false,
      reason: "missing",
    })
    expect(await verifyWebhookSignature({ body, signature: "sha256=abc", clientSecret: secret })).toEqual({
      valid: false,
      reason: "malformed",
    })
    expect(await verifyWebhookSignature({ body, signature: sign(body, "another-secret"), clientSecret: secret }))
      .toEqual({
        valid: false,
        reason: "mismatch",
      })
    // Re-serialized JSON is not the signed body.
    const reformatted = JSON.stringify(JSON.parse(body), null, 2)
    expect(await verifyWebhookSignature({ body: reformatted, signature: sign(body), clientSecret: secret })).toEqual({
      valid: false,
      reason: "mismatch",
    })
  })
})

describe("parseWebhookNotification", () => {
  it("decodes the envelope (topic, data.item) and keeps the rest", () => {
    const notification = parseWebhookNotification(body)
    expect(notification.topic).toBe("user.created")
    expect(notification.data.item).toEqual({
      type: "user",
      id: "530370b477ad7120001d",
      user_id: "25",
      name: "Hoban Washburne",
    })
    expect(notification.app_id).toBe("a86dr8yl")
  })

  it("rejects what is not a notification with IntercomWebhookError naming the place", () => {
    const notJson = (() => {
      try {
        parseWebhookNotification("{nope")
      } catch (error) {
        return error
      }
    })()
    expect(notJson).toBeInstanceOf(IntercomWebhookError)
    expect(notJson).toBeInstanceOf(IntercomError)
    const noTopic = (() => {
      try {
        parseWebhookNotification({ type: "notification_event", data: { item: {} } })
      } catch (error) {
        return error
      }
    })() as IntercomWebhookError
    expect(noTopic._tag).toBe("IntercomWebhookError")
    expect(noTopic.issues.map((issue) => issue.path)).toContain("$.topic")
  })
})

describe("identityVerificationHash", () => {
  it("matches Intercom's published sample (HMAC-SHA256 of \"Message\" keyed by \"secret\")", async () => {
    // github.com/intercom/identity-verification-code-samples
    expect(await identityVerificationHash({ secret: "secret", userId: "Message" })).toBe(
      "aa747c502a898200f9e4fa21bac68136f886a0e27aec70ba06daf2e2a5cb5597",
    )
  })

  it("hashes the user id, or the email without one (node:crypto vectors)", async () => {
    const expected = (subject: string) => createHmac("sha256", "idv-secret").update(subject).digest("hex")
    expect(await identityVerificationHash({ secret: "idv-secret", userId: 42 })).toBe(expected("42"))
    expect(await identityVerificationHash({ secret: "idv-secret", email: "ada@example.com" })).toBe(
      expected("ada@example.com"),
    )
    await expect(identityVerificationHash({ secret: "idv-secret", email: "" })).rejects.toThrow(TypeError)
  })
})

describe("OAuth", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((request, res) => {
      const form = new URLSearchParams(request.body)
      if (form.get("code") === "good" && form.get("client_secret") === "shh") {
        return json(res, 200, { token_type: "Bearer", token: "tok_from_code", access_token: "tok_from_code" })
      }
      return json(res, 400, {
        type: "error.list",
        errors: [{ code: "invalid_grant", message: "Code expired" }],
        message: "Code expired",
      })
    })
  })
  afterAll(() => server.close())

  it("builds the authorization URL on app.intercom.com", () => {
    const url = new URL(
      oauthAuthorizeUrl({ clientId: "client-1", state: "s t/ate", redirectUri: "https://example.com/cb?x=1" }),
    )
    expect(url.origin + url.pathname).toBe("https://app.intercom.com/oauth")
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "client-1",
      state: "s t/ate",
      redirect_uri: "https://example.com/cb?x=1",
    })
  })

  it("exchanges a code: a form POST of code, client_id and client_secret, giving a token readable only on purpose", async () => {
    const result = await exchangeOAuthCode({
      code: "good",
      clientId: "client-1",
      clientSecret: Redacted.make("shh"), // an effect Redacted is read with the app's effect
      tokenUrl: `${server.url}/auth/eagle/token`,
    })
    // A `Secret`: its text on purpose (to store it), redacted when printed or serialised by accident.
    expect(result.token.reveal()).toBe("tok_from_code")
    expect(result.tokenType).toBe("Bearer")
    for (const shown of [String(result.token), `${result.token}`, JSON.stringify(result), inspect(result)]) {
      expect(shown).not.toContain("tok_from_code")
      expect(shown).toContain("<redacted:intercom-oauth-token>")
    }
    const [request] = server.requests
    expect(request!.method).toBe("POST")
    expect(request!.url).toBe("/auth/eagle/token")
    expect(request!.headers["content-type"]).toBe("application/x-www-form-urlencoded")
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      code: "good",
      client_id: "client-1",
      client_secret: "shh",
    })
  })

  it("a refused code rejects with IntercomOAuthError carrying the status, never the secret", async () => {
    const error = await exchangeOAuthCode({
      code: "stale",
      clientId: "client-1",
      clientSecret: "shh",
      tokenUrl: `${server.url}/auth/eagle/token`,
    }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(IntercomOAuthError)
    expect((error as IntercomOAuthError).status).toBe(400)
    expect((error as Error).message).toContain("Code expired")
    expect((error as Error).message).not.toContain("shh")
  })
})
