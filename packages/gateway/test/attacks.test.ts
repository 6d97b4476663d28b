// The attack suite: hostile requests, sent as raw bytes, to real gateway servers in front of a recording fake
// upstream. After every case a canary server on another loopback port must have seen nothing, the upstream must
// have seen exactly what the case allows (with the gateway's credentials only), and no token may appear in any
// response; after the suite, in any log line.
import type { GatewayOptions } from "../src/Gateway.ts"
import { makeLogger } from "../src/Log.ts"
import { operationList } from "@utdk/intercom-core/registry"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startGatewayServer, type RunningGatewayServer } from "../src/node/server.ts"
import {
  logCapture,
  rawRequest,
  startCanary,
  startRecordingUpstream,
  type RawResponse,
  type Recorded,
} from "./fixtures.ts"

const SERVER_TOKEN = "dG9rOnNlcnZlci10b2tlbi1uZXZlci1pbi1hLXJlc3BvbnNl"
const VISITOR_TOKEN = "dG9rOnZpc2l0b3ItdG9rZW4tZnJvbS10aGUtcGxheWdyb3VuZA=="
const SECRET = "a-gateway-secret-of-at-least-32-bytes-for-sessions"
const ORIGIN = "https://docs.example.com"

// The real allow-list: every operation of the generated registry.
const operations = operationList
// Every request the upstream sees must be METHOD + one of these paths.
const allowedUpstream = operations.map((o) => ({
  method: o.method,
  path: new RegExp(`^${o.path.replace(/\{[^}]+\}/g, "[A-Za-z0-9\\-._~!$&'()*+,;=:@%]+")}(\\?|$)`),
}))

type GatewayName = "main" | "strict" | "limited" | "session" | "shortSession"

interface Ctx {
  readonly canary: string
  readonly upstream: string
  readonly session: string
  readonly revoked: string
  readonly expired: string
}

interface AttackCase {
  readonly name: string
  readonly gateway?: GatewayName
  readonly send: (ctx: Ctx) => string | Buffer | ReadonlyArray<string | Buffer>
  /** Expected status of the first response; 0 = the connection was closed without an answer. */
  readonly status: number | ReadonlyArray<number>
  /** Requests the upstream must have received. */
  readonly forwarded: number
  readonly gapMs?: number
  /** How long to wait for the server to close (default 6 s). */
  readonly timeoutMs?: number
  readonly check?: (response: RawResponse, upstream: ReadonlyArray<Recorded>, ctx: Ctx) => void
}

