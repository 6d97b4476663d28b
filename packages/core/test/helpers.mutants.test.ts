// Identity verification, the OAuth exchange and the environment's options, next to their modules: the hash is of
// the exact subject given, a token from a refused exchange is never accepted, explicit options beat the environment.
import { createHmac } from "node:crypto"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import * as Redacted from "effect/Redacted"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { withEnvironment } from "../src/ClientOptions.ts"
import { identityVerificationHash } from "../src/IdentityVerification.ts"
import { IntercomOAuthError } from "../src/IntercomError.ts"
import { exchangeOAuthCode } from "../src/OAuth.ts"

const hmac = (secret: string, subject: string) => createHmac("sha256", secret).update(subject).digest("hex")

describe("identityVerificationHash", () => {
  it("hashes the email exactly as given: no lower-casing, no trimming", async () => {
    const email = " Ada.Lovelace@Example.COM "
    const hash = await identityVerificationHash({ secret: "idv", email })
    expect(hash).toBe(hmac("idv", email))
    expect(hash).not.toBe(hmac("idv", email.trim().toLowerCase()))
    expect(hash).not.toBe(hmac("idv", email.trim()))
    expect(hash).not.toBe(hmac("idv", email.toLowerCase()))
  })

  it("prefers the user id, as text, and refuses neither", async () => {
    expect(await identityVerificationHash({ secret: "idv", userId: " U1 " })).toBe(hmac("idv", " U1 "))
    expect(await identityVerificationHash({ secret: "idv", userId: 0 })).toBe(hmac("idv", "0"))
    await expect(identityVerificationHash({ secret: "idv", userId: "" })).rejects.toThrow(TypeError)
    await expect(identityVerificationHash({ secret: "idv" } as never)).rejects.toThrow("give a userId or an email")
  })
})

describe("exchangeOAuthCode", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((request, res) => {
      const code = new URLSearchParams(request.body).get("code")
      // A refusal that still carries a token-shaped field: the status, not the body, says the exchange failed.
      if (code === "refused-with-token") {
        return json(res, 401, { access_token: "tok_not_granted", token_type: "Bearer" })
      }
      if (code === "server-error") return json(res, 500, { token: "tok_not_granted_either" })
      if (code === "text") {
        res.writeHead(502, { "content-type": "text/plain" })
        return void res.end("bad gateway")
      }
      if (code === "token-only") return json(res, 200, { token: "tok_only" })
      if (code === "empty-token") return json(res, 200, { access_token: "", error_description: "no token issued" })
      return json(res, 200, { access_token: "tok_ok", token_type: "bearer" })
    })
  })
  afterAll(() => server.close())
  const exchange = (code: string) =>
    exchangeOAuthCode({ code, clientId: "c", clientSecret: Redacted.make("shh"), tokenUrl: `${server.url}/token` })

  it("rejects a non-2xx answer even when it carries a token", async () => {
    for (const [code, status] of [["refused-with-token", 401], ["server-error", 500]] as const) {
      const error = await exchange(code).catch((e: unknown) => e)
      expect(error, code).toBeInstanceOf(IntercomOAuthError)
      expect((error as IntercomOAuthError).status).toBe(status)
      expect((error as Error).message).toContain(`status ${status}`)
    }
  })

  it("keeps a text answer as the error's body, and names the detail it found", async () => {
    const error = (await exchange("text").catch((e: unknown) => e)) as IntercomOAuthError
    expect(error).toBeInstanceOf(IntercomOAuthError)
    expect(error.body).toBe("bad gateway")
    const empty = (await exchange("empty-token").catch((e: unknown) => e)) as IntercomOAuthError
    expect(empty.message).toContain("no token issued")
    expect(empty.status).toBe(200)
  })

  it("accepts access_token or token, with a Redacted client secret, and the token type given", async () => {
    const ok = await exchange("good")
    expect(ok.token.reveal()).toBe("tok_ok")
    expect(ok.tokenType).toBe("bearer")
    const only = await exchange("token-only")
    expect(only.token.reveal()).toBe("tok_only")
    expect(only.tokenType).toBe("Bearer")
    expect(new URLSearchParams(server.requests.at(-1)!.body).get("client_secret")).toBe("shh")
  })

  it("rejects with IntercomOAuthError when the endpoint cannot be reached, and with the reason when aborted", async () => {
    const unreachable = await exchangeOAuthCode({
      code: "x",
      clientId: "c",
      clientSecret: "s",
      tokenUrl: "http://127.0.0.1:9/token",
    }).catch((e: unknown) => e)
    expect(unreachable).toBeInstanceOf(IntercomOAuthError)
    expect((unreachable as IntercomOAuthError).status).toBe(0)
    const reason = new Error("caller gave up")
    const aborted = await exchangeOAuthCode({
      code: "x",
      clientId: "c",
      clientSecret: "s",
      tokenUrl: `${server.url}/token`,
      signal: AbortSignal.abort(reason),
    }).catch((e: unknown) => e)
    expect(aborted).toBe(reason)
  })
})

describe("withEnvironment", () => {
  const env = {
    INTERCOM_ACCESS_TOKEN: "env-token",
    INTERCOM_REGION: "eu",
    INTERCOM_BASE_URL: "https://env.example",
    INTERCOM_VERSION: "2.14",
    INTERCOM_LOG: "debug",
  }

  it("never lets the environment's token override an explicit one", () => {
    expect(env.INTERCOM_ACCESS_TOKEN).toBe("env-token")
    expect(withEnvironment({ token: "explicit" }, env).token).toBe("explicit")
    expect(withEnvironment({}, env).token).toBe("env-token")
  })

  it("fills what is left out, ignoring blank variables", () => {
    expect(withEnvironment({}, { INTERCOM_VERSION: "2.14", INTERCOM_LOG: "debug", INTERCOM_REGION: "eu" }))
      .toMatchObject({ version: "2.14", logLevel: "debug", region: "eu", baseUrl: undefined })
    expect(withEnvironment({ version: "2.15", logLevel: "warn" } as never, env)).toMatchObject({
      version: "2.15",
      logLevel: "warn",
    })
    expect(withEnvironment({}, { INTERCOM_ACCESS_TOKEN: "  ", INTERCOM_REGION: "" }).token).toBeUndefined()
    expect(withEnvironment({}, { INTERCOM_REGION: " " }).region).toBeUndefined()
  })

  it("never mixes an explicit host with one from the environment", () => {
    expect(withEnvironment({ region: "au" }, env)).toMatchObject({ region: "au", baseUrl: undefined })
    expect(withEnvironment({ baseUrl: "https://mine.example" }, env)).toMatchObject({
      region: undefined,
      baseUrl: "https://mine.example",
    })
    expect(withEnvironment({}, env)).toMatchObject({ region: "eu", baseUrl: "https://env.example" })
  })
})
