/**
 * The SDK's operation registry (`@utdk/intercom-core`), as far as the docs need it: method names, argument keys and
 * how the body is passed. Pages are joined to it by method and path.
 */
import { operationList } from "@utdk/intercom-core"
import type { OperationDescriptor } from "@utdk/intercom-core"

const byRoute = new Map<string, OperationDescriptor>(operationList.map((op) => [`${op.method} ${op.path}`, op]))

/** The registry entry for a spec operation; every documented operation must have one. */
export const registryEntry = (method: string, path: string): OperationDescriptor => {
  const entry = byRoute.get(`${method} ${path}`)
  if (!entry) throw new Error(`docs: ${method} ${path} is in the spec but not in the SDK registry (run pnpm generate)`)
  return entry
}

/** How many operations the SDK has: the docs build checks it documents every one. */
export const registrySize = operationList.length
