/**
 * Every operation by method name, the spec's misspelt names included (the registry's `deprecatedAliases`): what
 * every client (Effect, Promise) puts a method on.
 */
import { deprecatedAliases, operations } from "../generated/registry.ts"

export const operationsByName = { ...operations, ...deprecatedAliases }
