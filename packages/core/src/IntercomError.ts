/**
 * The errors an Intercom call can fail with. Every error is a tagged `Error` (it has `_tag`, `message` and a stack)
 * whose class extends `IntercomError`, so `Effect.catchTag` works on the Effect channel and `instanceof IntercomError`
 * (or a single class, or `error._tag`) works on a rejected Promise: the Promise facade rejects with these same values.
 *
 * @since 0.1.0
 */
/**
 * The common base class; see {@link IntercomError} (the value) for `instanceof`. A plain `Error` carrying its fields
 * (as effect's `Data.Error` does), with no import of effect, so that the Promise API runs without it; the Effect API
 * makes it yieldable with the app's own effect when it is imported (`internal/yieldableErrors.ts`).
 */
class IntercomErrorBase extends globalThis.Error {
  readonly #args: object | undefined
  constructor(args?: { readonly message?: string; readonly cause?: unknown }) {
    // Stryker disable next-line ConditionalExpression,ObjectLiteral: Object.assign below sets `cause` from args too.
    super(args?.message, args?.cause === undefined ? undefined : { cause: args.cause })
    this.#args = args
    // Stryker disable next-line ConditionalExpression: assigning undefined assigns nothing.
    if (args !== undefined) Object.assign(this, args)
  }
  toJSON(): object {
    return { ...this.#args, ...this }
  }
}

/** The arguments of an error's constructor: its fields but `_tag` (none at all for an error without fields). */
type ErrorArgs<A> = {} extends A ? void | { readonly [P in keyof A as P extends "_tag" ? never : P]: A[P] }
  : { readonly [P in keyof A as P extends "_tag" ? never : P]: A[P] }

/** The tag of every error class below, each added as its class is made: what `isIntercomError` recognises. */
const tags = new Set<string>()

/**
 * A tagged class over the common base (effect's `Data.TaggedError`, restated): `_tag` and the given fields.
 */
const TaggedError = <Tag extends string>(
  tag: Tag,
): new<A extends Record<string, any> = {}>(args: ErrorArgs<A>) => Error & { readonly _tag: Tag } & Readonly<A> => {
  tags.add(tag)
  class Base extends IntercomErrorBase {
    readonly _tag = tag
  }
  Base.prototype.name = tag
  return Base as never
}

/**
 * One entry of Intercom's `error.list` body (`{ type: "error.list", request_id, errors: [...] }`).
 *
 * @category models
 */
export interface IntercomErrorDetail {
  readonly code: string
  readonly message: string
  readonly field?: string
}

/**
 * What every error built from an HTTP response carries.
 *
 * @category models
 */
export interface ResponseErrorFields {
  readonly message: string
  /** The camelCase operation name (`updateConversation`). */
  readonly operation: string
  readonly status: number
  /** Intercom's `errors` from the `error.list` body; empty when the body was not an error list. */
  readonly errors: ReadonlyArray<IntercomErrorDetail>
  /** `request_id` from the body, else the `X-Request-Id` response header. Quote it to Intercom support. */
  readonly requestId: string | undefined
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** The parsed response body (JSON when it parses, else the text; `undefined` when empty). */
  readonly body: unknown
  /** How many times the request was sent, retries included. */
  readonly attempts: number
}

/** 400: Intercom rejected the request (e.g. `parameter_invalid`). @category errors */
export class IntercomBadRequestError extends TaggedError("IntercomBadRequestError")<ResponseErrorFields> {}

/**
 * 401: the access token is missing, invalid or revoked, or belongs to a workspace of another region (an EU or AU
 * workspace's token is refused by the US host: set `region`). @category errors
 */
export class IntercomUnauthorizedError extends TaggedError("IntercomUnauthorizedError")<ResponseErrorFields> {}

/**
 * 403: the app's token lacks the OAuth scope the operation needs (Developer Hub → your app → Authentication), or the
 * workspace lacks the feature. @category errors
 */
export class IntercomForbiddenError extends TaggedError("IntercomForbiddenError")<ResponseErrorFields> {}

/** 404: the resource does not exist (or is not visible to this token). @category errors */
export class IntercomNotFoundError extends TaggedError("IntercomNotFoundError")<ResponseErrorFields> {}

/** 409: the request conflicts with the resource's state (e.g. a duplicate). @category errors */
export class IntercomConflictError extends TaggedError("IntercomConflictError")<ResponseErrorFields> {}

/** 422: the request was understood but cannot be processed. @category errors */
export class IntercomUnprocessableError extends TaggedError("IntercomUnprocessableError")<ResponseErrorFields> {}

/**
 * 429: rate limited; the `headers` carry `retry-after` / `x-ratelimit-reset`. `retryAfter` is the wait they ask for,
 * in milliseconds. The client fails with it at once when that wait is longer than the call has left (its budget,
 * `RetryPolicy.maxServerDelay`) instead of retrying early into another 429. @category errors
 */
export class IntercomRateLimitedError extends TaggedError("IntercomRateLimitedError")<
  ResponseErrorFields & { readonly retryAfter?: number | undefined }
> {}

/** 5xx: Intercom failed; safe operations are retried before this surfaces. @category errors */
export class IntercomServerError extends TaggedError("IntercomServerError")<ResponseErrorFields> {}

/** Any other non-2xx status (e.g. 405, 410, 3xx without a location). @category errors */
export class IntercomStatusError extends TaggedError("IntercomStatusError")<ResponseErrorFields> {}

/**
 * The request never got a response: DNS, connection refused or reset, TLS, invalid URL.
 *
 * @category errors
 */
export class IntercomTransportError extends TaggedError("IntercomTransportError")<{
  readonly message: string
  readonly operation: string
  readonly attempts: number
  readonly cause?: unknown
}> {}

/**
 * One attempt took longer than the `timeout` (the last attempt, when retries were allowed).
 *
 * @category errors
 */
export class IntercomTimeoutError extends TaggedError("IntercomTimeoutError")<{
  readonly message: string
  readonly operation: string
  readonly attempts: number
  /** The per-attempt timeout, in milliseconds. */
  readonly timeout: number
}> {}

/**
 * A response body longer than `maxResponseBytes`: its reading was abandoned as it streamed in (never held whole)
 * and the connection closed. Not retried.
 *
 * @category errors
 */
export class IntercomResponseTooLargeError extends TaggedError("IntercomResponseTooLargeError")<{
  readonly message: string
  readonly operation: string
  readonly status: number
  /** The `maxResponseBytes` that was exceeded. */
  readonly limit: number
  readonly attempts: number
}> {}

/**
 * The caller aborted the call: the Promise call's `signal` fired, before it was sent, while it was in flight (its
 * connection is closed) or while it waited to retry. `cause` is the signal's `reason` (a `DOMException` named
 * `AbortError` when `abort()` was given none), so nothing the caller said is lost. Effect programs cancel by
 * interruption instead; this is for the Promise facade (`instanceof IntercomError` catches it there), and is yieldable
 * and caught by tag like the others when an Effect program wraps a Promise call.
 *
 * @category errors
 */
export class IntercomAbortError extends TaggedError("IntercomAbortError")<{
  readonly message: string
  readonly operation: string
  /** The signal's `reason`. */
  readonly cause: unknown
}> {}

/**
 * One problem found while checking a value against a schema, with where it is.
 *
 * @category models
 */
export interface IntercomIssue {
  /** JSONPath-like location: `$.source.author.id`, `$.contacts[0].id`. */
  readonly path: string
  readonly message: string
}

/**
 * A 2xx response whose body is not what the operation's schema says: not JSON, or a field of the wrong type.
 * `path` names the first failing location (`$.source.author.id`); `issues` lists what was found.
 *
 * @category errors
 */
export class IntercomDecodeError extends TaggedError("IntercomDecodeError")<{
  readonly message: string
  readonly operation: string
  readonly status: number
  readonly path: string
  readonly issues: ReadonlyArray<IntercomIssue>
  readonly requestId: string | undefined
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
  readonly attempts: number
}> {}

/**
 * The arguments given to a method do not match the operation: a missing path parameter, a wrong type, an unknown
 * enum value. Nothing was sent. `field` names the first offending argument (`conversation_id`, `custom_attributes.x`).
 *
 * @category errors
 */
export class IntercomInvalidInputError extends TaggedError("IntercomInvalidInputError")<{
  readonly message: string
  readonly operation: string
  readonly field: string
  readonly issues: ReadonlyArray<IntercomIssue>
}> {}

/**
 * The client's pinned version has no such operation: a method called from JavaScript or through a cast on a client
 * whose version lacks it (`new Intercom({ version: "2.14" })` then a method new in 2.16). Nothing was sent.
 * `version` is the one the client is pinned to; `versions` are those that have the operation (empty when none does).
 *
 * @category errors
 */
export class IntercomNotInVersionError extends TaggedError("IntercomNotInVersionError")<{
  readonly message: string
  readonly operation: string
  readonly version: string
  readonly versions: ReadonlyArray<string>
}> {}

/**
 * The client cannot be configured: no access token (`INTERCOM_ACCESS_TOKEN`), an unknown region, a bad base URL.
 * The Promise clients reject the first call with it; the Effect layers fail with a `ConfigError` instead.
 *
 * @category errors
 */
export class IntercomConfigError extends TaggedError("IntercomConfigError")<{
  readonly message: string
}> {}

/**
 * A webhook notification body that is not Intercom's envelope (`parseWebhookNotification`): not JSON, or without
 * `type: "notification_event"`, `topic` and `data.item`. `issues` say where.
 *
 * @category errors
 */
export class IntercomWebhookError extends TaggedError("IntercomWebhookError")<{
  readonly message: string
  readonly issues: ReadonlyArray<IntercomIssue>
}> {}

/**
 * Exchanging an OAuth code for a token failed (`exchangeOAuthCode`): the token endpoint refused (an expired or
 * used code, a wrong client secret) or answered without a token. `status` is the endpoint's HTTP status (0 when no
 * response came); `body` what it said (never the client secret).
 *
 * @category errors
 */
export class IntercomOAuthError extends TaggedError("IntercomOAuthError")<{
  readonly message: string
  readonly status: number
  readonly body: unknown
  readonly cause?: unknown
}> {}

/**
 * Errors built from a non-2xx response, one per status class callers handle differently.
 *
 * @category models
 */
export type IntercomResponseError =
  | IntercomBadRequestError
  | IntercomUnauthorizedError
  | IntercomForbiddenError
  | IntercomNotFoundError
  | IntercomConflictError
  | IntercomUnprocessableError
  | IntercomRateLimitedError
  | IntercomServerError
  | IntercomStatusError

/**
 * Everything an operation can fail with.
 *
 * @category models
 */
export type IntercomError =
  | IntercomResponseError
  | IntercomTransportError
  | IntercomTimeoutError
  | IntercomResponseTooLargeError
  | IntercomDecodeError
  | IntercomInvalidInputError
  | IntercomAbortError

/**
 * The base class of every error of this SDK, `IntercomConfigError` included: `error instanceof IntercomError`
 * recognises all of them (and narrows to their union); each keeps its own class and `_tag`.
 *
 * @category guards
 */
export const IntercomError: abstract new(
  args: never,
) => IntercomError | IntercomConfigError | IntercomNotInVersionError | IntercomWebhookError | IntercomOAuthError =
  IntercomErrorBase as never

/**
 * `true` for any error this SDK produces (including `IntercomConfigError`).
 *
 * @category guards
 */
export const isIntercomError = (u: unknown): u is IntercomError | IntercomConfigError | IntercomNotInVersionError =>
  u instanceof IntercomErrorBase ||
  // Stryker disable next-line ConditionalExpression: a tag that is not a string is not in the set either.
  (u instanceof Error && "_tag" in u && typeof u._tag === "string" && tags.has(u._tag))

/**
 * The error class for a response status: 400 → `IntercomBadRequestError`, …, 5xx → `IntercomServerError`,
 * anything else → `IntercomStatusError`.
 *
 * @category constructors
 */
export const fromStatus = (
  status: number,
  fields: Omit<ResponseErrorFields, "status"> & { readonly retryAfter?: number | undefined },
): IntercomResponseError => {
  const args = { ...fields, status }
  switch (status) {
    case 400:
      return new IntercomBadRequestError(args)
    case 401:
      return new IntercomUnauthorizedError(args)
    case 403:
      return new IntercomForbiddenError(args)
    case 404:
      return new IntercomNotFoundError(args)
    case 409:
      return new IntercomConflictError(args)
    case 422:
      return new IntercomUnprocessableError(args)
    case 429:
      return new IntercomRateLimitedError(args)
    default:
      return status >= 500 && status <= 599 ? new IntercomServerError(args) : new IntercomStatusError(args)
  }
}
