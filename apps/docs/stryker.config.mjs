// Mutation testing of the snippets' secret masking (pnpm mutate docs).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

// The masking: maskSecrets, the call arguments it masks, and the curl rendering (headers and bodies). Line ranges,
// to be kept on those functions when the file changes; the rest of the file (snippet layout) is covered by the
// typecheck and playground tests, which need the site build.
export default strykerConfig({
  mutate: ["src/lib/snippet.ts:34-44", "src/lib/snippet.ts:129-130", "src/lib/snippet.ts:207-239"],
  breakAt: 90,
})
