// The router next to its module: which raw targets it refuses and why, how a path reaches a template (literals
// before parameters, decoded), what a narrowed allow-list refuses, and the methods it advertises.
import { describe, expect, it } from "vitest"
import { makeRouter, maxTargetLength, parseRequestTarget, routeKey } from "../src/Router.ts"
import { descriptor } from "./fixtures.ts"

const me = descriptor("GET", "/me", "identifyAdmin")
const getAdmin = descriptor("GET", "/admins/{admin_id}", "retrieveAdmin")
const putAway = descriptor("PUT", "/admins/{admin_id}/away", "setAwayAdmin")
const activity = descriptor("GET", "/admins/activity_logs", "listActivityLogs")
const tagContact = descriptor("POST", "/contacts/{contact_id}/tags", "attachTagToContact")
const untagContact = descriptor("DELETE", "/contacts/{contact_id}/tags/{id}", "detachTagFromContact")
const getContact = descriptor("GET", "/contacts/{id}", "showContact")
const deleteContact = descriptor("DELETE", "/contacts/{id}", "deleteContact")
const all = [me, getAdmin, putAway, activity, tagContact, untagContact, getContact, deleteContact]

describe("parseRequestTarget", () => {
  it("accepts a target of exactly the longest length, and refuses one character more", () => {
    const at = `/${"a".repeat(maxTargetLength - 1)}`
    expect(at.length).toBe(maxTargetLength)
    expect(parseRequestTarget(at)).toEqual({ _tag: "Ok", segments: ["a".repeat(maxTargetLength - 1)], query: "" })
    expect(parseRequestTarget(`${at}a`)).toEqual({ _tag: "Bad", reason: "target length" })
    expect(parseRequestTarget("")).toEqual({ _tag: "Bad", reason: "target length" })
  })

  it("says why a target is refused", () => {
    expect(parseRequestTarget("me")).toEqual({ _tag: "Bad", reason: "not origin-form" })
    expect(parseRequestTarget("http://evil.test/me")).toEqual({ _tag: "Bad", reason: "not origin-form" })
    expect(parseRequestTarget("/me?a=<b>")).toEqual({ _tag: "Bad", reason: "query characters" })
    expect(parseRequestTarget("/me?a=%zz")).toEqual({ _tag: "Bad", reason: "query characters" })
    expect(parseRequestTarget("/a//b")).toEqual({ _tag: "Bad", reason: "empty segment" })
    expect(parseRequestTarget("/me/")).toEqual({ _tag: "Bad", reason: "empty segment" })
    for (const dots of [".", "..", "%2e", "%2E%2e", ".%2E"]) {
      expect(parseRequestTarget(`/a/${dots}/b`), dots).toEqual({ _tag: "Bad", reason: "dot segment" })
    }
    for (const bad of ["a b", "a\\b", "a%zzb", "a%2", "é", "a#b", "a\"b"]) {
      expect(parseRequestTarget(`/${bad}`), bad).toEqual({ _tag: "Bad", reason: "path characters" })
    }
  })

  it("splits path segments and query, keeping the query raw and tolerating brackets", () => {
    expect(parseRequestTarget("/")).toEqual({ _tag: "Ok", segments: [], query: "" })
    expect(parseRequestTarget("/?x=1")).toEqual({ _tag: "Ok", segments: [], query: "x=1" })
    expect(parseRequestTarget("/contacts/a%20b/tags?q[field]=x/y?z&e=%2F")).toEqual({
      _tag: "Ok",
      segments: ["contacts", "a%20b", "tags"],
      query: "q[field]=x/y?z&e=%2F",
    })
    expect(parseRequestTarget("/me?")).toEqual({ _tag: "Ok", segments: ["me"], query: "" })
    // Every pchar is a segment character; three dots are a name, not a dot segment.
    expect(parseRequestTarget("/Az09-._~!$&'()*+,;=:@")._tag).toBe("Ok")
    expect(parseRequestTarget("/...")).toEqual({ _tag: "Ok", segments: ["..."], query: "" })
    expect(parseRequestTarget("/a.%2e.")).toEqual({ _tag: "Ok", segments: ["a.%2e."], query: "" })
  })
})

