/**
 * Generates `src/generated/` from every Intercom OpenAPI description (2.7 … 2.16 and Preview): one model per
 * operation per version, joined across versions by method and path template (lib/versions.ts).
 *
 *   node scripts/generate.ts                 # into src/generated
 *   node scripts/generate.ts --out /tmp/gen  # elsewhere
 *
 * Written: the newest numbered version's registry, models and types (as before), `routes.ts` (every operation of
 * every version: name, method, paths, versions, older names) and one docs manifest per version
 * (`manifests/<version>.json`, with "new in" / "changed in" marks; `manifest.json` is the newest's).
 *
 * The descriptions are read from $INTERCOM_OPENAPI_DIR/<folder>/api.intercom.io.yaml, or from
 * ../shared/intercom-openapi beside the repository. The overrides file (packages/core/overrides.ts) corrects every
 * version, strictly the one it was written for (2.16), leniently the others (entries that match nothing are reported).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { registerHooks } from "node:module"
import { dirname, join, resolve as resolvePath } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import overrides from "../overrides.ts"
import { buildManifest } from "./lib/manifest.ts"
import { markManifests } from "./lib/marks.ts"
import { header, renderFiles } from "./lib/render.ts"
import { makeRouteTable } from "./lib/routes.ts"
import { registryDeclaration, versionIndex, versionTypes } from "./lib/versionOutput.ts"
import { poolRegistries } from "./lib/versionPool.ts"
import type { OperationDescriptor } from "../src/Operation.ts"
import { renderCompact } from "./lib/validators.ts"
import { withPreviewVersion } from "./lib/facts.ts"
import { type Document, inlinePathParameters, parseSpec, refreshRefs, specDir, specFile } from "./lib/spec.ts"
import { applyOverrides } from "./lib/overrides.ts"
import {
  canonicalOperationIds,
  fillMissingComponents,
  PREVIEW_FOLDER,
  PRIMARY_VERSION,
  useCanonicalOperationIds,
  versionFolders,
} from "./lib/versions.ts"

const packageDir = resolvePath(dirname(fileURLToPath(import.meta.url)), "..")
const repoRoot = resolvePath(packageDir, "..", "..")

export { PRIMARY_VERSION }

/** Every description, parsed and corrected (canonical names, path parameters inlined, overrides applied), oldest first. */
export const loadVersions = async (warn: (version: string, message: string) => void): Promise<Array<Document>> => {
  const folders = versionFolders(specDir(repoRoot))
  const docs: Array<{ readonly version: string; readonly doc: Document }> = []
  for (const folder of folders) {
    docs.push({
      version: folder === PREVIEW_FOLDER ? "Preview" : folder,
      doc: await parseSpec(specFile(repoRoot, folder)),
    })
  }
  const preview = docs.find((d) => d.version === "Preview")?.doc
  // From the nearest newer description (Preview is last, so the newest).
  docs.forEach(({ doc }, i) =>
    fillMissingComponents(doc, docs.slice(i + 1).map((d) => d.doc), (m) => warn(doc.info.version, m))
  )
  const canonical = canonicalOperationIds(docs, overrides.operationIds)
  const primary = docs.find((d) => d.version === PRIMARY_VERSION)!.doc
  if (preview) withPreviewVersion(primary, preview)
  for (const { version, doc } of docs) {
    // One list of versions for every client (internal/version.ts): an older description's `intercom_version` lists
    // only the versions up to its own, but its operations are sent with whatever version the client names.
    const versionSchema = doc.components.schemas["intercom_version"]
    if (versionSchema && doc !== primary) {
      doc.components.schemas["intercom_version"] = structuredClone(primary.components.schemas["intercom_version"]!)
    } else if (!versionSchema) warn(version, "no intercom_version model")
    useCanonicalOperationIds(doc, canonical)
    await refreshRefs(doc)
    inlinePathParameters(doc)
    applyOverrides(doc, overrides, { strict: version === PRIMARY_VERSION, warn: (m) => warn(doc.info.version, m) })
  }
  return docs.map((d) => d.doc)
}

