// Break 1 of issue 23: a percent-encoded letter turned a sibling literal into a parameter value
// (`GET /admins/%61ctivity_logs` matched `/admins/{admin_id}`, went upstream as `/admins/activity_logs` and was
// logged as retrieveAdmin). Every literal/parameter pair of the registry, any spelling of the literal: the router
// matches the decoded form, the gateway forwards exactly what was matched and logs that operation.
import type { OperationDescriptor } from "@utdk/intercom-core"
import { operationList } from "@utdk/intercom-core/registry"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { makeGateway } from "../src/Gateway.ts"
import { makeLogger } from "../src/Log.ts"
import { makeRouter } from "../src/Router.ts"
import type { UpstreamRequest } from "../src/Upstream.ts"

const segmentsOf = (path: string) => path.split("/").filter((s) => s !== "")
const isParam = (segment: string) => segment.startsWith("{")
const fill = (segments: ReadonlyArray<string>) => segments.map((s, i) => (isParam(s) ? `v${i}x9` : s))

interface Pair {
  /** An operation whose template has the literal at `index`. */
  readonly literalOp: OperationDescriptor
  readonly index: number
  /** The operations with a parameter at the same position after the same prefix. */
  readonly paramOps: ReadonlyArray<OperationDescriptor>
}

// Every (operation through a literal, sibling parameter) pair: a literal at position i whose prefix (parameters
// collapsed) also leads to a parameter at position i.
const pairs: ReadonlyArray<Pair> = (() => {
  const key = (segments: ReadonlyArray<string>) => segments.map((s) => (isParam(s) ? "{}" : s)).join("/")
  const paramsAt = new Map<string, Array<OperationDescriptor>>()
  for (const op of operationList) {
    const segments = segmentsOf(op.path)
    segments.forEach((s, i) => {
      if (!isParam(s)) return
      const k = key(segments.slice(0, i))
      paramsAt.set(k, [...(paramsAt.get(k) ?? []), op])
    })
  }
  const out: Array<Pair> = []
  for (const op of operationList) {
    const segments = segmentsOf(op.path)
    segments.forEach((s, i) => {
      if (isParam(s)) return
      const paramOps = paramsAt.get(key(segments.slice(0, i)))
      if (paramOps !== undefined) out.push({ literalOp: op, index: i, paramOps })
    })
  }
  return out
})()

/** The literal spelled with any subset of its characters percent-encoded, in either hex case. */
const spelling = (literal: string) =>
  fc
    .array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: literal.length, maxLength: literal.length })
    .filter((flags) => flags.some(([encode]) => encode))
    .map((flags) =>
      [...literal]
        .map((c, i) => {
          const [encode, lower] = flags[i]!
          if (!encode) return c
          const hex = `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`
          return lower ? hex.toLowerCase() : hex.toUpperCase()
        })
        .join("")
    )

const pairCase = fc.constantFrom(...pairs).chain((pair) => {
  const segments = fill(segmentsOf(pair.literalOp.path))
  return spelling(segments[pair.index]!).map((spelled) => ({
    pair,
    plain: `/${segments.join("/")}`,
    encoded: `/${segments.map((s, i) => (i === pair.index ? spelled : s)).join("/")}`,
  }))
})

const full = makeRouter(operationList)

describe("routing on the decoded form (issue 23, break 1)", () => {
  it("the registry has literal/parameter pairs, the issue's among them", () => {
    const names = new Set(pairs.map((p) => `${p.literalOp.method} ${p.literalOp.path}`))
    expect(names).toContain("GET /admins/activity_logs")
    expect(
      pairs.some((p) =>
        p.literalOp.path.startsWith("/conversations/") &&
        p.paramOps.some((o) => o.path === "/conversations/{conversation_id}")
      ),
    ).toBe(true)
    expect(pairs.length).toBeGreaterThan(8)
  })

  it("any spelling of a literal routes like the literal, to the same operation and upstream path (property)", () => {
    fc.assert(
      fc.property(pairCase, ({ pair, plain, encoded }) => {
        const expected = full.match(pair.literalOp.method, plain)
        expect(expected._tag === "Matched" && expected.operation.name).toBe(pair.literalOp.name)
        expect(full.match(pair.literalOp.method, encoded)).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })

  it("with only the sibling parameter operations allowed, any spelling of the literal is refused (property)", () => {
    const narrowed = new Map(
      pairs.map((p) => [p, makeRouter(operationList, p.paramOps.filter((o) => o !== p.literalOp))]),
    )
    fc.assert(
      fc.property(pairCase, ({ pair, encoded }) => {
        const match = narrowed.get(pair)!.match(pair.literalOp.method, encoded)
        expect(match).toEqual({ _tag: "NotAllowed", operation: pair.literalOp })
      }),
      { numRuns: 3000 },
    )
  })

  it("the gateway forwards exactly the matched path and logs the operation it forwarded (property)", async () => {
    const sent: Array<UpstreamRequest> = []
    const lines: Array<string> = []
    const answer = {
      status: 200,
      headers: new Headers({ "content-type": "application/json" }),
      decoded: true,
      bytes: async () => new Uint8Array([123, 125]),
      stream: () => new ReadableStream(),
      discard: async () => {},
    }
    const gateway = makeGateway({
      operations: operationList,
      upstream: "https://api.intercom.io",
      credentials: { mode: "server", token: "tok_routing_0123456789" },
      rateLimit: false,
      logger: makeLogger({ sink: (line) => void lines.push(line), level: "info" }),
      transport: async (request) => {
        sent.push(request)
        return answer
      },
    })
    await fc.assert(
      fc.asyncProperty(pairCase, async ({ pair, plain, encoded }) => {
        sent.length = 0
        lines.length = 0
        const method = pair.literalOp.method
        const body = method === "GET" || method === "DELETE" ? null : new TextEncoder().encode("{}")
        const reply = await gateway.handle({
          method,
          target: encoded,
          headers: new Headers(body === null ? {} : { "content-type": "application/json" }),
          body: body === null ? null : (async function*() {
            yield body
          })(),
          clientAddress: "127.0.0.1",
        })
        expect(reply.status).toBe(200)
        expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([`${method} ${plain}`])
        const logged = lines.map((l) => JSON.parse(l) as { event: string; operation?: string }).filter((l) =>
          l.event === "request"
        )
        expect(logged.map((l) => l.operation)).toEqual([pair.literalOp.name])
      }),
      { numRuns: 500 },
    )
  })

  it("a parameter value that equals a sibling literal is that literal, not the parameter", () => {
    // GET /contacts/search is not retrieveContact with contact_id "search": it is the literal (POST only).
    expect(full.match("GET", "/contacts/search")).toEqual({ _tag: "MethodNotAllowed", allow: ["POST"] })
    expect(full.match("GET", "/contacts/%73earch")).toEqual({ _tag: "MethodNotAllowed", allow: ["POST"] })
    const admins = full.match("GET", "/admins/%61ctivity_logs")
    expect(admins._tag === "Matched" && [admins.operation.path, admins.upstreamPath]).toEqual([
      "/admins/activity_logs",
      "/admins/activity_logs",
    ])
  })
})
