/**
 * Code snippets for one call: TypeScript with `@utdk/intercom`, the Effect form, and curl. Pure functions used by
 * the Try it island (live, in the browser) and by the snippet test (typechecked for every operation).
 */
import type { Json } from "./schema-node.ts"

/** What a snippet needs to know about an operation. */
export interface SnippetOperation {
  readonly name: string
  readonly method: string
  readonly path: string
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly key: string; readonly in: "path" | "query" | "header" }>
  readonly body?: { readonly flat: boolean; readonly renamed: Readonly<Record<string, string>> } | undefined
}

/** A request as the form holds it: values by wire name per location; `undefined` means "not set". */
export interface RequestValues {
  readonly header: Readonly<Record<string, Json>>
  readonly path: Readonly<Record<string, Json>>
  readonly query: Readonly<Record<string, Json>>
  readonly body: Json | undefined
}

/** Where snippets send requests when no gateway is configured. */
export const intercomBaseUrl = "https://api.intercom.io"

const secretName = /token|secret|password|api[_-]?key|authorization/i

/** Replaces the values of secret-looking keys so a snippet can be shared. */
export const maskSecrets = (value: Json): Json => {
  if (Array.isArray(value)) return value.map(maskSecrets)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, secretName.test(k) && typeof v === "string" && v !== "" ? "****" : maskSecrets(v)]),
    )
  }
  return value
}

/** The flat argument object the SDK method takes: parameters by key, body properties spread (or under `body`). */
export const toArgs = (op: SnippetOperation, values: RequestValues): Record<string, Json> => {
  const args: Record<string, Json> = {}
  for (const p of op.parameters) {
    const v = values[p.in][p.name]
    if (v !== undefined) args[p.key] = v
  }
  if (values.body !== undefined && op.body) {
    if (op.body.flat && values.body !== null && typeof values.body === "object" && !Array.isArray(values.body)) {
      const flatKey = Object.fromEntries(Object.entries(op.body.renamed).map(([key, wire]) => [wire, key]))
      for (const [wire, v] of Object.entries(values.body)) args[flatKey[wire] ?? wire] = v
    } else {
      args.body = values.body
    }
  }
  return args
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

const callArgs = (op: SnippetOperation, values: RequestValues, indent: string): string => {
  const args = toArgs(op, values)
  return Object.keys(args).length === 0 ? "" : literal(maskSecrets(args), indent)
}

/** `import intercom from "@utdk/intercom"` and one awaited call. */
export const typescriptSnippet = (op: SnippetOperation, values: RequestValues): string =>
  [
    `import intercom from "@utdk/intercom"`,
    ``,
    `// Reads INTERCOM_ACCESS_TOKEN from the environment.`,
    `const result = await intercom.${op.name}(${callArgs(op, values, "")})`,
    `console.log(result)`,
  ].join("\n")

/** The same call as an Effect program, with typed errors in the error channel. */
export const effectSnippet = (op: SnippetOperation, values: RequestValues): string =>
  [
    `import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"`,
    `import * as Effect from "effect/Effect"`,
    `import { Intercom } from "@utdk/intercom"`,
    ``,
    `const program = Effect.gen(function* () {`,
    `  const intercom = yield* Intercom`,
    `  const result = yield* intercom.${op.name}(${callArgs(op, values, "  ")})`,
    `  yield* Effect.log(result)`,
    `})`,
    ``,
    `// Intercom.layerConfig() reads INTERCOM_ACCESS_TOKEN; undici sends the requests.`,
    `program.pipe(Effect.provide(Intercom.layerConfig()), Effect.provide(NodeHttpClient.layerUndici), Effect.runPromise)`,
  ].join("\n")

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

const queryPairs = (name: string, value: Json): Array<[string, string]> => {
  if (value === null) return [[name, ""]]
  if (Array.isArray(value)) return value.flatMap((v) => queryPairs(name, v))
  if (typeof value === "object") return Object.entries(value).flatMap(([k, v]) => queryPairs(`${name}[${k}]`, v))
  return [[name, String(value)]]
}

/** The URL of a request: path parameters filled in (percent-encoded), query appended. */
export const requestUrl = (op: SnippetOperation, values: RequestValues, baseUrl: string): string => {
  const path = op.path.replace(/\{([^}]+)\}/g, (m, name: string) => {
    const v = values.path[name]
    return v === undefined || v === null ? m : encodeURIComponent(String(v))
  })
  const query = Object.entries(values.query)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => queryPairs(k, v))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&")
  return `${baseUrl.replace(/\/+$/, "")}${path}${query ? `?${query}` : ""}`
}

/** curl against Intercom with the token from the environment (never a real secret in the text). */
export const curlSnippet = (op: SnippetOperation, values: RequestValues): string => {
  const lines = [`curl -X ${op.method} ${shellQuote(requestUrl(op, values, intercomBaseUrl))}`]
  lines.push(`-H "Authorization: Bearer $INTERCOM_ACCESS_TOKEN"`)
  lines.push(`-H 'Accept: application/json'`)
  for (const [name, v] of Object.entries(values.header)) {
    if (v !== undefined && v !== null) lines.push(`-H ${shellQuote(`${name}: ${secretName.test(name) ? "****" : String(v)}`)}`)
  }
  if (values.body !== undefined) {
    lines.push(`-H 'Content-Type: application/json'`)
    lines.push(`-d ${shellQuote(JSON.stringify(maskSecrets(values.body), null, 2))}`)
  }
  return lines.join(" \\\n  ")
}

/** @category models */
export type SnippetLanguage = "typescript" | "effect" | "curl"

/** Every snippet of a call, by language. */
export const snippets = (op: SnippetOperation, values: RequestValues): Record<SnippetLanguage, string> => ({
  typescript: typescriptSnippet(op, values),
  effect: effectSnippet(op, values),
  curl: curlSnippet(op, values),
})
