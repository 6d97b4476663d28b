// The docs site: Starlight, one page per operation (src/pages/operations/[slug].astro), sidebar grouped by tag.
import starlight from "@astrojs/starlight"
import { defineConfig } from "astro/config"
import { sidebar } from "./src/lib/sidebar.ts"

export default defineConfig({
  site: "https://intercom.utdk.dev",
  trailingSlash: "always",
  // The Markdown in src/content/docs is our own; the spec's prose is rendered by src/lib/markdown.ts.
  integrations: [
    starlight({
      title: "Intercom SDK",
      description: "A typed TypeScript SDK for the whole Intercom REST API, with a docs page and a live playground per operation.",
      sidebar: await sidebar(),
      customCss: ["./src/styles/docs.css"],
      lastUpdated: false,
      pagefind: true,
    }),
  ],
})
