import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import {
  type Fault,
  respond,
  type SeenRequest,
  startFaultServer,
  type FaultServer,
} from "@utdk/intercom-testing/faultServer"
import { prismUrl } from "@utdk/intercom-testing/inject"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Stream from "effect/Stream"
import { operations } from "../src/generated/registry.ts"
import { Intercom } from "../src/Intercom.ts"
import { installPromiseMethods, makePromiseRunner, type PromiseRunner } from "../src/PromiseClient.ts"
import { promiseEngine } from "../src/PromiseEngine.ts"
import * as Transport from "../src/Transport.ts"
import type { IntercomPromiseClient } from "../src/IntercomClient.ts"
import type { OperationDescriptor } from "../src/Operation.ts"
import * as Pagination from "../src/Pagination.ts"
import { and, where } from "../src/SearchQuery.ts"

const {
  listConversations,
  searchConversations,
  searchTickets,
  retrieveCompany,
  scrollOverAllCompanies,
  listSideConversations,
} = operations

describe("Pagination (pure rules)", () => {
  it("finds the items property from the success schema", () => {
    assert.strictEqual(Pagination.itemsKey(listConversations), "conversations")
    assert.strictEqual(Pagination.itemsKey(searchTickets), "tickets")
    assert.strictEqual(Pagination.itemsKey(scrollOverAllCompanies), "data")
    assert.strictEqual(Pagination.itemsKey(listSideConversations), "side_conversations")
    assert.deepStrictEqual(Pagination.itemsOf(listConversations, { conversations: [1, 2], pages: {} }), [1, 2])
    assert.deepStrictEqual(Pagination.itemsOf(listConversations, null), [])
  })

  it("pages exactly the operations the generator marked, with an items array each; the overrides file has the last word", () => {
    const all = Object.values(operations) as ReadonlyArray<OperationDescriptor>
    for (const op of all) {
      assert.strictEqual(Pagination.isPaginated(op), op.pagination !== "none", op.name)
      if (Pagination.isPaginated(op)) assert.isDefined(Pagination.itemsKey(op), `${op.name} has an items array`)
    }
    const styles = new Set(all.filter(Pagination.isPaginated).map((op) => op.pagination))
    assert.deepStrictEqual([...styles].sort(), ["cursor", "page", "scroll", "searchCursor"])
    // Both take page/per_page arguments, and overrides.ts says they do not page: no argument-name guess overrules it.
    for (const op of [operations.listHelpCenters, operations.searchActivityLogs]) {
      assert.strictEqual(op.pagination, "none")
      assert.isFalse(Pagination.isPaginated(op))
    }
  })

  const start = (args: Record<string, unknown>): Pagination.PageState => ({ args, seen: new Set() })

  it("cursor: follows pages.next.starting_after, even past an empty page; stops on none or a repeat", () => {
    const step = Pagination.nextPage(listConversations, start({ per_page: 2 }), {
      conversations: [],
      pages: { next: { starting_after: "A" } },
    })
    assert.strictEqual(step._tag, "Next")
    if (step._tag !== "Next") return
    assert.deepStrictEqual(step.state.args, { per_page: 2, starting_after: "A" })
    assert.deepStrictEqual(
      Pagination.nextPage(listConversations, step.state, { pages: { next: { starting_after: "A" } } }),
      {
        _tag: "End",
        reason: "repeated-cursor",
      },
    )
    assert.deepStrictEqual(Pagination.nextPage(listConversations, step.state, { pages: { next: null } }), {
      _tag: "End",
      reason: "no-cursor",
    })
    assert.deepStrictEqual(
      Pagination.nextPage(listConversations, step.state, { pages: { next: { starting_after: "" } } }),
      {
        _tag: "End",
        reason: "no-cursor",
      },
    )
  })

  it("searchCursor: puts the cursor in the body's pagination, keeping per_page and the query", () => {
    const query = where("open", "=", true)
    const step = Pagination.nextPage(searchConversations, start({ query, pagination: { per_page: 5 } }), {
      pages: { next: { starting_after: "X" } },
    })
    assert.deepStrictEqual(step, {
      _tag: "Next",
      state: { args: { query, pagination: { per_page: 5, starting_after: "X" } }, seen: new Set(["X"]) },
    })
  })

  it("page: counts up to total_pages (in pages or at the top level) and never goes back", () => {
    const next = (args: Record<string, unknown>, page: unknown) => {
      const step = Pagination.nextPage(retrieveCompany, start(args), page)
      return step._tag === "Next" ? step.state.args.page : step.reason
    }
    assert.strictEqual(next({}, { data: [1], pages: { page: 1, total_pages: 3 } }), 2)
    assert.strictEqual(next({ page: 3 }, { data: [1], pages: { page: 3, total_pages: 3 } }), "last-page")
    assert.strictEqual(next({ page: 2 }, { data: [], total_pages: 4, page: 2 }), 3) // empty page, more pages: go on
    assert.strictEqual(next({ page: 2 }, { data: [1], pages: { page: 1, total_pages: 4 } }), 3) // stale echo
    assert.strictEqual(next({}, { data: [1], pages: { next: "…" } }), 2) // no total: follow pages.next
    assert.strictEqual(next({}, { data: [1] }), "last-page")
  })

  it("scroll: sends the scroll_param back (Intercom repeats it) until a page comes back empty", () => {
    const step = Pagination.nextPage(scrollOverAllCompanies, start({}), { data: [1], scroll_param: "S" })
    assert.strictEqual(step._tag, "Next")
    if (step._tag !== "Next") return
    assert.deepStrictEqual(step.state.args, { scroll_param: "S" })
    assert.strictEqual(
      Pagination.nextPage(scrollOverAllCompanies, step.state, { data: [2], scroll_param: "S" })._tag,
      "Next",
    )
    assert.deepStrictEqual(Pagination.nextPage(scrollOverAllCompanies, step.state, { data: [], scroll_param: "S" }), {
      _tag: "End",
      reason: "empty-page",
    })
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Scripted server: each style end to end through the real clients (Effect Stream and Promise async iterable).

const conversation = (id: string) => ({ type: "conversation", id })
const company = (id: string) => ({ type: "company", id })
const query = (request: SeenRequest) => new URL(request.url, "http://x").searchParams

/** The script of one scenario: the response for a request, by what it asks for. */
let script: (request: SeenRequest) => Fault = () => respond(500)

const scenarios = {
  // Cursor: an empty page in the middle still has a next cursor; the last page has none.
  cursor: (r: SeenRequest): Fault => {
    const pages: Record<string, unknown> = {
      "": {
        type: "conversation.list",
        conversations: [conversation("1"), conversation("2")],
        pages: { type: "pages", next: { starting_after: "A" } },
      },
      A: { type: "conversation.list", conversations: [], pages: { type: "pages", next: { starting_after: "B" } } },
      B: { type: "conversation.list", conversations: [conversation("3")], pages: { type: "pages" } },
    }
    return respond(200, pages[query(r).get("starting_after") ?? ""])
  },
  // Cursor: the server hands back a cursor it gave before.
  repeated: (r: SeenRequest): Fault => {
    const after = query(r).get("starting_after") ?? ""
    return respond(200, {
      type: "conversation.list",
      conversations: [conversation(after || "0")],
      pages: { type: "pages", next: { starting_after: after === "" ? "A" : after === "A" ? "B" : "A" } },
    })
  },
  search: (r: SeenRequest): Fault => {
    const body = JSON.parse(r.body) as { pagination?: { starting_after?: string } }
    const after = body.pagination?.starting_after ?? ""
    const pages: Record<string, unknown> = {
      "": {
        type: "conversation.list",
        conversations: [conversation("s1")],
        pages: { type: "pages", next: { starting_after: "N1" } },
      },
      N1: { type: "conversation.list", conversations: [], pages: { type: "pages", next: { starting_after: "N2" } } },
      N2: { type: "conversation.list", conversations: [conversation("s2")], pages: { type: "pages", next: null } },
    }
    return respond(200, pages[after])
  },
  page: (r: SeenRequest): Fault => {
    const page = Number(query(r).get("page") ?? "1")
    const data = page === 2 ? [] : [company(`p${page}`)]
    return respond(200, { type: "list", data, pages: { type: "pages", page, per_page: 1, total_pages: 3 } })
  },
  scroll: (r: SeenRequest): Fault => {
    const param = query(r).get("scroll_param")
    const count = server.requests.length
    return respond(200, {
      type: "list",
      data: count <= 2 ? [company(`c${count}`)] : [],
      scroll_param: param ?? "SCROLL-1",
    })
  },
}

let server: FaultServer
beforeAll(async () => {
  server = await startFaultServer((request) => script(request))
})
afterAll(() => server.close())

const run = <A, E>(name: keyof typeof scenarios, stream: Stream.Stream<A, E, Intercom>) =>
  Effect.gen(function*() {
    script = scenarios[name]
    server.reset()
    return yield* Stream.runCollect(stream)
  }).pipe(Effect.provide(Intercom.layer({ baseUrl: server.url, token: "t" })), Effect.provide(FetchHttpClient.layer))

const withIntercom = <A, E>(f: (intercom: Intercom["Service"]) => Stream.Stream<A, E>) =>
  Stream.unwrap(Effect.map(Effect.service(Intercom), f))

describe("Pagination against a scripted server (Effect Stream)", () => {
  it.live("cursor: all items across an empty intermediate page; stops without a cursor", () =>
    Effect.gen(function*() {
      const items = yield* run("cursor", withIntercom((i) => i.paginate.listConversations({ per_page: 2 })))
      assert.deepStrictEqual(items.map((c) => c.id), ["1", "2", "3"])
      assert.deepStrictEqual(server.requests.map((r) => r.url), [
        "/conversations?per_page=2",
        "/conversations?per_page=2&starting_after=A",
        "/conversations?per_page=2&starting_after=B",
      ])
    }))

  it.live("cursor: a repeated cursor ends the stream instead of looping", () =>
    Effect.gen(function*() {
      const items = yield* run("repeated", withIntercom((i) => i.paginate.listConversations()))
      assert.deepStrictEqual(items.map((c) => c.id), ["0", "A", "B"])
      assert.strictEqual(server.requests.length, 3)
    }))

  it.live("searchCursor: the cursor goes in the body's pagination, the query is checked and kept", () =>
    Effect.gen(function*() {
      const q = and(where("open", "=", true), where("created_at", ">", 1700000000))
      const items = yield* run(
        "search",
        withIntercom((i) => i.paginate.searchConversations({ query: q, pagination: { per_page: 1 } })),
      )
      assert.deepStrictEqual(items.map((c) => c.id), ["s1", "s2"])
      const bodies = server.requests.map((r) => JSON.parse(r.body) as { query: unknown; pagination: unknown })
      assert.deepStrictEqual(bodies.map((b) => b.pagination), [{ per_page: 1 }, { per_page: 1, starting_after: "N1" }, {
        per_page: 1,
        starting_after: "N2",
      }])
      for (const body of bodies) assert.deepStrictEqual(body.query, q)
    }))

  it.live("page: page numbers up to total_pages, past an empty page", () =>
    Effect.gen(function*() {
      const items = yield* run("page", withIntercom((i) => i.paginate.retrieveCompany({ per_page: 1 })))
      assert.deepStrictEqual(items.map((c) => c.id), ["p1", "p3"])
      assert.deepStrictEqual(server.requests.map((r) => query(r).get("page")), [null, "2", "3"])
    }))

  it.live("scroll: the same scroll_param until an empty page", () =>
    Effect.gen(function*() {
      const items = yield* run("scroll", withIntercom((i) => i.paginate.scrollOverAllCompanies()))
      assert.deepStrictEqual(items.map((c) => c?.id), ["c1", "c2"])
      assert.deepStrictEqual(server.requests.map((r) => query(r).get("scroll_param")), [null, "SCROLL-1", "SCROLL-1"])
    }))

  it.live("a failing page fails the stream with the typed error", () =>
    Effect.gen(function*() {
      script = () => respond(404, { type: "error.list", errors: [{ code: "not_found", message: "gone" }] })
      server.reset()
      const error = yield* Effect.flip(Stream.runCollect(withIntercom((i) => i.paginate.listConversations())))
      assert.strictEqual(error._tag, "IntercomNotFoundError")
    }).pipe(Effect.provide(Intercom.layer({ baseUrl: server.url, token: "t" })), Effect.provide(FetchHttpClient.layer)))
})

describe("Pagination against a scripted server (Promise async iterable)", () => {
  class Client {
    readonly runner: PromiseRunner
    constructor(baseUrl: string) {
      this.runner = makePromiseRunner(
        () => ({
          engine: { ...promiseEngine, operations },
          transport: Transport.fetch,
          options: () => ({ baseUrl, token: "t" }),
        }),
        false,
      )
    }
  }
  installPromiseMethods(Client.prototype, (self: Client) => self.runner, operations)
  const client = () => new Client(server.url) as unknown as IntercomPromiseClient<typeof operations>

  it("for await over every item of every page", async () => {
    script = scenarios.cursor
    server.reset()
    const ids: Array<string | undefined> = []
    for await (const c of client().paginate.listConversations({ per_page: 2 })) ids.push(c.id)
    assert.deepStrictEqual(ids, ["1", "2", "3"])
  })

  it("leaving the loop early fetches no further page", async () => {
    script = scenarios.page
    server.reset()
    for await (const c of client().paginate.retrieveCompany({ per_page: 1 })) {
      assert.strictEqual(c.id, "p1")
      break
    }
    assert.strictEqual(server.requests.length, 1)
  })

  it("an invalid search query is refused before anything is sent", async () => {
    script = scenarios.search
    server.reset()
    const tooDeep = {
      operator: "AND",
      value: [{ operator: "OR", value: [{ operator: "AND", value: [where("a", "=", 1)] }] }],
    }
    const iterate = async () => {
      // @ts-expect-error three levels of groups do not type-check either
      for await (const _ of client().paginate.searchConversations({ query: tooDeep })) void _
    }
    const error: unknown = await iterate().then(() => undefined, (e: unknown) => e)
    assert.strictEqual((error as { _tag?: string })._tag, "IntercomInvalidInputError")
    assert.strictEqual(server.requests.length, 0)
  })
})

describe("Pagination against Prism (the real spec)", () => {
  const layer = Intercom.layer({ token: "test-token", baseUrl: prismUrl() })
  it.live("every paginable operation without required arguments pages to an end", () =>
    Effect.gen(function*() {
      const intercom = yield* Intercom
      const all = Object.values(operations) as ReadonlyArray<OperationDescriptor>
      // Searches need their query (a required body field, checked before sending): the last call below covers them.
      const names = all
        .filter((op) =>
          Pagination.isPaginated(op) && op.pagination !== "searchCursor" && !op.parameters.some((p) => p.required) &&
          !op.body?.required
        )
        .map((op) => op.name)
      assert.isAtLeast(names.length, 8)
      const paginate = intercom.paginate as unknown as Record<
        string,
        (args?: unknown) => Stream.Stream<unknown, { _tag: string }>
      >
      for (const name of names) {
        // Prism answers every page with the spec's example: the rules above must still end (no cursor, a repeated
        // cursor, the last page, or an empty scroll) instead of looping.
        const items = yield* Stream.runCollect(Stream.take(paginate[name]!({}), 500))
        assert.isBelow(items.length, 500, `${name} ended`)
      }
      const searched = yield* Stream.runCollect(
        intercom.paginate.searchContacts({ query: where("created_at", ">", 1577836800) }),
      )
      assert.isArray(searched)
    }).pipe(Effect.provide(layer), Effect.provide(FetchHttpClient.layer)))
})
