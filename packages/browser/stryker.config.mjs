// Mutation testing of the browser client's options (pnpm mutate browser).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

export default strykerConfig({ mutate: ["src/Intercom.ts"], breakAt: 90 })