const CRLF = "\r\n"
/** A raw HTTP/1.1 request; `Host` and `Connection: close` unless given. */
const http = (
  method: string,
  target: string,
  headers: ReadonlyArray<readonly [string, string]> = [],
  body?: string,
  options: { keepAlive?: boolean; host?: boolean } = {},
) => {
  const lines = [`${method} ${target} HTTP/1.1`]
  if (options.host !== false) lines.push("Host: gateway.test")
  for (const [k, v] of headers) lines.push(`${k}: ${v}`)
  if (!options.keepAlive) lines.push("Connection: close")
  if (body !== undefined && !headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))) {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`)
  }
  return lines.join(CRLF) + CRLF + CRLF + (body ?? "")
}
const json = (value: unknown) => JSON.stringify(value)
const jsonHeaders = [["Content-Type", "application/json"]] as const

const cases: ReadonlyArray<AttackCase> = [
  // Routing: only METHOD /path pairs of the registry, rebuilt from the template.
  {
    name: "absolute-form URL aimed at the canary",
    send: (c) => http("GET", `${c.canary}/me`),
    status: 404,
    forwarded: 0,
  },
  {
    name: "absolute-form URL naming the upstream itself",
    send: (c) => http("GET", `${c.upstream}/me`),
    status: 404,
    forwarded: 0,
  },
  {
    name: "authority-form target on GET",
    send: (c) => http("GET", c.canary.replace("http://", "")),
    status: 400,
    forwarded: 0,
  },
  {
    name: "scheme-relative //host path",
    send: (c) => http("GET", `//${c.canary.replace("http://", "")}/me`),
    status: 404,
    forwarded: 0,
  },
  {
    name: "triple-slash ///host path",
    send: (c) => http("GET", `///${c.canary.replace("http://", "")}/me`),
    status: 404,
    forwarded: 0,
  },
  { name: "plain .. traversal", send: () => http("GET", "/contacts/../me"), status: 404, forwarded: 0 },
  { name: "single dot segment", send: () => http("GET", "/./me"), status: 404, forwarded: 0 },
  {
    name: "%2e%2e traversal in a parameter",
    send: () => http("GET", "/contacts/%2e%2e/me"),
    status: 404,
    forwarded: 0,
  },
  { name: "mixed .%2E traversal", send: () => http("GET", "/contacts/.%2E/me"), status: 404, forwarded: 0 },
  {
    name: "encoded slash %2f inside a parameter",
    send: () => http("GET", "/contacts/123%2f..%2fme"),
    status: 404,
    forwarded: 0,
  },
  {
    name: "encoded slash to escape find_by_external_id",
    send: () => http("GET", "/contacts/find_by_external_id/..%2F..%2Fadmins"),
    status: 404,
    forwarded: 0,
  },
  {
    name: "double-encoded slash %252f",
    send: () => http("GET", "/contacts/123%252f..%252fme"),
    status: 404,
    forwarded: 0,
  },
  {
    name: "double-encoded dots %252e%252e",
    send: () => http("GET", "/contacts/%252e%252e"),
    status: 404,
    forwarded: 0,
  },
  { name: "backslash traversal", send: () => http("GET", "/contacts/..\\me"), status: 404, forwarded: 0 },
  { name: "encoded backslash %5c", send: () => http("GET", "/contacts/abc%5c..%5cme"), status: 404, forwarded: 0 },
  { name: "encoded NUL in a parameter", send: () => http("GET", "/contacts/abc%00"), status: 404, forwarded: 0 },
  {
    name: "encoded CRLF in the path",
    send: (c) => http("GET", `/me%0d%0aHost:%20${c.canary.replace("http://", "")}`),
    status: 404,
    forwarded: 0,
  },
  {
    name: "overlong UTF-8 encoded slash %c0%af",
    send: () => http("GET", "/contacts/%c0%af..%c0%afme"),
    status: 404,
    forwarded: 0,
  },
  {
    name: "raw CR inside the request target",
    send: () => `GET /me\rX HTTP/1.1${CRLF}Host: gateway.test${CRLF}Connection: close${CRLF}${CRLF}`,
    status: 400,
    forwarded: 0,
  },
  {
    name: "userinfo-looking path me@canary",
    send: (c) => http("GET", `/me@${c.canary.replace("http://", "")}`),
    status: 404,
    forwarded: 0,
  },
  {
    name: "fragment in the request target",
    send: (c) => http("GET", `/me#@${c.canary.replace("http://", "")}`),
    status: 404,
    forwarded: 0,
  },
  { name: "path case changed", send: () => http("GET", "/ME"), status: 404, forwarded: 0 },
  { name: "trailing slash", send: () => http("GET", "/me/"), status: 404, forwarded: 0 },
  { name: "path outside the spec", send: () => http("GET", "/admin/secret"), status: 404, forwarded: 0 },
  { name: "overlong target", send: () => http("GET", `/contacts/${"a".repeat(5000)}`), status: 404, forwarded: 0 },
  {
    name: "query cannot change the path upstream",
    send: () => http("GET", "/me?next=/../admins&redirect=http://evil.test"),
    status: 200,
    forwarded: 1,
    check: (_r, up) => expect(up[0]!.url).toBe("/me?next=/../admins&redirect=http://evil.test"),
  },
  {
    name: "parameter is re-encoded upstream",
    send: () => http("GET", "/contacts/find_by_external_id/a%20b+c@d.e"),
    status: 200,
    forwarded: 1,
    check: (_r, up) => expect(up[0]!.url).toBe("/contacts/find_by_external_id/a%20b%2Bc%40d.e"),
  },

  // Host and forwarding headers from the caller are never used or forwarded.
  {
    name: "Host header naming the canary",
    send: (c) => http("GET", "/me", [["Host", c.canary.replace("http://", "")]], undefined, { host: false }),
    status: 200,
    forwarded: 1,
  },
  {
    name: "X-Forwarded-Host / X-Forwarded-Proto naming the canary",
    send: (c) =>
      http("GET", "/me", [["X-Forwarded-Host", c.canary.replace("http://", "")], ["X-Forwarded-Proto", "http"]]),
    status: 200,
    forwarded: 1,
  },
  {
    name: "X-Forwarded-For, X-Real-IP and Forwarded spoofing",
    send: (c) =>
      http("GET", "/me", [["X-Forwarded-For", "10.0.0.1"], ["X-Real-IP", "10.0.0.2"], [
        "Forwarded",
        `for=10.0.0.3;host=${c.canary.replace("http://", "")}`,
      ]]),
    status: 200,
    forwarded: 1,
  },
  {
    name: "missing Host header",
    send: () => http("GET", "/me", [], undefined, { host: false }),
    status: 400,
    forwarded: 0,
  },

  // Methods not in the spec.
  { name: "TRACE", send: () => http("TRACE", "/me"), status: 405, forwarded: 0 },
  { name: "HEAD on a GET operation", send: () => http("HEAD", "/me"), status: 405, forwarded: 0 },
  {
    name: "CONNECT to the canary",
    send: (c) => http("CONNECT", c.canary.replace("http://", "")),
    status: 0,
    forwarded: 0,
  },
  { name: "WebDAV PROPFIND", send: () => http("PROPFIND", "/me"), status: 405, forwarded: 0 },
  {
    name: "POST on a GET-only path",
    send: () => http("POST", "/me", jsonHeaders, "{}"),
    status: 405,
    forwarded: 0,
    check: (r) => expect(r.headers["allow"]).toBe("GET"),
  },
  { name: "OPTIONS without Origin", send: () => http("OPTIONS", "/me"), status: 405, forwarded: 0 },
  {
    name: "Upgrade: websocket",
    send: () =>
      http(
        "GET",
        "/me",
        [["Upgrade", "websocket"], ["Connection", "Upgrade"], ["Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="], [
          "Sec-WebSocket-Version",
          "13",
        ]],
        undefined,
        { keepAlive: true },
      ),
    status: 200,
    forwarded: 1,
    timeoutMs: 1500,
    check: (_r, up) => {
      for (const u of up) expect(u.headers["upgrade"]).toBeUndefined()
    },
  },

  // Bodies.
  {
    name: "Content-Length above the cap",
    send: () => http("POST", "/contacts/search", [...jsonHeaders, ["Content-Length", "5000000"]], ""),
    status: 413,
    forwarded: 0,
  },
  {
    name: "chunked body growing past the cap",
    send: () =>
      http(
        "POST",
        "/contacts/search",
        [...jsonHeaders, ["Transfer-Encoding", "chunked"]],
        `400${CRLF}${"a".repeat(1024)}${CRLF}400${CRLF}${"b".repeat(1024)}${CRLF}0${CRLF}${CRLF}`,
      ),
    status: 413,
    forwarded: 0,
  },
  {
    name: "malformed JSON body",
    send: () => http("POST", "/contacts/search", jsonHeaders, "{\"query\": "),
    status: 400,
    forwarded: 0,
  },
  {
    name: "JSON body with invalid UTF-8",
    send: () =>
      Buffer.concat([
        Buffer.from(http("POST", "/contacts/search", [...jsonHeaders, ["Content-Length", "14"]], "")),
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x20, 0x20, 0x20, 0x20]),
      ]),
    status: 400,
    forwarded: 0,
  },
  {
    name: "unsupported content type",
    send: () => http("POST", "/contacts/search", [["Content-Type", "text/plain"]], "hello"),
    status: 415,
    forwarded: 0,
  },
  { name: "GET with a body", send: () => http("GET", "/me", jsonHeaders, "{}"), status: 400, forwarded: 0 },
  {
    name: "non-numeric Content-Length",
    send: () => http("POST", "/contacts/search", [...jsonHeaders, ["Content-Length", "abc"]], "{}"),
    status: 400,
    forwarded: 0,
  },
  {
    name: "negative Content-Length",
    send: () => http("POST", "/contacts/search", [...jsonHeaders, ["Content-Length", "-1"]], "{}"),
    status: 400,
    forwarded: 0,
  },

  // Request smuggling.
  {
    name: "duplicate Content-Length, different values",
    send: () =>
      http("POST", "/contacts/search", [...jsonHeaders, ["Content-Length", "2"], ["Content-Length", "40"]], "{}"),
    status: 400,
    forwarded: 0,
  },
  {
    name: "duplicate Content-Length, same values",
    send: () =>
      http("POST", "/contacts/search", [...jsonHeaders, ["Content-Length", "2"], ["Content-Length", "2"]], "{}"),
    status: 400,
    forwarded: 0,
  },
  {
    name: "Transfer-Encoding plus Content-Length (TE.CL)",
    send: (c) =>
      http(
        "POST",
        "/contacts/search",
        [...jsonHeaders, ["Content-Length", "4"], ["Transfer-Encoding", "chunked"]],
        `2${CRLF}{}${CRLF}0${CRLF}${CRLF}GET ${c.canary}/ HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`,
      ),
    status: 400,
    forwarded: 0,
  },
  {
    name: "obfuscated Transfer-Encoding: xchunked",
    send: () =>
      http(
        "POST",
        "/contacts/search",
        [...jsonHeaders, ["Transfer-Encoding", "xchunked"]],
        `2${CRLF}{}${CRLF}0${CRLF}${CRLF}`,
      ),
    status: 400,
    forwarded: 0,
  },
  {
    name: "Transfer-Encoding: chunked, identity",
    send: () =>
      http(
        "POST",
        "/contacts/search",
        [...jsonHeaders, ["Transfer-Encoding", "chunked, identity"]],
        `2${CRLF}{}${CRLF}0${CRLF}${CRLF}`,
      ),
    status: 400,
    forwarded: 0,
  },
  {
    name: "Transfer-Encoding with a space before the colon",
    send: () =>
      `POST /contacts/search HTTP/1.1${CRLF}Host: g${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding : chunked${CRLF}Content-Length: 2${CRLF}Connection: close${CRLF}${CRLF}{}`,
    status: 400,
    forwarded: 0,
  },
  {
    name: "request smuggled after a Content-Length body",
    send: (c) =>
      http("POST", "/contacts/search", jsonHeaders, "{}", { keepAlive: true }) + http("GET", `${c.canary}/me`),
    status: 200,
    forwarded: 1,
    check: (r) => expect(r.statuses).toEqual([200, 404]),
  },
  {
    name: "pipelined request with an absolute URL",
    send: (c) => http("GET", "/me", [], undefined, { keepAlive: true }) + http("GET", `${c.canary}/contacts`),
    status: 200,
    forwarded: 1,
    check: (r) => expect(r.statuses).toEqual([200, 404]),
  },
  {
    name: "header block above 16 KiB",
    send: () => http("GET", "/me", [["X-Padding", "a".repeat(20_000)]]),
    status: 431,
    forwarded: 0,
  },
  {
    name: "header value with a bare CR",
    send: (c) => http("GET", "/me", [["Intercom-Version", `2.16\rHost: ${c.canary.replace("http://", "")}`]]),
    status: 400,
    forwarded: 0,
  },
  {
    name: "obsolete line folding",
    send: (c) =>
      `GET /me HTTP/1.1${CRLF}Host: g${CRLF}X-Request-Id: a${CRLF} Host: ${
        c.canary.replace("http://", "")
      }${CRLF}Connection: close${CRLF}${CRLF}`,
    status: 400,
    forwarded: 0,
  },

  // Credentials and headers crossing the gateway.
  {
    name: "caller's Authorization is replaced",
    send: () => http("GET", "/me", [["Authorization", "Bearer attacker-token"]]),
    status: 200,
    forwarded: 1,
    check: (_r, up) => expect(up[0]!.headers["authorization"]).toBe(`Bearer ${SERVER_TOKEN}`),
  },
  {
    name: "cookies are dropped",
    send: () => http("GET", "/me", [["Cookie", "session=abc; other=1"]]),
    status: 200,
    forwarded: 1,
  },
  {
    name: "Proxy-Authorization is dropped",
    send: () => http("GET", "/me", [["Proxy-Authorization", "Basic YTpi"]]),
    status: 200,
    forwarded: 1,
  },
  {
    name: "hop-by-hop and Connection-listed headers are dropped",
    send: () =>
      http(
        "GET",
        "/me",
        [["Connection", "close, X-Secret"], ["X-Secret", "1"], ["TE", "trailers"], ["Keep-Alive", "timeout=5"]],
        undefined,
        { keepAlive: true },
      ),
    status: 200,
    forwarded: 1,
    check: (_r, up) => {
      expect(up[0]!.headers["x-secret"]).toBeUndefined()
      expect(up[0]!.headers["te"]).toBeUndefined()
      expect(up[0]!.headers["keep-alive"]).toBeUndefined()
    },
  },
  {
    name: "a malformed request id is not forwarded",
    send: () => http("GET", "/me", [["X-Request-Id", "id with spaces"]]),
    status: 200,
    forwarded: 1,
    check: (_r, up) => {
      expect(up[0]!.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/)
    },
  },
  {
    // Not dropped (Intercom would then answer in the app's default version): refused, without echoing the value.
    name: "a malformed Intercom-Version is refused",
    send: () => http("GET", "/me", [["Intercom-Version", "2.16, 1.0 <script>"]]),
    status: 400,
    forwarded: 0,
    check: (r) => {
      expect(r.headers["x-gateway-error"]).toBe("version_unknown")
      expect(r.body).not.toContain("<script>")
    },
  },
  {
    name: "trace-context headers are not forwarded",
    send: () =>
      http("GET", "/me", [["traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"], [
        "b3",
        "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
      ], ["tracestate", "x=1"]]),
    status: 200,
    forwarded: 1,
    check: (_r, up) => {
      for (const name of ["traceparent", "b3", "tracestate"]) expect(up[0]!.headers[name], name).toBeUndefined()
    },
  },
  {
    name: "upstream Set-Cookie, Server and echoed credentials are not returned",
    send: () => http("GET", "/me"),
    status: 200,
    forwarded: 1,
    check: (r) => {
      expect(r.headers["x-request-id"]).toBe("upstream-request-id")
      expect(r.headers["x-ratelimit-remaining"]).toBe("999")
    },
  },
  {
    name: "upstream redirect to the canary is not followed",
    send: () => http("GET", "/contacts/redirect"),
    status: 302,
    forwarded: 1,
  },

  // CORS.
  {
    name: "wrong Origin",
    send: () => http("GET", "/me", [["Origin", "https://evil.test"]]),
    status: 403,
    forwarded: 0,
  },
  { name: "Origin: null", send: () => http("GET", "/me", [["Origin", "null"]]), status: 403, forwarded: 0 },
  {
    name: "Origin with the allowed one as a prefix",
    send: () => http("GET", "/me", [["Origin", `${ORIGIN}.evil.test`]]),
    status: 403,
    forwarded: 0,
  },
  {
    name: "two Origin headers",
    send: () => http("GET", "/me", [["Origin", ORIGIN], ["Origin", "https://evil.test"]]),
    status: 403,
    forwarded: 0,
  },
  {
    name: "preflight from a wrong origin",
    send: () => http("OPTIONS", "/me", [["Origin", "https://evil.test"], ["Access-Control-Request-Method", "GET"]]),
    status: 403,
    forwarded: 0,
  },
  {
    name: "preflight asking to send Authorization",
    send: () =>
      http("OPTIONS", "/me", [["Origin", ORIGIN], ["Access-Control-Request-Method", "GET"], [
        "Access-Control-Request-Headers",
        "authorization",
      ]]),
    status: 403,
    forwarded: 0,
  },
  // Passes, so the DELETE that follows gets its 405 with CORS headers (issue 23).
  {
    name: "preflight for a method the path lacks",
    send: () => http("OPTIONS", "/me", [["Origin", ORIGIN], ["Access-Control-Request-Method", "DELETE"]]),
    status: 204,
    forwarded: 0,
  },
  {
    name: "preflight for an allowed origin is answered locally",
    send: () =>
      http("OPTIONS", "/conversations/1", [["Origin", ORIGIN], ["Access-Control-Request-Method", "PUT"], [
        "Access-Control-Request-Headers",
        "content-type, intercom-version",
      ]]),
    status: 204,
    forwarded: 0,
    check: (r) => {
      expect(r.headers["access-control-allow-origin"]).toBe(ORIGIN)
      expect(r.headers["access-control-allow-methods"]).toBe("PUT")
    },
  },
  {
    name: "allowed origin gets its own origin back, never * or credentials",
    send: () => http("GET", "/me", [["Origin", ORIGIN]]),
    status: 200,
    forwarded: 1,
    check: (r) => {
      expect(r.headers["access-control-allow-origin"]).toBe(ORIGIN)
      expect(r.headers["access-control-allow-credentials"]).toBeUndefined()
      expect(r.headers["access-control-expose-headers"]).toContain("x-ratelimit-remaining")
    },
  },

  // Sessions (per-visitor credentials).
  {
    name: "session mode without a session key",
    gateway: "session",
    send: () => http("GET", "/me"),
    status: 401,
    forwarded: 0,
  },
  {
    name: "malformed session key",
    gateway: "session",
    send: () => http("GET", "/me", [["X-Gateway-Session", "igs_short"]]),
    status: 401,
    forwarded: 0,
  },
  {
    name: "forged session key of the right shape",
    gateway: "session",
    send: () => http("GET", "/me", [["X-Gateway-Session", `igs_${"A".repeat(43)}`]]),
    status: 401,
    forwarded: 0,
  },
  {
    name: "revoked session key",
    gateway: "session",
    send: (c) => http("GET", "/me", [["X-Gateway-Session", c.revoked]]),
    status: 401,
    forwarded: 0,
  },
  {
    name: "expired session key",
    gateway: "shortSession",
    send: (c) => http("GET", "/me", [["X-Gateway-Session", c.expired]]),
    status: 401,
    forwarded: 0,
  },
  {
    name: "session key in the query is ignored",
    gateway: "session",
    send: (c) => http("GET", `/me?x-gateway-session=${c.session}`),
    status: 401,
    forwarded: 0,
  },
  {
    name: "session key with one character changed",
    gateway: "session",
    send: (c) =>
      http("GET", "/me", [["X-Gateway-Session", c.session.slice(0, -1) + (c.session.endsWith("A") ? "B" : "A")]]),
    status: 401,
    forwarded: 0,
  },
  {
    name: "valid session: the visitor's token replaces the caller's Authorization",
    gateway: "session",
    send: (c) =>
      http("GET", "/me", [["X-Gateway-Session", c.session], ["Authorization", `Bearer ${SERVER_TOKEN}-not-this`]]),
    status: 200,
    forwarded: 1,
    check: (_r, up) => expect(up[0]!.headers["authorization"]).toBe(`Bearer ${VISITOR_TOKEN}`),
  },
  {
    name: "session creation with a header-injecting token",
    gateway: "session",
    send: () => http("POST", "/_gateway/sessions", jsonHeaders, json({ token: "abc\r\nHost: evil" })),
    status: 400,
    forwarded: 0,
  },
  {
    name: "session creation with a non-JSON body",
    gateway: "session",
    send: () =>
      http("POST", "/_gateway/sessions", [["Content-Type", "application/x-www-form-urlencoded"]], "token=abcdefgh"),
    status: 400,
    forwarded: 0,
  },
  {
    name: "GET on the sessions endpoint",
    gateway: "session",
    send: () => http("GET", "/_gateway/sessions"),
    status: 405,
    forwarded: 0,
  },
  {
    name: "revoking with a forged key",
    gateway: "session",
    send: () => http("DELETE", "/_gateway/sessions", [["X-Gateway-Session", `igs_${"B".repeat(43)}`]]),
    status: 401,
    forwarded: 0,
  },
  {
    name: "sessions endpoint does not exist in server mode",
    send: () => http("POST", "/_gateway/sessions", jsonHeaders, json({ token: VISITOR_TOKEN })),
    status: 404,
    forwarded: 0,
  },

  // Limits.
  {
    name: "rate limit holds whatever X-Forwarded-For says",
    gateway: "limited",
    send: () =>
      [1, 2, 3, 4].map((i) => http("GET", "/me", [["X-Forwarded-For", `10.0.0.${i}`]], undefined, { keepAlive: true }))
        .join("") + http("GET", "/me", [["X-Forwarded-For", "10.0.0.9"]]),
    status: 200,
    forwarded: 3,
    check: (r) => {
      expect(r.statuses).toEqual([200, 200, 200, 429, 429])
      expect(r.raw).toMatch(/retry-after: \d+/i)
    },
  },
  {
    name: "slow headers (slowloris) are cut off",
    gateway: "strict",
    send: () => ["GET /me HTTP/1.1\r\n", "Host: g\r\n", "X-A: 1\r\n", "X-B: 1\r\n", "X-C: 1\r\n", "X-D: 1\r\n"],
    gapMs: 500,
    status: 408,
    forwarded: 0,
  },
  {
    name: "slow body is cut off",
    gateway: "strict",
    send: () => [
      http("POST", "/contacts/search", [...jsonHeaders, ["Content-Length", "100"]], ""),
      "{",
      " ",
      " ",
      " ",
      " ",
      " ",
    ],
    gapMs: 600,
    status: 408,
    forwarded: 0,
  },
  {
    name: "upstream that never answers gives 504",
    gateway: "strict",
    send: () => http("GET", "/contacts/hang"),
    status: 504,
    forwarded: 1,
  },
]