export const generate = async (options: { readonly out: string; readonly quiet?: boolean }): Promise<number> => {
  const warn = (version: string, message: string) => {
    if (version === PRIMARY_VERSION || !options.quiet) process.stderr.write(`generate (${version}): ${message}\n`)
  }
  const docs = await loadVersions(warn)
  const typedVersions = docs.map((d) => d.info.version)
  const routes = makeRouteTable()
  const manifests = []
  const rendered = new Map<string, Map<string, string>>()
  for (const doc of docs) {
    const version = doc.info.version
    await refreshRefs(doc)
    routes.add(doc)
    manifests.push(await buildManifest(doc))
    rendered.set(
      version,
      renderFiles(doc, overrides, (m) => warn(version, m), version === PRIMARY_VERSION ? typedVersions : []),
    )
  }
  const files = rendered.get(PRIMARY_VERSION)!
  for (const [version, own] of rendered) {
    if (version === PRIMARY_VERSION) continue
    const top = header(version)
    files.set(`versions/${version}/registry.d.ts`, registryDeclaration(top))
    const later = typedVersions.slice(typedVersions.indexOf(version) + 1).filter((v) => v !== PRIMARY_VERSION)
    files.set(
      `versions/${version}/types.d.ts`,
      versionTypes(top, own, files, later.map((v) => ({ version: v, files: rendered.get(v)! }))),
    )
  }
  const allTop = header(typedVersions.join(", "))
  const older = [...rendered].filter(([v]) => v !== PRIMARY_VERSION)
  const pooled = await poolRegistries(
    allTop,
    older.map(([version, own]) => ({ version, header: header(version), files: own })),
  )
  for (const [path, text] of pooled) files.set(path, text)
  for (
    const [path, text] of versionIndex(
      allTop,
      typedVersions,
      PRIMARY_VERSION,
      [...rendered].filter(([v]) => v !== PRIMARY_VERSION).flatMap(([, own]) => [...own.values()]),
    )
  ) files.set(path, text)
  files.set("names.ts", routes.renderNames(allTop, rendered))
  files.set("routes.ts", routes.render(allTop))
  for (const manifest of markManifests(manifests)) {
    const text = `${JSON.stringify(manifest)}\n`
    files.set(`manifests/${manifest.apiVersion}.json`, text)
    if (manifest.apiVersion === PRIMARY_VERSION) files.set("manifest.json", text)
  }
  rmSync(options.out, { recursive: true, force: true })
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const target = join(options.out, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, text)
  }
  const compact = await writeCompact(options.out)
  return files.size + compact
}

/**
 * The compact checks are made from the Schemas just written, imported: written elsewhere than `src/generated`, their
 * imports of the package's own modules (`../../internal/lazy.ts`, `../../Operation.ts`) resolve to `src/`, and
 * `effect` as from the package.
 */
const writeCompact = async (out: string): Promise<number> => {
  const outUrl = pathToFileURL(join(out, "/")).href
  const parentUrl = pathToFileURL(join(out, "..", "/")).href
  const srcUrl = pathToFileURL(join(packageDir, "src", "/")).href
  const hooks = registerHooks({
    resolve: (specifier, context, nextResolve) => {
      if (context.parentURL?.startsWith(outUrl)) {
        // Packages (`effect`) as the package itself resolves them.
        if (!specifier.startsWith(".")) return nextResolve(specifier, { ...context, parentURL: `${srcUrl}index.ts` })
        const target = new URL(specifier, context.parentURL).href
        if (!target.startsWith(outUrl) && target.startsWith(parentUrl)) {
          return nextResolve(srcUrl + target.slice(parentUrl.length), context)
        }
      }
      return nextResolve(specifier, context)
    },
  })
  let operations: Readonly<Record<string, OperationDescriptor>>
  try {
    ;({ operations } = (await import(pathToFileURL(join(out, "registry.ts")).href)) as {
      readonly operations: Readonly<Record<string, OperationDescriptor>>
    })
  } finally {
    hooks.deregister()
  }
  const generatedHeader = readFileSync(join(out, "registry.ts"), "utf8").split("\n")[0]!
  const files = renderCompact(Object.values(operations), generatedHeader)
  for (const [path, text] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true })
    writeFileSync(join(out, path), text)
  }
  return files.size
}

if (process.argv[1] && resolvePath(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: "string" }, verbose: { type: "boolean", default: false } } })
  const out = resolvePath(values.out ?? join(packageDir, "src", "generated"))
  const started = Date.now()
  const count = await generate({ out, quiet: !values.verbose })
  process.stdout.write(
    `generate: ${count} files for every Intercom API version in ${out} (${Date.now() - started} ms)\n`,
  )
}
