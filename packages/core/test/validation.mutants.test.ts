// Warn mode's issue reports, next to their module: each names the path, what the spec expected, and what came as a
// kind of value (never a string's value: bodies hold personal data).
import * as Result from "effect/Result"
import { describe, expect, it } from "vitest"
import { operations } from "../src/generated/registry.ts"
import { decodeResponse } from "../src/internal/decodeResponse.ts"
import { describeValue, issueFields, reportKey, validationModes } from "../src/internal/validation.ts"
import { admin } from "@utdk/intercom-testing/fixtures"

const warnIssues = (body: unknown) => {
  const result = decodeResponse(
    operations.identifyAdmin,
    { status: 200, headers: { "content-type": "application/json" }, text: JSON.stringify(body) },
    1,
    "warn",
  )
  if (!Result.isSuccess(result)) throw new Error("warn mode failed")
  expect(result.success.data).toEqual(body)
  return result.success.validation
}

describe("describeValue", () => {
  it("names a kind, with the value only for numbers and booleans", () => {
    expect(describeValue(undefined, false)).toBe("missing")
    expect(describeValue("x", false)).toBe("missing")
    expect(describeValue(null, true)).toBe("null")
    expect(describeValue([1], true)).toBe("array")
    expect(describeValue(3, true)).toBe("number 3")
    expect(describeValue(false, true)).toBe("boolean false")
    expect(describeValue("secret@example.com", true)).toBe("string")
    expect(describeValue({ a: 1 }, true)).toBe("object")
    expect(describeValue(undefined, true)).toBe("undefined")
  })
})

describe("validationIssues (through warn mode)", () => {
  it("reports a wrong type at its path, with the kind that came and never a string's value", () => {
    const issues = warnIssues({ ...admin, id: 42, name: ["Ada"] })
    expect(issues).toContainEqual({ operation: "identifyAdmin", path: "$.id", expected: "string", got: "number 42" })
    expect(issues.find((i) => i.path === "$.name")).toMatchObject({ got: "array" })
    expect(JSON.stringify(warnIssues({ ...admin, email_verified: "ada@example.com" }))).not.toContain("ada@example.com")
  })

  it("reports a missing required key as expecting a value, got missing", () => {
    const { id: _, ...withoutId } = admin
    expect(warnIssues(withoutId)).toContainEqual({
      operation: "identifyAdmin",
      path: "$.id",
      expected: "a value",
      got: "missing",
    })
  })

  it("reports nested paths, and null or a boolean where something else was expected", () => {
    const issues = warnIssues({
      ...admin,
      avatar: { type: "avatar", image_url: 7 },
      email: null,
      has_inbox_seat: "yes",
    })
    expect(issues.find((i) => i.path === "$.avatar.image_url")).toMatchObject({ got: "number 7" })
    expect(issues.find((i) => i.path === "$.email")).toMatchObject({ got: "null" })
    expect(issues.find((i) => i.path === "$.has_inbox_seat")).toMatchObject({ expected: "boolean", got: "string" })
    for (const issue of issues) {
      expect(issue.expected).not.toMatch(/^Expected |, got /)
      expect(issue.got).not.toBe("")
    }
  })

  it("a body that is not an object is reported at the root", () => {
    expect(warnIssues([1, 2])[0]).toMatchObject({ path: "$", got: "array" })
    expect(warnIssues("text")[0]).toMatchObject({ path: "$", got: "string" })
  })
})

describe("reportKey and issueFields", () => {
  it("reports once per path, array indexes aside", () => {
    const issue = { operation: "listThings", path: "$.data[3].items[12].id", expected: "string", got: "number 1" }
    expect(reportKey(issue)).toBe("listThings $.data[].items[].id")
    expect(issueFields(issue)).toEqual({
      operation: "listThings",
      path: "$.data[3].items[12].id",
      expected: `"string"`,
      got: `"number 1"`,
    })
  })

  it("knows the three modes", () => {
    expect(validationModes).toEqual(["strict", "warn", "off"])
  })
})
