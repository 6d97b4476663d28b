/**
 * How the retry policy sees an `IntercomError` from one attempt.
 */
import type { IntercomError } from "../IntercomError.ts"
import type { AttemptFailure } from "./retryPolicy.ts"
import { maybeSent } from "./transportFailure.ts"

/** `undefined` for errors no retry can fix (bad input, a body that does not decode, the caller's abort). */
export const attemptFailure = (error: IntercomError): AttemptFailure | undefined => {
  switch (error._tag) {
    case "IntercomTransportError":
      return { _tag: "Transport", sent: maybeSent(error.cause) }
    case "IntercomTimeoutError":
      return { _tag: "Timeout" }
    case "IntercomDecodeError":
    case "IntercomResponseTooLargeError":
    case "IntercomInvalidInputError":
    case "IntercomAbortError":
      return undefined
    default:
      return { _tag: "Response", status: error.status, headers: error.headers }
  }
}

/** Response headers carried by an attempt's outcome (success or response error), for the rate limiter. */
export const headersOf = (outcome: unknown): Readonly<Record<string, string>> | undefined =>
  typeof outcome === "object" && outcome !== null && "headers" in outcome && typeof outcome.headers === "object"
    ? (outcome.headers as Readonly<Record<string, string>>)
    : undefined
