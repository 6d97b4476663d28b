import { testConfig } from "@utdk/intercom-testing/vitest"

// What Stryker runs (stryker.config.mjs): the tests that need no Prism; the rest need the spec's mock server.
export default testConfig({
  exclude: [
    "test/intercom.test.ts",
    "test/pagination.test.ts",
    "test/prism.test.ts",
    "test/generated.test.ts",
    "test/restatedTypes.test.ts",
    "**/node_modules/**",
  ],
  reporters: ["default"],
})
