import { testConfig } from "@utdk/intercom-testing/vitest"

// The pure snippet tests, without the site build and Prism the other docs tests need: what Stryker runs.
export default testConfig({ include: ["test/**/*.mutants.test.ts"], globalSetup: [] })
