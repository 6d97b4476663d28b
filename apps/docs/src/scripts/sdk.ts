/**
 * The SDK's own rules in the page, loaded on first use of the island (a lazy chunk, not part of the JavaScript a page
 * loads with): an operation's descriptor with its Schema models (the page's version's own: a page of 2.14 loads 2.14's
 * registry, a chunk of its own that a page of the newest version never loads), the request builder the clients send
 * with, the browser client's `request` (checking with the Schemas: a page's descriptors are any version's), and the
 * paginator's next-page rule. The form validates against them, the curl line and
 * the request preview are rendered from them.
 */
import type { OperationDescriptor } from "@utdk/intercom-core"
import type { TypedVersion } from "@utdk/intercom-core/Versions"
import { nextPage } from "@utdk/intercom-core/Pagination"
import { buildRequest } from "@utdk/intercom-core/Request"
import { anyChecksOf, makeRequestFunction } from "@utdk/intercom-core/RequestFunction"
import * as Transport from "@utdk/intercom-core/Transport"
import { loaders } from "virtual:intercom-operations"
import { pageChecks } from "../lib/page-checks.ts"
import type { WireRequest } from "../lib/snippet.ts"

/**
 * `@utdk/intercom-browser/request` as it is made (over the bare `fetch`), but taking descriptors with Schemas: the
 * browser's own takes only the newest version's compact ones, and the playground serves every version.
 */
export const request = makeRequestFunction({ transport: Transport.fetch, requireToken: false, checksOf: anyChecksOf })

/** @category models */
export type Built =
  | { readonly ok: true; readonly request: WireRequest }
  | {
    readonly ok: false
    readonly message: string
    readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>
  }

const cache = new Map<string, Promise<OperationDescriptor>>()

const unknown = (name: string, version: string | undefined) =>
  Promise.reject(new Error(`unknown operation ${name}${version === undefined ? "" : ` in API ${version}`}`))

/**
 * The operation's descriptor: on a page of the newest version its own chunk (`@utdk/intercom-core/operations/<name>`);
 * on a page of another version, from that version's registry (`loadOperations` of `@utdk/intercom-core/Versions`),
 * so an operation only that version has is there, and its fields have that version's types.
 */
export const loadOperation = (name: string, version?: string): Promise<OperationDescriptor> => {
  const key = `${version ?? ""}/${name}`
  let found = cache.get(key)
  if (!found) {
    const load = loaders[name]
    found = version !== undefined
      ? import("@utdk/intercom-core/Versions")
        .then((versions) => versions.loadOperations(version as TypedVersion))
        .then((operations) => operations[name] ?? unknown(name, version))
      : load
      ? load().then((module) => module[name] as OperationDescriptor)
      : unknown(name, version)
    cache.set(key, found)
  }
  return found
}

/** The request the SDK would send for `args`, or its reasons for refusing them (each naming the argument). */
export const build = (
  operation: OperationDescriptor,
  args: Readonly<Record<string, unknown>>,
  baseUrl?: string,
  version?: string,
): Built => {
  // The form still holds back what the spec does not allow (the SDK itself would send it as written and report it);
  // showing those findings as warnings beside a live Send button is not built yet. A page of an older version builds
  // in that version (its `Intercom-Version` field then agrees with the call's).
  const result = buildRequest(operation, args, {
    ...(baseUrl ? { baseUrl } : {}),
    ...(version ? { version: version as never } : {}),
    ...pageChecks,
  })
  if (result._tag === "Success") return { ok: true, request: result.success }
  const error = result.failure
  const issues = "issues" in error ? error.issues.map((i) => ({ path: i.path, message: i.message })) : []
  return { ok: false, message: error.message, issues }
}

/** The arguments of the page after `page`, as the SDK's paginator would ask for it; undefined on the last page. */
export const nextArgs = (
  operation: OperationDescriptor,
  args: Readonly<Record<string, unknown>>,
  page: unknown,
): Readonly<Record<string, unknown>> | undefined => {
  const step = nextPage(operation, { args, seen: new Set() }, page)
  return step._tag === "Next" ? step.state.args : undefined
}

/** The request a `fetch` call carries, as the browser client hands it over (a URL string and a plain init). */
export const wireOf = (input: RequestInfo | URL, init?: RequestInit): WireRequest => ({
  method: init?.method ?? "GET",
  url: input instanceof Request ? input.url : String(input),
  headers: { ...(init?.headers as Readonly<Record<string, string>> | undefined) },
  body: typeof init?.body === "string" || init?.body instanceof FormData ? init.body : undefined,
})

/**
 * The request the SDK would send with call options (`extraBody`, `extraQuery`), which the request builder does not
 * take: the browser client's `request` runs with a `fetch` that keeps the request and sends nothing.
 */
export const dryRun = async (
  operation: OperationDescriptor,
  args: Readonly<Record<string, unknown>>,
  options: {
    readonly extraBody?: Readonly<Record<string, unknown>> | undefined
    readonly extraQuery?: Readonly<Record<string, unknown>> | undefined
  },
  baseUrl?: string,
  version?: string,
): Promise<Built> => {
  let wire: WireRequest | undefined
  const keep: typeof globalThis.fetch = async (input, init) => {
    wire = wireOf(input, init)
    throw new Error("dry run: not sent")
  }
  try {
    await request.withResponse(operation as never, args as never, {
      ...(baseUrl ? { baseUrl } : {}),
      ...(version ? { version } : {}),
      ...options,
      fetch: keep,
      maxRetries: 0,
    } as never)
  } catch (error) {
    if (wire !== undefined) return { ok: true, request: wire }
    const e = error as { message?: string; issues?: ReadonlyArray<{ readonly path: string; readonly message: string }> }
    return {
      ok: false,
      message: e.message ?? String(error),
      issues: (e.issues ?? []).map((i) => ({ path: i.path, message: i.message })),
    }
  }
  return { ok: false, message: "dry run: the SDK sent nothing", issues: [] }
}
