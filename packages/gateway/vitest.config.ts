import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["@utdk/intercom-testing/prism-setup"],
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-results.json" },
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
})
