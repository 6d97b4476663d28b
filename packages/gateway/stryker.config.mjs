// Mutation testing of the gateway's policy modules (pnpm mutate gateway).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

// Equivalent mutants (no test can tell them apart; left in the score, counted as survivors in the report):
// - Store.ts `sweep`: skipping or mistiming the sweep of expired entries changes memory only; every read checks
//   expiry itself (`if (t < nextSweep) return` → true/false/<=, `nextSweep = t - sweepEveryMs`, the sessions loop).
// - RedisStore.ts `reconnectStrategy` arithmetic and the `error` listener's `connected` test: they act only after a
//   lost connection, which the tests do not provoke.

export default strykerConfig({
  mutate: ["src/Router.ts", "src/HeaderPolicy.ts", "src/Cors.ts", "src/Session.ts", "src/Body.ts", "src/Log.ts", "src/Store.ts", "src/node/RedisStore.ts"],
  breakAt: 79,
})
