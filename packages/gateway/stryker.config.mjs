// Mutation testing of the gateway's policy modules (pnpm mutate gateway).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

export default strykerConfig({
  mutate: ["src/Router.ts", "src/HeaderPolicy.ts", "src/Cors.ts", "src/Session.ts", "src/Body.ts", "src/Log.ts", "src/Store.ts", "src/node/RedisStore.ts"],
})
