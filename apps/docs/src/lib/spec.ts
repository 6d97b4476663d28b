/**
 * Build-time access to Intercom's OpenAPI description. The prose it contains is read here, at build time, and is
 * never written into the repository.
 */
import SwaggerParser from "@apidevtools/swagger-parser"
import { existsSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

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
export const specFile = (): string => {
  const dir = process.env.INTERCOM_OPENAPI_DIR ?? resolve(repoRoot(), "../shared/intercom-openapi")
  const file = join(dir, apiVersion, "api.intercom.io.yaml")
  if (!existsSync(file)) throw new Error(`docs: OpenAPI description not found at ${file} (set INTERCOM_OPENAPI_DIR)`)
  return file
}

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

let cached: Promise<OpenApiDocument> | undefined

/** The dereferenced description, parsed once per build. */
export const loadSpec = (): Promise<OpenApiDocument> =>
  (cached ??= SwaggerParser.dereference(specFile()) as unknown as Promise<OpenApiDocument>)
