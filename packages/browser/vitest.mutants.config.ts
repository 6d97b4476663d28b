import { testConfig } from "@utdk/intercom-testing/vitest"

// What Stryker runs (stryker.config.mjs): the client's options in Node; Chromium and size tests stay in `test`.
export default testConfig({ globalSetup: [], include: ["test/*.mutants.test.ts"], reporters: ["default"] })
