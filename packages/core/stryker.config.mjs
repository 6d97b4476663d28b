// Mutation testing of the core modules that guard secrets, limits and retries (pnpm mutate core).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

export default strykerConfig({
  mutate: [
    "src/internal/retryDecision.ts",
    "src/internal/retryAfter.ts",
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
  breakAt: 81,
})
