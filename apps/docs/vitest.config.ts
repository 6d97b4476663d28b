import { testConfig } from "@utdk/intercom-testing/vitest"

export default testConfig({
  // The site is built once (unless dist is current, as after turbo's build task), then Prism starts for the e2e test.
  globalSetup: ["./test/support/build-setup.ts", "@utdk/intercom-testing/prism-setup"],
  testTimeout: 60_000,
  // Browser checks poll the page; a loaded machine (2 cores, several engineers) can take seconds per step.
  expect: { poll: { timeout: 10_000 } },
  hookTimeout: 300_000,
  // The e2e test drives a real browser and the snippet test runs tsc: one file at a time on small machines.
  fileParallelism: false,
})
