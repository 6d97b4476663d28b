/**
 * Build-time access to Intercom's OpenAPI description, with the SDK generator's corrections (packages/core/
 * overrides.ts) applied exactly as the generator applies them, so the pages describe the API the SDK calls: the
 * same parameter types, names and declared responses. The prose is read here at build time and never committed.
 */
import SwaggerParser from "@apidevtools/swagger-parser"
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
// The generator's own loader and overrides: one list of corrections for the SDK and the docs.
import overrides from "../../../../packages/core/overrides.ts"
import { applyOverrides } from "../../../../packages/core/scripts/lib/overrides.ts"
import { inlinePathParameters, loadSpec as parseSpec, refreshRefs, specFile as generatorSpecFile } from "../../../../packages/core/scripts/lib/spec.ts"

/** The API version the site documents. */
export const apiVersion = "2.16"

const repoRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const up = dirname(dir)
    if (up === dir) throw new Error("docs: cannot find the repository root (pnpm-workspace.yaml)")
    dir = up
  }
  return dir
}

/** `$INTERCOM_OPENAPI_DIR/<version>/api.intercom.io.yaml`, else `../shared/intercom-openapi` beside the repository. */
export const specFile = (): string => generatorSpecFile(repoRoot(), apiVersion)

/** The parts of an OpenAPI document the site reads; everything is dereferenced (and may be cyclic). */
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation | unknown>>
  readonly tags?: ReadonlyArray<{ readonly name: string; readonly description?: string }>
}

export interface OpenApiOperation {
  readonly operationId?: string
  readonly summary?: string
  readonly description?: string
  readonly tags?: ReadonlyArray<string>
  readonly deprecated?: boolean
  readonly parameters?: ReadonlyArray<OpenApiParameter>
  readonly requestBody?: {
    readonly required?: boolean
    readonly content: Record<string, OpenApiMedia>
  }
  readonly responses: Record<string, { readonly description?: string; readonly content?: Record<string, OpenApiMedia> }>
}

export interface OpenApiParameter {
  readonly name: string
  readonly in: "path" | "query" | "header" | "cookie"
  readonly required?: boolean
  readonly description?: string
  readonly deprecated?: boolean
  readonly example?: unknown
  readonly style?: string
  readonly schema?: unknown
}

export interface OpenApiMedia {
  readonly schema?: unknown
  readonly example?: unknown
  readonly examples?: Record<string, { readonly summary?: string; readonly value?: unknown }>
}

const load = async (): Promise<OpenApiDocument> => {
  const doc = await parseSpec(specFile())
  inlinePathParameters(doc)
  applyOverrides(doc, overrides, { strict: true, warn: () => undefined })
  await refreshRefs(doc)
  return (await SwaggerParser.dereference(doc as never)) as unknown as OpenApiDocument
}

let cached: Promise<OpenApiDocument> | undefined

/** The corrected, dereferenced description, parsed once per build. */
export const loadSpec = (): Promise<OpenApiDocument> => (cached ??= load())
