// Secret masking in the snippets a visitor copies or shares: the secret is first shown to be in the form's values
// (so its absence means something), then shown gone from the TypeScript, Effect and curl snippets.
import { describe, expect, it } from "vitest"
import {
  curlSnippet,
  effectSnippet,
  maskSecrets,
  typescriptSnippet,
  type SnippetOperation,
} from "../src/lib/snippet.ts"

const SECRET = "s3cr3t-value-from-the-form"
const op: SnippetOperation = {
  name: "createThing",
  method: "POST",
  path: "/things",
  pagination: "none",
  parameters: [],
  body: { flat: true, renamed: {} },
}

describe("maskSecrets", () => {
  it("masks every secret-looking key at any depth and leaves the rest", () => {
    const input = {
      name: "kept",
      token: SECRET,
      access_token: SECRET,
      client_secret: SECRET,
      Password: SECRET,
      api_key: SECRET,
      "api-key": SECRET,
      apikey: SECRET,
      Authorization: SECRET,
      nested: { deeper: [{ refresh_token: SECRET, id: 1 }] },
      empty_token: "",
      token_count: 3,
    }
    expect(JSON.stringify(input)).toContain(SECRET)
    expect(maskSecrets(input)).toEqual({
      name: "kept",
      token: "****",
      access_token: "****",
      client_secret: "****",
      Password: "****",
      api_key: "****",
      "api-key": "****",
      apikey: "****",
      Authorization: "****",
      nested: { deeper: [{ refresh_token: "****", id: 1 }] },
      empty_token: "",
      token_count: 3,
    })
  })

  it("leaves scalars and arrays of scalars as they are", () => {
    expect(maskSecrets("token")).toBe("token")
    expect(maskSecrets([1, "a", null])).toEqual([1, "a", null])
    expect(maskSecrets(null)).toBeNull()
  })
})

describe("snippets", () => {
  const values = {
    header: {},
    path: {},
    query: {},
    body: { name: "Ada", token: SECRET, settings: { api_key: SECRET } },
  }

  it("the TypeScript and Effect snippets show the call without the secret", () => {
    expect(JSON.stringify(values)).toContain(SECRET)
    for (const snippet of [typescriptSnippet(op, values), effectSnippet(op, values)]) {
      expect(snippet).toContain(`name: "Ada"`)
      expect(snippet).toContain(`token: "****"`)
      expect(snippet).toContain(`api_key: "****"`)
      expect(snippet).not.toContain(SECRET)
    }
  })

  it("the curl snippet masks secret headers and JSON body fields, never the Authorization line's variable", () => {
    const request = {
      method: "POST",
      url: "https://api.intercom.io/things",
      headers: {
        "content-type": "application/json",
        "x-api-key": SECRET,
        authorization: `Bearer ${SECRET}`,
        "intercom-version": "2.14",
      },
      body: JSON.stringify({ name: "Ada", token: SECRET }),
    }
    expect(JSON.stringify(request)).toContain(SECRET)
    const curl = curlSnippet(request)
    expect(curl).not.toContain(SECRET)
    expect(curl).toContain(`-H "Authorization: Bearer $INTERCOM_ACCESS_TOKEN"`)
    expect(curl).toContain(`-H 'X-Api-Key: ****'`)
    expect(curl).toContain(`-H 'Intercom-Version: 2.14'`)
    expect(curl).toContain(`"token": "****"`)
    expect(curl).toContain(`"name": "Ada"`)
  })

  it("the curl snippet shows a body that is not JSON as it is", () => {
    const curl = curlSnippet({
      method: "POST",
      url: "https://x.test/a",
      headers: { "content-type": "text/plain" },
      body: "plain token=1",
    })
    expect(curl).toContain(`--data-raw 'plain token=1'`)
  })
})

