import { testConfig } from "@utdk/intercom-testing/vitest"

// What Stryker runs (stryker.config.mjs): the gateway's module tests (Prism from PRISM_URL), without browsers, runtimes or load.
export default testConfig({
  include: ["test/*.mutants.test.ts", "test/policy.test.ts", "test/redis.test.ts"],
  reporters: ["default"],
})
