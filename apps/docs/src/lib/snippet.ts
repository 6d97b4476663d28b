/**
 * Code snippets for one call: TypeScript with `@utdk/intercom`, the Effect form, and curl. Pure functions used by
 * the Try it island (live, in the browser), the pages (first render) and the snippet tests. The curl line is
 * rendered from the request the SDK's own builder (`@utdk/intercom-core/Request`) makes, so its URL, headers and
 * body are what the SDK sends.
 */
import type { PaginationStyle } from "@utdk/intercom-core"
import type { RequestValues } from "@utdk/intercom-core/Manifest"
import type { HttpRequest } from "@utdk/intercom-core/Request"
import type { Json } from "./schema-node.ts"

export type { RequestValues } from "@utdk/intercom-core/Manifest"

/** What goes on the wire: the SDK's request without its findings (a dry run through a transport has none). */
export type WireRequest = Pick<HttpRequest, "method" | "url" | "headers" | "body">

/** What a snippet needs to know about an operation. */
export interface SnippetOperation {
  readonly name: string
  readonly method: string
  readonly path: string
  readonly pagination: PaginationStyle
  readonly parameters: ReadonlyArray<
    { readonly name: string; readonly key: string; readonly in: "path" | "query" | "header" }
  >
  readonly body?: { readonly flat: boolean; readonly renamed: Readonly<Record<string, string>> } | undefined
  /** The API version of an older version's page; unset on the newest's (the SDK's default). */
  readonly version?: string | undefined
}

const secretName = /token|secret|password|api[_-]?key|authorization/i

/** Replaces the values of secret-looking keys so a snippet can be shared. */
export const maskSecrets = (value: Json): Json => {
  if (Array.isArray(value)) return value.map(maskSecrets)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map((
        [k, v],
      ) => [k, secretName.test(k) && typeof v === "string" && v !== "" ? "****" : maskSecrets(v)]),
    )
  }
  return value
}

const isObject = (v: Json | undefined): v is { readonly [key: string]: Json } =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/**
 * The form's values with the required ones it lacks taken from `placeholders` (the manifest's `requiredValues`),
 * so a snippet of an empty form still type-checks and shows what must be filled in.
 */
export const withPlaceholders = (values: RequestValues, placeholders: RequestValues): RequestValues => ({
  header: { ...placeholders.header, ...values.header },
  path: { ...placeholders.path, ...values.path },
  query: { ...placeholders.query, ...values.query },
  body: isObject(values.body) && isObject(placeholders.body)
    ? { ...placeholders.body, ...values.body }
    : (values.body ?? placeholders.body),
})

/** The flat argument object the SDK method takes: parameters by key, body properties spread (or under `body`). */
export const toArgs = (op: SnippetOperation, values: RequestValues): Record<string, Json> => {
  const args: Record<string, Json> = {}
  for (const p of op.parameters) {
    const v = values[p.in][p.name]
    if (v !== undefined) args[p.key] = v
  }
  if (values.body !== undefined && op.body) {
    if (op.body.flat && isObject(values.body)) {
      const flatKey = Object.fromEntries(Object.entries(op.body.renamed).map(([key, wire]) => [wire, key]))
      for (const [wire, v] of Object.entries(values.body)) args[flatKey[wire] ?? wire] = v
    } else {
      args.body = values.body
    }
  }
  return args
}

/** The form values of a flat argument object (the inverse of `toArgs`), for links and history entries. */
export const fromArgs = (op: SnippetOperation, args: Readonly<Record<string, Json>>): RequestValues => {
  const by = { header: {} as Record<string, Json>, path: {} as Record<string, Json>, query: {} as Record<string, Json> }
  const keys = new Set<string>()
  for (const p of op.parameters) {
    keys.add(p.key)
    const v = args[p.key]
    if (v !== undefined) by[p.in][p.name] = v
  }
  let body: Json | undefined
  if (op.body?.flat) {
    const fields: Record<string, Json> = {}
    for (const [key, v] of Object.entries(args)) if (!keys.has(key)) fields[op.body.renamed[key] ?? key] = v
    body = Object.keys(fields).length > 0 ? fields : undefined
  } else if (op.body) {
    body = args.body
  }
  return { ...by, body }
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** A JavaScript literal, two-space indented, keys unquoted when they can be. */
export const literal = (value: Json, indent = ""): string => {
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]"
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join("\n")}\n${indent}]`
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
    if (entries.length === 0) return "{}"
    const key = (k: string) => (identifier.test(k) ? k : JSON.stringify(k))
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},`).join("\n")}\n${indent}}`
  }
  return JSON.stringify(value)
}

/** Fields the API description does not list, as the SDK's per-call options `extraBody` and `extraQuery` take them. */
export interface Extras {
  readonly extraBody?: { readonly [key: string]: Json } | undefined
  readonly extraQuery?: { readonly [key: string]: Json } | undefined
}

const callArgs = (op: SnippetOperation, values: RequestValues, indent: string, extras: Extras = {}): string => {
  const args = toArgs(op, values)
  const options = Object.fromEntries(Object.entries(extras).filter(([, v]) => v !== undefined)) as Record<string, Json>
  const first = Object.keys(args).length === 0
    ? (Object.keys(options).length > 0 ? "{}" : "")
    : literal(maskSecrets(args), indent)
  return Object.keys(options).length > 0 ? `${first}, ${literal(maskSecrets(options), indent)}` : first
}

/** Pagination params are the paginator's business: the snippet of a list leaves them out. */
const pagingKeys: Record<PaginationStyle, ReadonlyArray<string>> = {
  none: [],
  cursor: ["starting_after"],
  searchCursor: [],
  page: ["page"],
  scroll: ["scroll_param"],
}

const withoutPaging = (op: SnippetOperation, values: RequestValues): RequestValues => ({
  ...values,
  query: Object.fromEntries(Object.entries(values.query).filter(([k]) => !pagingKeys[op.pagination].includes(k))),
})

/**
 * The seed page's shape: `import intercom from "@utdk/intercom"` and one awaited call; lists iterate every item with
 * `paginate`. A page of an older version pins its client (`new Intercom({ version })`): the default client sends the
 * newest version, and refuses a call whose `"Intercom-Version"` field disagrees with it.
 */
export const typescriptSnippet = (op: SnippetOperation, values: RequestValues, extras: Extras = {}): string =>
  [
    ...(op.version === undefined
      ? [`import intercom from "@utdk/intercom"`, ``]
      : [
        `import { Intercom } from "@utdk/intercom"`,
        ``,
        `const intercom = new Intercom({ version: ${JSON.stringify(op.version)} })`,
        ``,
      ]),
    ...(op.pagination === "none"
      ? [`await intercom.${op.name}(${callArgs(op, values, "", extras)})`]
      : [
        `// Every item of every page: the next page is fetched as the loop needs it.`,
        `for await (const item of intercom.paginate.${op.name}(${
          callArgs(op, withoutPaging(op, values), "", extras)
        })) {`,
        `  console.log(item)`,
        `}`,
      ]),
  ].join("\n")

