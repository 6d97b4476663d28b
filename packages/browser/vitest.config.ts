import { testConfig } from "@utdk/intercom-testing/vitest"

export default testConfig()
