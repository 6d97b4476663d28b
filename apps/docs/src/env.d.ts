// Modules made by astro.config.ts's plugins.
declare module "virtual:intercom-operations" {
  /** One dynamic import per operation: `@utdk/intercom-core/operations/<name>`. */
  export const loaders: Readonly<Record<string, () => Promise<Record<string, unknown>>>>
}
