/**
 * After `tsc`, rewrites `dist/internal/engine.js` (what a client imports at its first call) as one module with core's
 * Promise engine, the registry and the parts of effect they use inlined: one file instead of ~220 (effect alone is
 * ~170 modules, 3.8 MB), the main cost of a first call, and no `effect` to install for a Promise user (effect is an
 * optional peer dependency: the Effect entry uses the app's own).
 *
 * What crosses between the engine and the rest of the program stays shared (external), so that identity holds: the
 * error classes (`instanceof IntercomNotFoundError` on a rejected call), `Secret` (a token from `exchangeOAuthCode`),
 * and undici (the caller's `dispatcher`). An effect `Redacted` token is read before it reaches the engine (its value
 * is known only to the app's effect). Everything else the engine keeps to itself.
 *
 *   node scripts/bundleEngine.ts
 */
import { build, type Plugin } from "esbuild"
import { fileURLToPath } from "node:url"

/** Core's own modules that must be the very modules the root imports: file path → specifier. */
const sharedCoreModules = new Map(
  ["@utdk/intercom-core/IntercomError", "@utdk/intercom-core/Secret"].map((
    specifier,
  ) => [fileURLToPath(import.meta.resolve(specifier)), specifier]),
)

const shareCore: Plugin = {
  name: "share-core",
  setup(build) {
    build.onResolve({ filter: /./ }, async (args) => {
      if (args.pluginData === "share-core" || args.kind === "entry-point") return undefined
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "share-core",
      })
      const shared = sharedCoreModules.get(resolved.path)
      if (shared !== undefined) return { path: shared, external: true }
      // Another version's registry stays a module of core's, imported only by a process pinned to that version
      // (core's public path `@utdk/intercom-core/versions/<v>/registry`).
      const version = /[\\/]dist[\\/]generated[\\/]versions[\\/]([^\\/]+)[\\/]registry\.js$/.exec(resolved.path)
      return version ? { path: `@utdk/intercom-core/versions/${version[1]!}/registry`, external: true } : resolved
    })
  },
}

await build({
  entryPoints: [fileURLToPath(new URL("../src/internal/engine.ts", import.meta.url))],
  outfile: fileURLToPath(new URL("../dist/internal/engine.js", import.meta.url)),
  allowOverwrite: true,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "es2022",
  external: ["undici"],
  plugins: [shareCore],
  sourcemap: false,
  legalComments: "none",
  // Without whitespace and comments (names kept): a third smaller, and what a Promise user installs.
  minifyWhitespace: true,
  logLevel: "warning",
  // The registry bundle's bare `import "effect/Schema"` is dropped on purpose (effect has no side effects).
  logOverride: { "ignored-bare-import": "silent" },
})
