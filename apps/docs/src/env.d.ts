// Modules made by astro.config.ts's plugins.
declare module "virtual:intercom-operations" {
  /** One dynamic import per operation: `@utdk/intercom-core/operations/<name>`. */
  export const loaders: Readonly<Record<string, () => Promise<Record<string, unknown>>>>
}

// Pagefind's search UI, as Starlight imports it (it ships no types).
declare module "@pagefind/default-ui" {
  export class PagefindUI {
    constructor(options: Record<string, unknown>)
    triggerFilters(filters: Readonly<Record<string, string | ReadonlyArray<string>>>): void
  }
}
