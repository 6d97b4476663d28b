// Mutation testing of the core modules that guard secrets, limits and retries (pnpm mutate core).
import { strykerConfig } from "../../scripts/stryker.base.mjs"

// Equivalent mutants (left in the score, counted as survivors in the report):
// - validation.ts `valueAt`'s guard (non-object, null, missing key → present: false) and the `^` of /^Missing key/ and
//   /^Expected /: Effect's issues only name paths through objects, and a missing key is reported as missing by the
//   `missing` flag whichever way `present` comes out.
// - buildRequest.ts multipart and form-urlencoded encoding: no operation of the registry has such a body today.

export default strykerConfig({
  mutate: [
    "src/internal/retryDecision.ts",
    "src/internal/retryPolicy.ts",
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
