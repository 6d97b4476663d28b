import { testConfig } from "./src/vitest.ts"

// These tests start their own stand-in (what they test), so no run-wide Prism; starting a Prism on a loaded 2-core
// machine takes tens of seconds.
export default testConfig({ globalSetup: [], testTimeout: 180_000, hookTimeout: 180_000 })
