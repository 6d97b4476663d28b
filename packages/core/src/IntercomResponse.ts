/**
 * A decoded result together with the HTTP facts around it, for callers who need the status, a header
 * (`x-ratelimit-remaining`) or Intercom's request id. Every client has a `withResponse` twin of each method:
 * `intercom.withResponse.updateConversation(args)` gives `IntercomResponse<Conversation>`.
 *
 * @since 0.1.0
 */
import type { ValidationIssue } from "./ClientOptions.ts"

export type { ValidationIssue } from "./ClientOptions.ts"

/**
 * @category models
 */
export interface IntercomResponse<A> {
  /** The decoded body, exactly what the plain method returns. */
  readonly data: A
  readonly status: number
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** `request_id` from the body, else the `X-Request-Id` header. */
  readonly requestId: string | undefined
  /** How many times the request was sent, retries included. */
  readonly attempts: number
  /**
   * Where the body differs from the spec (`validateResponses: "warn"`, the default): operation, JSON path, what the
   * spec expected and what came. Empty when the body matches, or when validation is `"off"`.
   */
  readonly validation: ReadonlyArray<ValidationIssue>
}