describe("gateway attack suite", () => {
  let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>
  let canary: Awaited<ReturnType<typeof startCanary>>
  const logs = logCapture()
  const gateways = new Map<GatewayName, RunningGatewayServer>()
  const issuedKeys: Array<string> = []
  const refused = new Set<string>()
  let ctx: Ctx

  const start = async (
    name: GatewayName,
    options: Partial<GatewayOptions>,
    server: { headersTimeoutMs?: number; requestTimeoutMs?: number } = {},
  ) => {
    const logger = makeLogger({ sink: logs.sink, level: "debug" })
    gateways.set(
      name,
      await startGatewayServer({
        gateway: {
          operations,
          upstream: upstream.url,
          credentials: { mode: "server", token: SERVER_TOKEN },
          cors: { allowedOrigins: [ORIGIN] },
          rateLimit: { requests: 10_000, windowSeconds: 60 },
          maxBodyBytes: 1024,
          upstreamTimeoutMs: 2000,
          logger,
          ...options,
        },
        logger,
        ...server,
      }),
    )
  }

  const createSession = async (gateway: GatewayName): Promise<string> => {
    const response = await fetch(`${gateways.get(gateway)!.url}/_gateway/sessions`, {
      method: "POST",
      // No Origin: the attack cases below send none either, and a session is bound to its creating origin.
      headers: { "content-type": "application/json" },
      body: json({ token: VISITOR_TOKEN }),
    })
    expect(response.status).toBe(201)
    const { session } = (await response.json()) as { session: string }
    issuedKeys.push(session)
    return session
  }

  beforeAll(async () => {
    canary = await startCanary()
    upstream = await startRecordingUpstream({ redirectTo: `${canary.url}/stolen` })
    await start("main", {})
    await start("strict", { upstreamTimeoutMs: 500 }, { headersTimeoutMs: 1000, requestTimeoutMs: 2000 })
    await start("limited", { rateLimit: { requests: 3, windowSeconds: 60 } })
    await start("session", { credentials: { mode: "session", secret: SECRET } })
    await start("shortSession", { credentials: { mode: "session", secret: SECRET, ttlSeconds: 1 } })
    const session = await createSession("session")
    const revoked = await createSession("session")
    const revoke = await fetch(`${gateways.get("session")!.url}/_gateway/sessions`, {
      method: "DELETE",
      headers: { "x-gateway-session": revoked },
    })
    expect(revoke.status).toBe(204)
    const expired = await createSession("shortSession")
    await new Promise((r) => setTimeout(r, 1100))
    ctx = { canary: canary.url, upstream: upstream.url, session, revoked, expired }
  })

  afterAll(async () => {
    for (const g of gateways.values()) await g.close()
    await upstream?.close()
    await canary?.close()
  })

  for (const attack of cases) {
    it(attack.name, async () => {
      upstream.reset()
      const gateway = gateways.get(attack.gateway ?? "main")!
      const response = await rawRequest(gateway.port, attack.send(ctx), {
        ...(attack.gapMs !== undefined ? { gapMs: attack.gapMs } : {}),
        timeoutMs: attack.timeoutMs ?? 6000,
      })
      const expected = Array.isArray(attack.status) ? attack.status : [attack.status]
      expect(expected, `status, got:\n${response.raw.slice(0, 600)}`).toContain(response.status)
      // Let any forward that is in flight land before counting.
      await new Promise((r) => setTimeout(r, 30))
      expect(upstream.requests.length, "requests forwarded upstream").toBe(attack.forwarded)

      expect(canary.seen()).toEqual({ connections: 0, requests: 0 })
      for (
        const secret of [
          SERVER_TOKEN,
          VISITOR_TOKEN,
          ...issuedKeys.filter((k) => k !== ctx.session || attack.gateway !== "session"),
        ]
      ) {
        expect(response.raw).not.toContain(secret)
      }
      expect(response.raw.toLowerCase()).not.toContain("set-cookie")
      expect(response.raw).not.toContain("fake-intercom")
      expect(response.raw.toLowerCase()).not.toContain("x-upstream-echo-authorization")
      expect(response.headers["access-control-allow-origin"] ?? "").not.toBe("*")

      const expectedToken = attack.gateway === "session" || attack.gateway === "shortSession"
        ? VISITOR_TOKEN
        : SERVER_TOKEN
      for (const seen of upstream.requests) {
        expect(
          allowedUpstream.some((a) => a.method === seen.method && a.path.test(seen.url)),
          `${seen.method} ${seen.url}`,
        ).toBe(true)
        expect(seen.headers["host"]).toBe(upstream.url.replace("http://", ""))
        expect(seen.headers["authorization"]).toBe(`Bearer ${expectedToken}`)
        for (
          const dropped of [
            "cookie",
            "proxy-authorization",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto",
            "x-real-ip",
            "forwarded",
            "via",
            "origin",
            "x-gateway-session",
          ]
        ) {
          expect(seen.headers[dropped], dropped).toBeUndefined()
        }
      }
      attack.check?.(response, upstream.requests, ctx)
      if (attack.forwarded === 0) refused.add(attack.name)
    })
  }

  // Counted from the cases that ran and passed (not from the table): at least 40 distinct attacks were refused.
  it("refused at least 40 distinct attacks", () => {
    expect(refused.size).toBeGreaterThanOrEqual(40)
  })

  it("streams a large upstream answer through intact", async () => {
    upstream.reset()
    const response = await fetch(`${gateways.get("main")!.url}/contacts/large`)
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text.length).toBe(400 * 1024)
    expect(text).toBe("x".repeat(400 * 1024))
    expect(canary.seen()).toEqual({ connections: 0, requests: 0 })
  })

  it("answers 502 when the upstream is unreachable", async () => {
    const dead = await startGatewayServer({
      gateway: { operations, upstream: "http://127.0.0.1:9", credentials: { mode: "server", token: SERVER_TOKEN } },
    })
    try {
      const response = await fetch(`${dead.url}/me`)
      expect(response.status).toBe(502)
      expect(response.headers.get("x-gateway-error")).toBe("upstream_unavailable")
      expect(await response.text()).not.toContain(SERVER_TOKEN)
    } finally {
      await dead.close()
    }
  })

  // Controls: the detectors above do notice traffic, so a zero from them means something.
  it("control: the canary counts a request that does reach it", async () => {
    const before = canary.seen()
    await rawRequest(canary.port, http("GET", "/"))
    expect(canary.seen()).toEqual({ connections: before.connections + 1, requests: before.requests + 1 })
  })

  it("control: a gateway configured with the canary as upstream would reach it", async () => {
    const leaky = await startGatewayServer({
      gateway: { operations, upstream: canary.url, credentials: { mode: "server", token: SERVER_TOKEN } },
    })
    try {
      const response = await rawRequest(leaky.port, http("GET", "/me"))
      expect(response.status).toBe(200)
      expect(canary.seen().requests).toBeGreaterThan(1)
    } finally {
      await leaky.close()
    }
  })

  it("logs are JSON lines without tokens or session keys", async () => {
    // A caller's well-formed X-Request-Id is logged as the request's id: sent as the server token and as a live session
    // key, each is in what the gateway logs, to be redacted there (its line keeps the field, as [redacted]).
    for (const [name, id] of [["main", SERVER_TOKEN], ["session", ctx.session]] as const) {
      const probe = await fetch(`${gateways.get(name)!.url}/_gateway/info`, { headers: { "x-request-id": id } })
      expect(probe.status).toBe(200)
      await probe.body?.cancel()
      const line = logs.lines.filter((l) => (JSON.parse(l) as { event: string }).event === "request").at(-1)
      expect(JSON.parse(line!)).toMatchObject({
        request_id: id === SERVER_TOKEN ? "[redacted]" : "igs_[redacted]",
        status: 200,
      })
    }
    expect(logs.lines.length).toBeGreaterThan(cases.length)
    const all = logs.lines.join("\n")
    for (const secret of [SERVER_TOKEN, VISITOR_TOKEN, ...issuedKeys]) expect(all).not.toContain(secret)
    for (const line of logs.lines) expect(() => JSON.parse(line)).not.toThrow()
    expect(logs.lines.some((l) => (JSON.parse(l) as { event: string }).event === "client_error")).toBe(true)
  })
})
