/** Typed SDK errors (`_tag`) explained in words for the response viewer. */

const sentences: Record<string, string> = {
  IntercomBadRequestError: "Bad request: Intercom rejected the parameters or body.",
  IntercomUnauthorizedError: "Unauthorized: the credentials are missing, invalid, expired or revoked.",
  IntercomForbiddenError: "Forbidden: these credentials may not use this operation (check the app's scopes).",
  IntercomNotFoundError: "Not found: no such resource (or this operation is not available on the gateway).",
  IntercomConflictError: "Conflict: the resource changed or already exists.",
  IntercomUnprocessableError:
    "Unprocessable: Intercom understood the request but could not apply it (validation failed).",
  IntercomRateLimitedError: "Rate limited: too many requests; the SDK retried and gave up. Wait before sending again.",
  IntercomServerError: "Server error: Intercom (or the gateway) failed; safe operations were retried.",
  IntercomStatusError: "Unexpected status: the response status is not one this operation declares.",
  IntercomTransportError:
    "Network error: the gateway could not be reached (is it running, and does it allow this origin?).",
  IntercomTimeoutError: "Timeout: no answer in time.",
  IntercomDecodeError: "Decode error: the response does not match the documented schema.",
  IntercomInvalidInputError: "Invalid input: the SDK refused the arguments before sending.",
  IntercomConfigError: "Configuration error: the client is not configured correctly.",
}

/** A sentence for an error tag, falling back to the tag itself. */
export const describeError = (tag: string): string => sentences[tag] ?? `Error: ${tag}.`
