import { testConfig } from "@utdk/intercom-testing/vitest"

// Generous: these tests start runtimes, bins and browsers, which a loaded 2-core CI machine can make slow.
export default testConfig({ testTimeout: 120_000 })