describe("the curl snippet, exactly", () => {
  it("one line per header, sorted, Authorization from the environment, the JSON body masked and indented", () => {
    const curl = curlSnippet({
      method: "PUT",
      url: "https://api.intercom.io/things/it's",
      headers: {
        "intercom-version": "2.14",
        authorization: `Bearer ${SECRET}`,
        accept: "application/json",
        "content-type": "application/json",
        "x-secret-thing": SECRET,
      },
      body: JSON.stringify({ name: "Ada", password: SECRET }),
    })
    expect(curl).toBe(
      [
        `curl -X PUT 'https://api.intercom.io/things/it'\\''s'`,
        `-H "Authorization: Bearer $INTERCOM_ACCESS_TOKEN"`,
        `-H 'Accept: application/json'`,
        `-H 'Content-Type: application/json'`,
        `-H 'Intercom-Version: 2.14'`,
        `-H 'X-Secret-Thing: ****'`,
        `--data-raw '{\n  "name": "Ada",\n  "password": "****"\n}'`,
      ].join(" \\\n  "),
    )
  })

  it("a multipart body as -F lines, files by name", () => {
    const form = new FormData()
    form.append("title", "A file")
    form.append("file", new Blob(["x"]), "notes.txt")
    form.append("blob", new Blob(["y"]))
    form.append("unnamed", new File(["z"], ""))
    const curl = curlSnippet({ method: "POST", url: "https://x.test/upload", headers: {}, body: form })
    expect(curl).toBe(
      [
        `curl -X POST 'https://x.test/upload'`,
        `-H "Authorization: Bearer $INTERCOM_ACCESS_TOKEN"`,
        `-F 'title=A file'`,
        `-F 'file=@notes.txt'`,
        `-F 'blob=@blob'`,
        `-F 'unnamed=@file'`,
      ].join(" \\\n  "),
    )
  })

  it("no body, no body line; a JSON-typed body that does not parse, and a body of another type, as they are", () => {
    expect(curlSnippet({ method: "GET", url: "https://x.test/a", headers: {}, body: undefined })).toBe(
      `curl -X GET 'https://x.test/a' \\\n  -H "Authorization: Bearer $INTERCOM_ACCESS_TOKEN"`,
    )
    expect(
      curlSnippet({
        method: "POST",
        url: "https://x.test/a",
        headers: { "content-type": "application/json" },
        body: `{"token":`,
      }),
    ).toContain(`--data-raw '{"token":'`)
    // Only JSON bodies are parsed (and masked): text is shown byte for byte.
    expect(
      curlSnippet({
        method: "POST",
        url: "https://x.test/a",
        headers: { "content-type": "text/plain" },
        body: `{"a":1}`,
      }),
    ).toContain(`--data-raw '{"a":1}'`)
    expect(curlSnippet({ method: "POST", url: "https://x.test/a", headers: {}, body: `{"a":1}` })).toContain(
      `--data-raw '{"a":1}'`,
    )
  })

  it("extra fields go in the per-call options, secret-looking ones masked, after `{}` when there are no arguments", () => {
    const empty = { header: {}, path: {}, query: {}, body: undefined }
    const extras = { extraBody: { custom_token: SECRET, note: "n" } }
    expect(JSON.stringify(extras)).toContain(SECRET)
    const withArgs = typescriptSnippet(op, { header: {}, path: {}, query: {}, body: { name: "Ada" } }, extras)
    expect(withArgs).toContain(`name: "Ada"`)
    expect(withArgs).toMatch(/\}, \{\n\s*extraBody: \{\n\s*custom_token: "\*\*\*\*",\n\s*note: "n",/)
    const noArgs = typescriptSnippet(op, empty, extras)
    expect(noArgs).toContain("intercom.createThing({}, {")
    for (const snippet of [withArgs, noArgs]) expect(snippet).not.toContain(SECRET)
  })

  it("a call without arguments has empty parentheses", () => {
    const empty = { header: {}, path: {}, query: {}, body: undefined }
    expect(typescriptSnippet(op, empty)).toMatch(/intercom\.createThing\(\)$/m)
    expect(effectSnippet(op, empty)).toContain("yield* intercom.createThing()\n")
  })
})
