// Mutation testing of the snippets' secret masking (pnpm mutate docs).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

// The masking: maskSecrets, the call arguments it masks, and the curl rendering (headers and bodies). Line ranges:
// the rest of the file (snippet layout) is covered by the typecheck and playground tests, which need the site build.
export default strykerConfig({ mutate: ["src/lib/snippet.ts:24-35", "src/lib/snippet.ts:106-109", "src/lib/snippet.ts:168-196"], breakAt: 90 })
