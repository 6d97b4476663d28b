// The docs site: Starlight, one page per operation (src/pages/operations/[slug].astro), sidebar grouped by tag.
import starlight from "@astrojs/starlight"
import { defineConfig } from "astro/config"
import { fileURLToPath } from "node:url"
import { loadManifest } from "./src/lib/operations.ts"
import { sidebar } from "./src/lib/sidebar.ts"

/**
 * `virtual:intercom-operations`: a dynamic import of each operation's public module, so the Try it island loads
 * only the descriptor (and Schema models) of the page's operation. Names come from the docs manifest.
 */
const operationLoaders = () => {
  const id = "virtual:intercom-operations"
  return {
    name: "intercom-operation-loaders",
    resolveId: (source: string) => (source === id ? `\0${id}` : undefined),
    load: (resolved: string) =>
      resolved === `\0${id}`
        ? `export const loaders = {\n${
          loadManifest()
            .operations.map((op) =>
              `  ${JSON.stringify(op.name)}: () => import(${
                JSON.stringify(`@utdk/intercom-core/operations/${op.name}`)
              }),`
            )
            .join("\n")
        }\n}\n`
        : undefined,
  }
}

/**
 * Starlight's search imports `@pagefind/default-ui`; it gets src/scripts/scoped-search.ts instead (the UI scoped to
 * the page's API version), whose own import of it resolves as Starlight's would.
 */
const scopedSearch = () => {
  const ui = "@pagefind/default-ui"
  const wrapper = fileURLToPath(new URL("./src/scripts/scoped-search.ts", import.meta.url))
  let starlightImporter: string | undefined
  return {
    name: "intercom-scoped-search",
    enforce: "pre" as const,
    async resolveId(
      this: { resolve: (source: string, importer?: string, options?: { skipSelf?: boolean }) => Promise<unknown> },
      source: string,
      importer: string | undefined,
    ) {
      if (source !== ui) return undefined
      if (importer !== wrapper) {
        starlightImporter = importer
        return wrapper
      }
      return this.resolve(ui, starlightImporter, { skipSelf: true })
    },
  }
}

export default defineConfig({
  site: loadManifest().site,
  trailingSlash: "always",
  // The Markdown in src/content/docs is our own; the spec's prose is rendered by src/lib/markdown.ts.
  vite: { plugins: [operationLoaders(), scopedSearch()] },
  integrations: [
    starlight({
      title: "Intercom SDK",
      description:
        "A typed TypeScript SDK for the whole Intercom REST API, with a docs page and a live playground per operation.",
      sidebar: await sidebar(),
      customCss: ["./src/styles/docs.css"],
      // Every page shows the API version menu under its title.
      components: { PageTitle: "./src/components/PageTitle.astro" },
      lastUpdated: false,
      pagefind: true,
      head: [
        {
          // The search button's shortcut hint ("Ctrl K") is decoration: the shortcut is announced by the button's
          // aria-keyshortcuts. Drawn from an attribute and hidden from assistive technology, the button's text is
          // its name ("Search"), as WCAG 2.5.3 (label in name) asks; styled in docs.css.
          tag: "script",
          content:
            `addEventListener("DOMContentLoaded",()=>{for(const k of document.querySelectorAll("button[data-open-modal]>kbd")){k.setAttribute("aria-hidden","true");for(const key of k.querySelectorAll("kbd")){key.dataset.key=key.textContent;key.textContent=""}}})`,
        },
      ],
    }),
  ],
})
