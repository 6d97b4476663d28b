// The workspace's Vitest settings, one place for every package: tests under test/, one Prism from the real spec
// for the run (prism-setup), and the JSON report that scripts/count-results.mjs reads for the closing
// `N passed, N failed` line. A package passes only what it does differently.
import type { InlineConfig } from "vitest/node"
import { defineConfig } from "vitest/config"

export const testConfig = (test: InlineConfig = {}) =>
  defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      globalSetup: ["@utdk/intercom-testing/prism-setup"],
      reporters: ["default", "json"],
      outputFile: { json: ".vitest-results.json" },
      testTimeout: 30_000,
      hookTimeout: 90_000,
      // `expect.poll` waits for a server to see a request or a closed connection: on a machine busy with other
      // work (load 10+ on 2 cores) that takes more than the default second.
      expect: { poll: { timeout: 10_000 } },
      ...test,
    },
  })
