/**
 * The SDK's operation registry, as far as the docs need it: method names and argument keys. Until the generated
 * registry is available the spec's own names are used (see operations.ts).
 */
export interface RegistryEntry {
  readonly name: string
  readonly operationId: string
  readonly summary: string
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly key: string; readonly in: string }>
  readonly body: { readonly flat: boolean; readonly renamed: Readonly<Record<string, string>> } | undefined
}

export const registryEntry = (_method: string, _path: string): RegistryEntry | undefined => undefined
