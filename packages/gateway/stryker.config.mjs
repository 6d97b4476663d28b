// Mutation testing of the gateway's policy modules (pnpm mutate gateway).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

// Equivalent mutants are named where they are, with `// Stryker disable next-line <mutator>: <reason>` (Stryker then
// leaves them out of the score): the memory store's counter sweep (memory only), shortcuts, unreachable guards.
// Three equivalent mutants no directive can reach (a comment before `} catch` attaches to no node), left as survivors:
// - Router.ts decodeParam and Session.ts open: the emptied `catch` block returns undefined as the block does.
// - RedisStore.ts connect: dropping the PING after connect(); node-redis's own handshake already waits for an answer.

export default strykerConfig({
  mutate: [
    "src/Router.ts",
    "src/HeaderPolicy.ts",
    "src/Cors.ts",
    "src/Session.ts",
    "src/Body.ts",
    "src/Log.ts",
    "src/Store.ts",
    "src/node/RedisStore.ts",
  ],
  breakAt: 90,
})
