import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["@utdk/intercom-testing/prism-setup"],
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
    // Generous: these tests start runtimes, bins and browsers, which a loaded 2-core CI machine can make slow.
    testTimeout: 120_000,
    hookTimeout: 90_000,
  },
})
