/**
 * The HTTP request a call would send, built without sending it, by the very builder the clients send with: the
 * same argument checks (`IntercomInvalidInputError` naming each bad field, search queries' rules included), path and query encoding, body, `Accept`
 * and `Intercom-Version`. Previews, curl lines and playgrounds built on it cannot drift from the wire.
 *
 * ```ts
 * import { buildRequest } from "@utdk/intercom-core/Request"
 * import { updateConversation } from "@utdk/intercom-core/operations/updateConversation"
 *
 * const built = buildRequest(updateConversation, { conversation_id: "123", read: true })
 * if (built._tag === "Success") console.log(built.success.method, built.success.url)
 * ```
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import type { ValidationIssue } from "./ClientOptions.ts"
import type { IntercomOptions } from "./IntercomConfig.ts"
import type { IntercomConfigError, IntercomInvalidInputError } from "./IntercomError.ts"
import type { Operation, ParamsOf } from "./Operation.ts"
import { wireRequest } from "./internal/callSteps.ts"
import { anyChecksOf } from "./internal/schemaChecks.ts"
import { resolveConfig } from "./internal/config.ts"

/**
 * One request as it goes on the wire. Header names are lower case; `authorization` is present only when a token was
 * given. The body is JSON or URL-encoded text, or FormData for multipart operations.
 *
 * @category models
 */
export interface HttpRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | FormData | undefined
  /**
   * The arguments the description does not allow, sent as written (`validateRequests: "warn"`, the default): empty
   * when every argument fits.
   */
  readonly validation: ReadonlyArray<ValidationIssue>
}

/**
 * Builds the request `operation` sends for `args`. Options are the client's (`baseUrl`, `region`, `token`,
 * `version`, `headers`, `validateRequests`); without `token` no `authorization` header is built (a gateway adds credentials).
 *
 * @category constructors
 */
export const buildRequest = <O extends Operation>(
  operation: O,
  args: ParamsOf<O> | Record<string, unknown> | undefined,
  options: IntercomOptions = {},
): Result.Result<HttpRequest, IntercomInvalidInputError | IntercomConfigError> => {
  const config = resolveConfig(options, { requireToken: false })
  if (Result.isFailure(config)) return Result.fail(config.failure)
  return wireRequest(operation, args, config.success, undefined, anyChecksOf)
}
