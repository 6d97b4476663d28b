/**
 * What the contract suites check of one call against Prism: Prism saw a valid request (no request violation in its
 * `sl-violations` header, no 422), and what the SDK gave back is the JSON Prism sent (recorded by the proxy).
 */
import { isIntercomError } from "../../src/index.ts"
import type { RecordedExchange } from "./recordingProxy.ts"

/** What the SDK should have produced from the raw response. */
export const expectedData = (exchange: RecordedExchange): unknown => {
  if (exchange.body === "") return undefined
  return /json/.test(exchange.headers["content-type"] ?? "") ? JSON.parse(exchange.body) : exchange.body
}

export type Attempt =
  | { readonly _tag: "ok"; readonly data: unknown; readonly status: number; readonly exchange: RecordedExchange }
  | { readonly _tag: "error"; readonly error: unknown; readonly exchange: RecordedExchange | undefined }

interface Violation {
  readonly location: ReadonlyArray<string>
  readonly message: string
}

/** Prism's `sl-violations` header, split: request violations are ours, response ones are the spec's examples. */
export const violationsOf = (exchange: RecordedExchange | undefined) => {
  const header = exchange?.headers["sl-violations"]
  const all: ReadonlyArray<Violation> = header ? JSON.parse(header) : []
  return {
    request: all.filter((v) => v.location[0] === "request"),
    response: all.filter((v) => v.location[0] === "response"),
  }
}

export const describeFailure = (attempt: Attempt): string | undefined => {
  const { request } = violationsOf(attempt.exchange)
  const violations = request.length > 0 ? ` | request violations: ${JSON.stringify(request)}` : ""
  if (attempt._tag === "error") {
    const e = attempt.error
    const body = attempt.exchange && attempt.exchange.status >= 400
      ? ` | body: ${attempt.exchange.body.slice(0, 600)}`
      : ""
    return isIntercomError(e) ? `${e._tag}: ${e.message}${violations}${body}` : String(e)
  }
  return violations === "" ? undefined : violations.slice(3)
}
