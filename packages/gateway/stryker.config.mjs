// Mutation testing of the gateway's policy modules (pnpm mutate gateway).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

// Equivalent mutants are named where they are, with `// Stryker disable next-line <mutator>: <reason>` (Stryker then
// leaves them out of the score): the memory store's counter sweep (memory only), shortcuts, unreachable guards.

export default strykerConfig({
  mutate: ["src/Router.ts", "src/HeaderPolicy.ts", "src/Cors.ts", "src/Session.ts", "src/Body.ts", "src/Log.ts", "src/Store.ts", "src/node/RedisStore.ts"],
  breakAt: 90,
})