describe("makeRouter", () => {
  const router = makeRouter(all)

  it("matches a template, re-encoding each parameter value into it, and passes the query on", () => {
    expect(router.match("GET", "/me?x=1")).toEqual({
      _tag: "Matched",
      operation: me,
      upstreamPath: "/me",
      query: "x=1",
    })
    expect(router.match("DELETE", "/contacts/c%201/tags/t'2")).toEqual({
      _tag: "Matched",
      operation: untagContact,
      upstreamPath: `/contacts/c%201/tags/${encodeURIComponent("t'2")}`,
      query: "",
    })
    expect(router.match("PUT", "/admins/%41b/away")).toMatchObject({
      _tag: "Matched",
      operation: putAway,
      upstreamPath: "/admins/Ab/away",
    })
  })

  it("says BadTarget with the reason, NotFound, or which methods the path takes", () => {
    expect(router.match("GET", "/a//b")).toEqual({ _tag: "BadTarget", reason: "empty segment" })
    expect(router.match("GET", "/nothing")).toEqual({ _tag: "NotFound" })
    expect(router.match("GET", "/me/more")).toEqual({ _tag: "NotFound" })
    expect(router.match("GET", "/")).toEqual({ _tag: "NotFound" })
    // `/contacts` is a prefix of templates, not a template.
    expect(router.match("GET", "/contacts")).toEqual({ _tag: "NotFound" })
    expect(router.match("POST", "/contacts/1")).toEqual({ _tag: "MethodNotAllowed", allow: ["DELETE", "GET"] })
    expect(router.methodsFor("/contacts/1")).toEqual(["DELETE", "GET"])
    expect(router.methodsFor("/contacts/1/tags")).toEqual(["POST"])
    expect(router.methodsFor("/nothing")).toEqual([])
    expect(router.methodsFor("/a//b")).toEqual([])
    expect(router.methodsFor("me")).toEqual([])
  })

  it("refuses a parameter value that decodes to a separator, an escape, a control character or a dot segment", () => {
    // Valid escapes whose decoded form is no single safe segment (or no UTF-8 at all) match nothing.
    for (const value of ["a%2Fb", "a%5Cb", "a%252F", "a%00", "a%1F", "a%7F", "%E9"]) {
      expect(router.match("GET", `/admins/${value}`), value).toEqual({ _tag: "NotFound" })
      expect(router.methodsFor(`/admins/${value}`), value).toEqual([])
    }
    expect(router.match("GET", "/admins/%2e%2E")).toEqual({ _tag: "BadTarget", reason: "dot segment" })
    // Just past each refused range: a space (0x20) and a tilde (0x7e) are values.
    expect(router.match("GET", "/admins/a%20b")).toMatchObject({ _tag: "Matched", upstreamPath: "/admins/a%20b" })
    expect(router.match("GET", "/admins/a%7E")).toMatchObject({ _tag: "Matched", upstreamPath: "/admins/a~" })
  })

  it("matches a literal, in any spelling, before the parameter beside it", () => {
    expect(router.match("GET", "/admins/activity_logs")).toMatchObject({
      _tag: "Matched",
      operation: activity,
      upstreamPath: "/admins/activity_logs",
    })
    expect(router.match("GET", "/admins/%61ctivity_logs")).toMatchObject({
      _tag: "Matched",
      operation: activity,
      upstreamPath: "/admins/activity_logs",
    })
    expect(router.match("GET", "/admins/7")).toMatchObject({
      _tag: "Matched",
      operation: getAdmin,
      upstreamPath: "/admins/7",
    })
    // The literal's node has no PUT …/away: the parameter is not tried instead.
    expect(router.match("PUT", "/admins/activity_logs/away")).toEqual({ _tag: "NotFound" })
  })

  it("binds values by position across operations that name a parameter differently", () => {
    // `/contacts/{contact_id}/tags` and `/contacts/{id}` share the parameter node.
    expect(router.match("POST", "/contacts/42/tags")).toMatchObject({
      operation: tagContact,
      upstreamPath: "/contacts/42/tags",
    })
    expect(router.match("GET", "/contacts/42")).toMatchObject({ operation: getContact, upstreamPath: "/contacts/42" })
  })

  it("counts the allowed operations once each", () => {
    expect(router.size).toBe(all.length)
    expect(makeRouter([...all, ...all]).size).toBe(all.length)
    expect(makeRouter(all, [me, activity]).size).toBe(2)
    expect(makeRouter(all, []).size).toBe(0)
  })

  it("with a narrowed allow-list, recognises a refused operation and neither routes nor advertises it", () => {
    const narrowed = makeRouter(all, [getAdmin, deleteContact])
    expect(narrowed.match("GET", "/admins/activity_logs")).toEqual({ _tag: "NotAllowed", operation: activity })
    expect(narrowed.match("GET", "/admins/%61ctivity_logs")).toEqual({ _tag: "NotAllowed", operation: activity })
    expect(narrowed.match("GET", "/admins/7")).toMatchObject({ _tag: "Matched", operation: getAdmin })
    expect(narrowed.match("GET", "/me")).toEqual({ _tag: "NotAllowed", operation: me })
    expect(narrowed.match("POST", "/contacts/1")).toEqual({ _tag: "MethodNotAllowed", allow: ["DELETE"] })
    expect(narrowed.methodsFor("/contacts/1")).toEqual(["DELETE"])
    expect(narrowed.methodsFor("/me")).toEqual([])
    // A path whose every template is refused is not found for a method none of them has.
    expect(narrowed.match("POST", "/me")).toEqual({ _tag: "NotFound" })
  })

  it("keeps the caller's descriptor for a template the registry also knows", () => {
    const callers = { ...me, name: "callersIdentify" }
    const match = makeRouter(all, [callers]).match("GET", "/me")
    expect(match).toMatchObject({ _tag: "Matched" })
    expect(match._tag === "Matched" && match.operation).toBe(callers)
  })

  it("takes only a whole `{name}` segment for a parameter; braces inside a segment are literal", () => {
    const files = descriptor("GET", "/files/v{n}", "literalBraces")
    const suffix = descriptor("GET", "/files/{n}x/raw", "literalSuffix")
    const braces = makeRouter([files, suffix])
    expect(braces.match("GET", "/files/v%7Bn%7D")).toMatchObject({ _tag: "Matched", operation: files })
    expect(braces.match("GET", "/files/other")).toEqual({ _tag: "NotFound" })
    expect(braces.match("GET", "/files/other/raw")).toEqual({ _tag: "NotFound" })
  })

  it("names an operation by method and template", () => {
    expect(routeKey(getAdmin)).toBe("GET /admins/{admin_id}")
  })
})
