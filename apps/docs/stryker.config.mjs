// Mutation testing of the snippets' secret masking (pnpm mutate docs).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

export default strykerConfig({ mutate: ["src/lib/snippet.ts"] })
