import type { HttpMethod } from "../Operation.ts"
import type { TypedVersion } from "../generated/facts.ts"

/**
 * One operation across versions: its method name (the same in every version), its HTTP method, the versions that
 * have it, its path template per version (parameter names change between versions), and the older names some
 * versions gave it (deprecated aliases on the clients of those versions). Declared here, not in `Versions.ts` (which re-exports it), so that the generated `routes.ts` can name it without
 * an import cycle.
 */
export interface Route {
  readonly name: string
  readonly method: HttpMethod
  /** The versions that have the operation, oldest first (the preview last). */
  readonly versions: ReadonlyArray<TypedVersion>
  /** Path template → the versions that use it. */
  readonly paths: Readonly<Record<string, ReadonlyArray<TypedVersion>>>
  /** Older method name → the versions that had it. */
  readonly aliases: Readonly<Record<string, ReadonlyArray<TypedVersion>>>
}
