// Error mapping and the OAuth helpers' edges, next to their modules.
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { fromStatus, isIntercomError, IntercomOAuthError } from "../src/IntercomError.ts"
import { exchangeOAuthCode, oauthAuthorizeUrl } from "../src/OAuth.ts"

const fields = {
  message: "m",
  operation: "op",
  errors: [],
  requestId: undefined,
  headers: {},
  body: undefined,
  attempts: 1,
}

describe("fromStatus", () => {
  it("maps each status to its class, 5xx to server errors, anything else to the status error", () => {
    const tag = (status: number) => fromStatus(status, fields)._tag
    expect([400, 401, 403, 404, 409, 422, 429].map(tag)).toEqual([
      "IntercomBadRequestError",
      "IntercomUnauthorizedError",
      "IntercomForbiddenError",
      "IntercomNotFoundError",
      "IntercomConflictError",
      "IntercomUnprocessableError",
      "IntercomRateLimitedError",
    ])
    expect([500, 503, 599].map(tag)).toEqual(["IntercomServerError", "IntercomServerError", "IntercomServerError"])
    expect([499, 600, 302].map(tag)).toEqual(["IntercomStatusError", "IntercomStatusError", "IntercomStatusError"])
    expect(fromStatus(418, fields)).toMatchObject({ status: 418, operation: "op" })
  })
})

describe("isIntercomError", () => {
  it("recognises the SDK's errors, and errors tagged as one from another copy of the SDK", () => {
    expect(isIntercomError(fromStatus(404, fields))).toBe(true)
    expect(isIntercomError(Object.assign(new Error("x"), { _tag: "IntercomNotFoundError" }))).toBe(true)
  })

  it("refuses other errors and lookalikes", () => {
    expect(isIntercomError(new Error("x"))).toBe(false)
    expect(isIntercomError(Object.assign(new Error("x"), { _tag: "SomethingElse" }))).toBe(false)
    expect(isIntercomError(Object.assign(new Error("x"), { _tag: 1 }))).toBe(false)
    expect(isIntercomError({ _tag: "IntercomNotFoundError" })).toBe(false)
    expect(isIntercomError(undefined)).toBe(false)
  })
})

describe("OAuth edges", () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((request, res) => {
      const code = new URLSearchParams(request.body).get("code")
      if (code === "string-body") return json(res, 200, "access_token")
      if (code === "null-body") return json(res, 200, null)
      if (code === "number-token") return json(res, 200, { access_token: 5 })
      if (code === "empty") return void res.writeHead(400).end()
      if (code === "error-field") return json(res, 400, { error: "invalid_grant" })
      return json(res, 200, { access_token: "tok" })
    })
  })
  afterAll(() => server.close())
  const exchange = (code: string) =>
    exchangeOAuthCode({ code, clientId: "c", clientSecret: "s", tokenUrl: `${server.url}/token` })
  const failure = (code: string) => exchange(code).then(() => undefined, (e: unknown) => e as IntercomOAuthError)

  it("builds an authorization URL without a redirect_uri when none is given", () => {
    const url = new URL(oauthAuthorizeUrl({ clientId: "c", state: "s", authorizeUrl: "https://auth.test/oauth" }))
    expect(url.origin + url.pathname).toBe("https://auth.test/oauth")
    expect([...url.searchParams.keys()]).toEqual(["client_id", "state"])
  })

  it("asks for JSON", async () => {
    await exchange("good")
    expect(server.requests.at(-1)!.headers["accept"]).toBe("application/json")
  })

  it("finds no token in a body that is not an object, or in a token that is not a string", async () => {
    for (const code of ["string-body", "null-body", "number-token"]) {
      const error = await failure(code)
      expect(error, code).toBeInstanceOf(IntercomOAuthError)
      expect(error!.message).toContain("status 200")
    }
  })

  it("keeps an empty body as undefined, and names an error field", async () => {
    const empty = await failure("empty")
    expect(empty).toBeInstanceOf(IntercomOAuthError)
    expect(empty!.body).toBeUndefined()
    expect((await failure("error-field"))!.message).toContain("no token (invalid_grant)")
  })

  it("says when the endpoint could not be reached", async () => {
    const error = await exchangeOAuthCode({
      code: "x",
      clientId: "c",
      clientSecret: "s",
      tokenUrl: "http://127.0.0.1:9/token",
    }).then(() => new Error("resolved"), (e: unknown) => e as Error)
    expect(error.message).toContain("could not be reached")
  })
})
