/**
 * The API-wide facts every package reads (versions, regions, idempotent methods, environment variables), emitted as
 * `generated/facts.ts`. The spec is the source where it has the fact; the rest is written here once.
 */
import type { Document, SchemaObject } from "./spec.ts"

/** RFC 9110 §9.2.2: methods whose repetition has the same effect as sending once. */
export const IDEMPOTENT_METHODS = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"] as const

/** The environment variables the clients and the gateway read, by what they hold. */
const ENV_VARS = {
  token: "INTERCOM_ACCESS_TOKEN",
  tokenFile: "INTERCOM_ACCESS_TOKEN_FILE",
  region: "INTERCOM_REGION",
  baseUrl: "INTERCOM_BASE_URL",
  version: "INTERCOM_VERSION",
  logLevel: "INTERCOM_LOG",
} as const

/** Region name of a server URL: `api.eu.intercom.io` → `eu`; the spec's bare `api.intercom.io` is Intercom's US host. */
const regionOf = (url: string): string => {
  const host = new URL(url).hostname
  const match = /^api\.([a-z]+)\.intercom\.io$/.exec(host)
  if (match) return match[1]!
  if (host === "api.intercom.io") return "us"
  throw new Error(`generate: server ${url} is not an Intercom regional host`)
}

export interface Facts {
  readonly apiVersion: string
  readonly apiVersions: ReadonlyArray<string>
  /** The name of the preview of the next version (`Preview`): the Preview description's default `intercom_version`. */
  readonly previewVersion: string
  readonly defaultApiVersion: string
  /** The versions with a description (so with types), oldest first, the preview last. */
  readonly typedVersions: ReadonlyArray<string>
  readonly regions: ReadonlyArray<readonly [name: string, url: string]>
}

export const readFacts = (doc: Document, typedVersions: ReadonlyArray<string> = []): Facts => {
  const servers = doc.servers ?? []
  if (servers.length === 0) throw new Error("generate: the description lists no servers")
  const regions = servers.map((s) => [regionOf(s.url), s.url.replace(/\/+$/, "")] as const)
  const versionSchema: SchemaObject | undefined = doc.components.schemas["intercom_version"]
  const apiVersions = (versionSchema?.enum ?? []).filter((v): v is string => typeof v === "string")
  if (apiVersions.length === 0) throw new Error("generate: no intercom_version enum in the description")
  const fallback = typeof versionSchema?.default === "string"
    ? versionSchema.default
    : apiVersions[apiVersions.length - 1]!
  // Recorded by withPreviewVersion (generate.ts); a description read alone (the generator's rule tests) has its newest.
  const recorded = (versionSchema as Record<string, unknown> | undefined)?.[previewExtension]
  const previewVersion = typeof recorded === "string" ? recorded : apiVersions[apiVersions.length - 1]!
  for (const v of typedVersions) {
    if (!apiVersions.includes(v)) throw new Error(`generate: described version ${v} is not an intercom_version`)
  }
  const numbered = typedVersions.filter((v) => v !== previewVersion)
  if (numbered.length > 0 && numbered[numbered.length - 1] !== fallback) {
    throw new Error(
      `generate: the default version ${fallback} is not the newest described one (${numbered[numbered.length - 1]})`,
    )
  }
  return {
    apiVersion: doc.info.version,
    apiVersions,
    defaultApiVersion: fallback,
    previewVersion,
    typedVersions,
    regions,
  }
}

/** Where {@link withPreviewVersion} records the preview's name on the `intercom_version` schema. */
const previewExtension = "x-utdk-preview-version"

/**
 * Adds the values the Preview description's `intercom_version` has beyond `doc`'s (upstream's `Preview`, which 2.16
 * does not list) to `doc`'s, and records the Preview description's default as the preview's name. Every client can
 * send the preview header, so the option, the environment variable and each operation's `Intercom-Version` field
 * accept it: one list, from the descriptions.
 */
export const withPreviewVersion = (doc: Document, preview: Document): void => {
  const own = doc.components.schemas["intercom_version"]
  const theirs = preview.components.schemas["intercom_version"]
  const name = theirs?.default
  if (own?.enum === undefined || typeof name !== "string" || !theirs?.enum?.includes(name)) {
    throw new Error("generate: no intercom_version enum with a default in the Preview description")
  }
  for (const value of theirs.enum) if (!own.enum.includes(value)) own.enum.push(value)
  ;(own as Record<string, unknown>)[previewExtension] = name
}

const list = (values: ReadonlyArray<string>): string => `[${values.map((v) => JSON.stringify(v)).join(", ")}]`

export const renderFacts = (top: string, facts: Facts): string =>
  top +
  `/**\n * The version of the description this package was generated from.\n *\n * @category facts\n */\n` +
  `export const apiVersion = ${JSON.stringify(facts.apiVersion)}\n\n` +
  `/**\n * Every \`Intercom-Version\` header value the API accepts (the spec's \`intercom_version\`).\n *\n * @category facts\n */\n` +
  `export const apiVersions = ${list(facts.apiVersions)} as const\n\n` +
  `/** @category facts */\nexport type ApiVersion = (typeof apiVersions)[number]\n\n` +
  `/**\n * The preview of the next version (the Preview description's default \`intercom_version\`), sent exactly so.\n *\n * @category facts\n */\n` +
  `export const previewVersion = ${JSON.stringify(facts.previewVersion)} satisfies ApiVersion\n\n` +
  `/**\n * The \`Intercom-Version\` sent when none is configured (the spec's default).\n *\n * @category facts\n */\n` +
  `export const defaultApiVersion: ApiVersion = ${JSON.stringify(facts.defaultApiVersion)}\n\n` +
  `/** The type of {@link defaultApiVersion}: the version a client without one is typed and sent as. @category facts */\n` +
  `export type DefaultApiVersion = ${JSON.stringify(facts.defaultApiVersion)}\n\n` +
  `/**\n * The versions this package has types for (one description each), oldest first, the preview last; the newest\n * numbered one is {@link defaultApiVersion}.\n *\n * @category facts\n */\n` +
  `export const typedVersions = ${list(facts.typedVersions)} as const satisfies ReadonlyArray<ApiVersion>\n\n` +
  `/** @category facts */\nexport type TypedVersion = (typeof typedVersions)[number]\n\n` +
  `/**\n * Intercom's regional API hosts (the spec's \`servers\`): a workspace lives in one region and answers on its host.\n *\n * @category facts\n */\n` +
  `export const regions = {\n${
    facts.regions.map(([name, url]) => `  ${name}: ${JSON.stringify(url)},\n`).join("")
  }} as const\n\n` +
  `/** @category facts */\nexport type Region = keyof typeof regions\n\n` +
  `/**\n * The region used when none is configured (the spec's first server).\n *\n * @category facts\n */\n` +
  `export const defaultRegion: Region = ${JSON.stringify(facts.regions[0]![0])}\n\n` +
  `/**\n * HTTP methods whose repetition has the same effect as sending once (RFC 9110): retrying them is safe.\n *\n * @category facts\n */\n` +
  `export const idempotentMethods = ${list(IDEMPOTENT_METHODS)} as const\n\n` +
  `/**\n * The environment variables the clients and the gateway read, by what they hold.\n *\n * @category facts\n */\n` +
  `export const envVars = {\n${
    Object.entries(ENV_VARS).map(([k, v]) => `  ${k}: ${JSON.stringify(v)},\n`).join("")
  }} as const\n`
