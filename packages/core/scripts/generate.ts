/**
 * Generates `src/generated/` (models, one module per operation, the registry) from Intercom's OpenAPI description.
 *
 *   node scripts/generate.ts                               # 2.16 into src/generated
 *   node scripts/generate.ts --version 0 --out /tmp/preview # the Preview description, elsewhere
 *
 * The description is read from $INTERCOM_OPENAPI_DIR/<version>/api.intercom.io.yaml, or from
 * ../shared/intercom-openapi beside the repository. The overrides file (packages/core/overrides.ts) corrects it first.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { registerHooks } from "node:module"
import { dirname, join, resolve as resolvePath } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import overrides from "../overrides.ts"
import type { OperationDescriptor } from "../src/Operation.ts"
import { renderManifest } from "./lib/manifest.ts"
import { renderFiles } from "./lib/render.ts"
import { renderCompact } from "./lib/validators.ts"
import { withPreviewVersion } from "./lib/facts.ts"
import { inlinePathParameters, loadSpec, parseSpec, refreshRefs, specFile } from "./lib/spec.ts"
import { applyOverrides } from "./lib/overrides.ts"

const packageDir = resolvePath(dirname(fileURLToPath(import.meta.url)), "..")
const repoRoot = resolvePath(packageDir, "..", "..")

/** The version the overrides file was written for: every entry must match something in it. */
const PRIMARY_VERSION = "2.16"

/** The folder of the Preview description (formerly Unstable): the version names it adds are accepted by every client. */
const PREVIEW_FOLDER = "0"

export const generate = async (options: { readonly version: string; readonly out: string }): Promise<number> => {
  const file = specFile(repoRoot, options.version)
  const doc = await loadSpec(file)
  withPreviewVersion(doc, options.version === PREVIEW_FOLDER ? doc : await parseSpec(specFile(repoRoot, PREVIEW_FOLDER)))
  const warn = (message: string) => process.stderr.write(`generate (${options.version}): ${message}\n`)
  inlinePathParameters(doc)
  applyOverrides(doc, overrides, { strict: options.version === PRIMARY_VERSION, warn })
  await refreshRefs(doc)
  const files = renderFiles(doc, overrides, warn)
  files.set("manifest.json", await renderManifest(doc))
  rmSync(options.out, { recursive: true, force: true })
  for (const [path, text] of files) {
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
  const header = readFileSync(join(out, "registry.ts"), "utf8").split("\n")[0]!
  const files = renderCompact(Object.values(operations), header)
  for (const [path, text] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true })
    writeFileSync(join(out, path), text)
  }
  return files.size
}

if (process.argv[1] && resolvePath(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { version: { type: "string", default: PRIMARY_VERSION }, out: { type: "string" } },
  })
  const version = values.version ?? PRIMARY_VERSION
  const out = resolvePath(values.out ?? join(packageDir, "src", "generated"))
  const started = Date.now()
  const count = await generate({ version, out })
  process.stdout.write(`generate: ${count} files for Intercom API ${version} in ${out} (${Date.now() - started} ms)\n`)
}
