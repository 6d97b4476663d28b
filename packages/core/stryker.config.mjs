// Mutation testing of the core modules that guard secrets, limits and retries (pnpm mutate core).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

// Equivalent mutants are named where they are, with `// Stryker disable next-line <mutator>: <reason>` (Stryker then
// leaves them out of the score): caches, shortcuts that give the same result, and guards Effect's issues never reach.

export default strykerConfig({
  mutate: [
    "src/internal/retryDecision.ts",
    "src/internal/retryPolicy.ts",
    "src/internal/retryAfter.ts",
    "src/internal/duration.ts",
    "src/internal/rateLimitState.ts",
    "src/internal/pagination.ts",
    "src/internal/validation.ts",
    "src/internal/decodeResponse.ts",
    "src/internal/readBody.ts",
    "src/internal/buildRequest.ts",
    "src/Webhook.ts",
    "src/OAuth.ts",
    "src/IdentityVerification.ts",
    "src/IntercomError.ts",
    "src/ClientOptions.ts",
  ],
  breakAt: 90,
})
