/**
 * The operations the site documents: the docs manifest the SDK's generator emits (`@utdk/intercom-core/
 * manifest.json`: slugs, groups, prose, field docs, examples, schemas), joined with the SDK's registry of the same
 * version (argument keys, how the body is passed, pagination, the descriptor itself) by method name. Build-time only; nothing here reads the OpenAPI file.
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"
import type { OperationDescriptor, PaginationStyle } from "@utdk/intercom-core"
import type { BodyDoc, DocsManifest, OperationDoc, ParameterDoc, TagDoc } from "@utdk/intercom-core/Manifest"
import {
  loadOperations as loadDescriptors,
  newestVersion,
  type TypedVersion,
  typedVersions,
} from "@utdk/intercom-core/Versions"

/** Every version the site documents, oldest first; the newest numbered lives at the site's root URLs. */
export const docsVersions: ReadonlyArray<TypedVersion> = typedVersions
export const newestDocsVersion: string = newestVersion

/** The URL prefix of a version's pages: "" for the newest, `/2.14` for the others. */
export const versionPrefix = (version: string): string => (version === newestVersion ? "" : `/${version}`)

/** @category models */
export type HttpMethod = OperationDoc["method"]

/** @category models */
export interface ParameterModel extends ParameterDoc {
  /** Key in the SDK's flat argument object. */
  readonly key: string
}

/** @category models */
export interface BodyModel extends BodyDoc {
  /** Body properties are spread into the flat argument object (otherwise passed whole under `body`). */
  readonly flat: boolean
  /** Flat key → wire name, for body properties whose name a parameter already uses. */
  readonly renamed: Readonly<Record<string, string>>
}

/** @category models */
export interface OperationModel extends Omit<OperationDoc, "parameters" | "body"> {
  readonly operationId: string
  readonly parameters: ReadonlyArray<ParameterModel>
  readonly body: BodyModel | undefined
  readonly pagination: PaginationStyle
  /** The SDK's descriptor of the operation in the page's version: what Try it builds and checks with at build time. */
  readonly descriptor: OperationDescriptor
}

/** @category models */
export interface TagModel extends Omit<TagDoc, "operations"> {
  readonly operations: ReadonlyArray<OperationModel>
}

const manifests = new Map<string, DocsManifest>()

/**
 * A version's manifest (default the newest), read once per build from the workspace's core package (generated build
 * output: the published package leaves it out, it is docs data, not something an SDK user runs).
 */
export const loadManifest = (version: string = newestVersion): DocsManifest => {
  let manifest = manifests.get(version)
  if (manifest === undefined) {
    const file = version === newestVersion ? "src/generated/manifest.json" : `src/generated/manifests/${version}.json`
    manifest = JSON.parse(
      readFileSync(
        new URL(file, pathToFileURL(createRequire(import.meta.url).resolve("@utdk/intercom-core/package.json"))),
        "utf8",
      ),
    ) as DocsManifest
    manifests.set(version, manifest)
  }
  return manifest
}

const join = (
  doc: OperationDoc,
  registry: Readonly<Record<string, OperationDescriptor | undefined>>,
  version: string,
): OperationModel => {
  const entry = registry[doc.name]
  if (!entry || entry.method !== doc.method || entry.path !== doc.path) {
    throw new Error(
      `docs: ${doc.method} ${doc.path} (${doc.name}) is in the ${version} manifest but not in the SDK's ${version} registry (rebuild @utdk/intercom-core)`,
    )
  }
  return {
    ...doc,
    descriptor: entry,
    operationId: entry.operationId,
    pagination: entry.pagination,
    parameters: doc.parameters.map((p) => ({
      ...p,
      key: entry.parameters.find((r) => r.name === p.name && r.in === p.in)?.key ?? p.name,
    })),
    body: doc.body && { ...doc.body, flat: entry.body?.flat ?? false, renamed: entry.body?.renamed ?? {} },
  }
}

const cached = new Map<string, ReadonlyArray<OperationModel>>()

/** Every operation of a version (default the newest), in spec order. */
export const loadOperations = async (version: string = newestVersion): Promise<ReadonlyArray<OperationModel>> => {
  const hit = cached.get(version)
  if (hit) return hit
  const registry = await loadDescriptors(version as TypedVersion)
  const out = loadManifest(version).operations.map((doc) => join(doc, registry, version))
  // Each operation once, whatever its older names (the registry also lists those, as deprecated aliases).
  if (new Set(Object.values(registry)).size !== out.length) {
    throw new Error(
      `docs: the ${version} manifest has ${out.length} operations, the SDK's ${version} registry ${
        new Set(Object.values(registry)).size
      }`,
    )
  }
  cached.set(version, out)
  return out
}

/** Tags in the spec's order, each with its operations (an operation with two tags is listed under both). */
export const loadTags = async (version: string = newestVersion): Promise<ReadonlyArray<TagModel>> => {
  const byName = new Map((await loadOperations(version)).map((op) => [op.name, op]))
  return loadManifest(version).tags.map((tag) => ({
    ...tag,
    operations: tag.operations.map((name) => byName.get(name)!),
  }))
}

/** The anchor of a tag on the index page. */
export const tagSlug = (name: string, version: string = newestVersion): string =>
  loadManifest(version).tags.find((t) => t.name === name)?.slug ?? name

/** The page of an operation: one canonical URL whatever its tags, under its version's prefix. */
export const operationHref = (op: Pick<OperationModel, "slug">, version: string = newestVersion): string =>
  `${versionPrefix(version)}/operations/${op.slug}/`