/** The imports every Effect snippet starts with: the service is `Intercom` of `@utdk/intercom/effect`. */
export const effectSnippetImports: ReadonlyArray<string> = [
  `import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"`,
  `import * as Effect from "effect/Effect"`,
  `import { Intercom } from "@utdk/intercom/effect"`,
]

/** How every Effect snippet runs its `program`. */
export const effectSnippetRun =
  `program.pipe(Effect.provide(Intercom.layerConfig()), Effect.provide(NodeHttpClient.layerUndici), Effect.runPromise)`

/** The same call as an Effect program, with typed errors in the error channel. */
export const effectSnippet = (op: SnippetOperation, values: RequestValues, extras: Extras = {}): string =>
  [
    ...effectSnippetImports,
    ``,
    `const program = Effect.gen(function* () {`,
    op.version === undefined
      ? `  const intercom = yield* Intercom`
      : `  const intercom = yield* Intercom.pinned(${JSON.stringify(op.version)})`,
    `  const result = yield* intercom.${op.name}(${callArgs(op, values, "  ", extras)})`,
    `  yield* Effect.log(result)`,
    `})`,
    ``,
    op.version === undefined
      ? `// Intercom.layerConfig() reads INTERCOM_ACCESS_TOKEN; undici sends the requests.`
      : `// Intercom.layerConfig() reads INTERCOM_ACCESS_TOKEN and INTERCOM_VERSION (set it to ${op.version}); undici sends the requests.`,
    effectSnippetRun,
  ].join("\n")

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/** The JSON body shown indented, secrets masked; other text as is. */
const showBody = (body: string, contentType: string | undefined): string => {
  if (!contentType?.includes("json")) return body
  try {
    return JSON.stringify(maskSecrets(JSON.parse(body) as Json), null, 2)
  } catch {
    return body
  }
}

/**
 * curl for a request the SDK's builder made (no token given: the line reads it from the environment). Headers as
 * the SDK sends them, secret-looking ones masked.
 */
export const curlSnippet = (request: WireRequest): string => {
  const lines = [`curl -X ${request.method} ${shellQuote(request.url)}`]
  lines.push(`-H "Authorization: Bearer $INTERCOM_ACCESS_TOKEN"`)
  for (const [name, value] of Object.entries(request.headers).sort(([a], [b]) => a.localeCompare(b))) {
    if (name === "authorization") continue
    lines.push(`-H ${shellQuote(`${displayName(name)}: ${secretName.test(name) ? "****" : value}`)}`)
  }
  if (typeof request.body === "string") {
    lines.push(`--data-raw ${shellQuote(showBody(request.body, request.headers["content-type"]))}`)
  } else if (request.body !== undefined) {
    for (const [name, value] of request.body.entries()) {
      lines.push(`-F ${shellQuote(`${name}=${typeof value === "string" ? value : `@${value.name || "file"}`}`)}`)
    }
  }
  return lines.join(" \\\n  ")
}

/** `intercom-version` → `Intercom-Version`, as people write headers. */
const displayName = (name: string): string =>
  name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())

/** curl's stand-in while the arguments are not a valid call: the SDK's reason, as a shell comment. */
export const curlRefused = (message: string): string =>
  `# The SDK would not send this call yet:\n# ${message.replace(/\n/g, "\n# ")}`

/** @category models */
export type SnippetLanguage = "typescript" | "effect" | "curl"
