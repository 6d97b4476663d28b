/**
 * OAuth for public Intercom apps (https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth,
 * https://intercom-developer-hub.readme.io/reference/using-oauth): send the workspace admin to
 * {@link oauthAuthorizeUrl}; Intercom redirects back to your `redirect_uri` with `code` and `state`; check `state`,
 * then {@link exchangeOAuthCode} POSTs the code with your client id and secret to Intercom's token endpoint and gives
 * a token ready for `new Intercom({ token })`. Intercom's OAuth tokens do not expire; scopes are set on the app in
 * the Developer Hub, not in the URL.
 *
 * ```ts
 * import { exchangeOAuthCode, Intercom, oauthAuthorizeUrl } from "@utdk/intercom"
 *
 * response.redirect(oauthAuthorizeUrl({ clientId, state, redirectUri: "https://example.com/intercom/callback" }))
 * // …in the callback, after checking `state`:
 * const { token } = await exchangeOAuthCode({ code, clientId, clientSecret })
 * await saveToken(workspaceId, token.reveal()) // the text, to store; `String(token)` is `<redacted:…>`
 * const intercom = new Intercom({ token })
 * ```
 *
 * @since 0.1.0
 */
import { IntercomOAuthError } from "./IntercomError.ts"
import { revealSecret, Secret, type SecretInput } from "./Secret.ts"

/** Where admins authorize an app. @category constants */
export const authorizeEndpoint = "https://app.intercom.com/oauth"

/** Where a code is exchanged for a token. @category constants */
export const tokenEndpoint = "https://api.intercom.io/auth/eagle/token"

/**
 * The URL to send an admin to. `state` is echoed back to your redirect: check it (CSRF); `redirectUri` must be one of
 * the app's redirect URLs (the first one when left out).
 *
 * @category authorization
 */
export const oauthAuthorizeUrl = (input: {
  readonly clientId: string
  readonly state: string
  readonly redirectUri?: string | undefined
  /** Another authorization page (tests). */
  readonly authorizeUrl?: string | undefined
}): string => {
  const url = new URL(input.authorizeUrl ?? authorizeEndpoint)
  url.searchParams.set("client_id", input.clientId)
  url.searchParams.set("state", input.state)
  if (input.redirectUri !== undefined) url.searchParams.set("redirect_uri", input.redirectUri)
  return url.href
}

/** @category models */
export interface OAuthToken {
  /**
   * The access token, for `new Intercom({ token })`; `token.reveal()` is its text (to store it). It does not show in
   * logs, `console.log`, template strings or JSON (`<redacted:intercom-oauth-token>`).
   */
  readonly token: Secret
  /** `Bearer`. */
  readonly tokenType: string
}

const textOf = (body: unknown, key: string): string | undefined => {
  if (typeof body !== "object" || body === null) return undefined
  const value = (body as Record<string, unknown>)[key]
  return typeof value === "string" && value !== "" ? value : undefined
}

/**
 * Exchanges the `code` of the redirect for the workspace's access token (form-encoded POST of `code`, `client_id`,
 * `client_secret`). Codes expire after about five minutes and work once. Rejects with `IntercomOAuthError`.
 *
 * @category authorization
 */
export const exchangeOAuthCode = async (input: {
  readonly code: string
  readonly clientId: string
  readonly clientSecret: SecretInput
  /** Another token endpoint (a test server, a proxy). */
  readonly tokenUrl?: string | undefined
  /** The `fetch` to send with (default the global one). */
  readonly fetch?: typeof globalThis.fetch | undefined
  readonly signal?: AbortSignal | undefined
}): Promise<OAuthToken> => {
  const secret = (await revealSecret(input.clientSecret)) ?? ""
  const form = new URLSearchParams({ code: input.code, client_id: input.clientId, client_secret: secret })
  const fetch = input.fetch ?? globalThis.fetch
  let response: Response
  try {
    response = await fetch(input.tokenUrl ?? tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
      // Stryker disable next-line ConditionalExpression: fetch takes `signal: undefined` as no signal.
      ...(input.signal === undefined ? {} : { signal: input.signal }),
    })
  } catch (cause) {
    if (input.signal?.aborted) throw input.signal.reason
    throw new IntercomOAuthError({
      message: "exchangeOAuthCode: the token endpoint could not be reached",
      status: 0,
      body: undefined,
      cause,
    })
  }
  const text = await response.text()
  let body: unknown = text === "" ? undefined : text
  try {
    body = JSON.parse(text)
  } catch {
    // Not JSON: kept as text for the error.
  }
  const token = textOf(body, "access_token") ?? textOf(body, "token")
  if (!response.ok || token === undefined) {
    const detail = textOf(body, "message") ?? textOf(body, "error_description") ?? textOf(body, "error") ??
      `status ${response.status}`
    throw new IntercomOAuthError({
      message:
        `exchangeOAuthCode: no token (${detail}); check that the code is fresh and unused and the client id and secret are the app's`,
      status: response.status,
      body,
    })
  }
  return { token: new Secret(token, "intercom-oauth-token"), tokenType: textOf(body, "token_type") ?? "Bearer" }
}
