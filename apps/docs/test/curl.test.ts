// The curl snippet a page shows is what the SDK sends: for every operation, the page's example arguments go through
// the node client to a recording server on 127.0.0.1, and the request it receives must match the curl line (method,
// path and query, Accept / Intercom-Version / Content-Type, JSON body) rendered from @utdk/intercom-core/Request.
import { Intercom } from "@utdk/intercom"
import { operations } from "@utdk/intercom-core"
import { buildRequest } from "@utdk/intercom-core/Request"
import { json, startServer, type TestServer } from "@utdk/intercom-testing/recordingServer"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { exampleValues } from "../src/lib/examples.ts"
import { loadOperations } from "../src/lib/operations.ts"
import { curlSnippet, toArgs } from "../src/lib/snippet.ts"
import { tryItData } from "../src/lib/try-it-data.ts"

/** The parts of a curl line the snippet writes: `-X`, the quoted URL, `-H` headers and `--data-raw`. */
const parseCurl = (text: string) => {
  const words: Array<string> = []
  for (const m of text.matchAll(/'((?:[^']|'\\'')*)'|"([^"]*)"|(\S+)/g)) {
    if (m[0] === "\\") continue
    words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] ?? m[3]!))
  }
  const headers: Record<string, string> = {}
  let method = ""
  let url = ""
  let body: string | undefined
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    if (word === "-X") method = words[++i]!
    else if (word === "-H") {
      const [name, ...rest] = words[++i]!.split(": ")
      headers[name!.toLowerCase()] = rest.join(": ")
    } else if (word === "--data-raw") body = words[++i]
    else if (/^https?:/.test(word)) url = word
  }
  return { method, url, headers, body }
}

let server: TestServer

beforeAll(async () => {
  server = await startServer((_request, response) => json(response, 200, {}))
})
afterAll(() => server?.close())

describe("curl snippets", () => {
  it("match what the SDK sends, for every operation's example arguments", async () => {
    const client = new Intercom({ token: "test-token", baseUrl: server.url, maxRetries: 0 })
    const refused: Array<string> = []
    let compared = 0
    for (const model of await loadOperations()) {
      const op = tryItData(model)
      const args = toArgs(op, exampleValues(model))
      const descriptor = operations[op.name as keyof typeof operations]
      const built = buildRequest(descriptor, args)
      if (built._tag === "Failure") {
        refused.push(`${op.name}: ${built.failure.message}`)
        continue
      }
      const curl = parseCurl(curlSnippet(built.success))
      const before = server.requests.length
      await (client as unknown as Record<string, (a: unknown) => Promise<unknown>>)[op.name]!(args).catch(() =>
        undefined
      )
      expect(server.requests.length, op.name).toBe(before + 1)
      const sent = server.requests[before]!
      const origin = "https://api.intercom.io"
      expect({ op: op.name, method: curl.method, url: curl.url.slice(origin.length) }).toEqual({
        op: op.name,
        method: sent.method,
        url: sent.url,
      })
      expect(curl.url.startsWith(origin), op.name).toBe(true)
      for (const name of ["accept", "intercom-version", "content-type"]) {
        expect({ op: op.name, name, value: curl.headers[name] }).toEqual({
          op: op.name,
          name,
          value: sent.headers[name],
        })
      }
      if (curl.body !== undefined && curl.headers["content-type"]?.includes("json")) {
        expect({ op: op.name, body: JSON.parse(curl.body) as unknown }).toEqual({
          op: op.name,
          body: JSON.parse(sent.body) as unknown,
        })
      } else if (curl.body !== undefined) {
        expect({ op: op.name, body: curl.body }).toEqual({ op: op.name, body: sent.body })
      } else if (!sent.headers["content-type"]?.startsWith("multipart/")) {
        expect({ op: op.name, body: sent.body }).toEqual({ op: op.name, body: "" })
      }
      compared++
    }
    console.log(`curl = SDK for ${compared} operations; ${refused.length} example argument sets refused by the SDK`)
    expect(refused).toEqual([])
    expect(compared).toBe(231)
  }, 300_000)

  it("shows the query the SDK sends for listDataEvents' filter (not filter[...])", async () => {
    const built = buildRequest(operations.listDataEvents, { filter: { user_id: "abc" }, type: "user" } as never)
    expect(built._tag).toBe("Success")
    if (built._tag !== "Success") return
    const curl = parseCurl(curlSnippet(built.success))
    expect(curl.url).toContain("user_id=abc")
    expect(curl.url).not.toContain("filter")
  })
})
