/**
 * Identity verification for the Messenger: the `user_hash` your server computes for a signed-in user, so that nobody
 * can impersonate them in the Messenger. It is the hex HMAC-SHA256 of the user's `user_id` (or, without one, their
 * email) keyed by the workspace's identity verification secret
 * (https://developers.intercom.com/installing-intercom/web/identity-verification,
 * https://github.com/intercom/identity-verification-code-samples). Compute it on the server only: the secret must
 * never reach a page.
 *
 * ```ts
 * import { identityVerificationHash } from "@utdk/intercom"
 *
 * const user_hash = await identityVerificationHash({ secret: process.env.INTERCOM_IDV_SECRET!, userId: user.id })
 * ```
 *
 * @since 0.1.0
 */
import { hmacHex } from "./internal/hmac.ts"

/**
 * The hex (lower-case) HMAC-SHA256 of `userId`, or of `email` when no `userId` is given, keyed by `secret`.
 *
 * @category hashing
 */
export const identityVerificationHash = (
  input:
    & { readonly secret: string }
    & (
      | { readonly userId: string | number; readonly email?: undefined }
      | { readonly email: string; readonly userId?: undefined }
    ),
): Promise<string> => {
  const subject = input.userId !== undefined ? String(input.userId) : input.email
  if (subject === undefined || subject === "") {
    return Promise.reject(new TypeError("identityVerificationHash: give a userId or an email"))
  }
  return hmacHex("SHA-256", input.secret, subject)
}
