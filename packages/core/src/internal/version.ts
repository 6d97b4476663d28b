/**
 * The one rule for `Intercom-Version`, for the client's `version` option, the `INTERCOM_VERSION` environment variable
 * and an operation's own `"Intercom-Version"` field alike: a value of `Facts.apiVersions` (the descriptions' versions,
 * `Preview` included), or `"Unstable"`, the preview's name before upstream renamed it (sent as `Preview`). A call's
 * field that disagrees with the version its client (or its `version` option) sends is refused before sending: one
 * header, never a silent override.
 */
import { headerNames } from "./headerNames.ts"
import { type ApiVersion, apiVersions, previewVersion } from "../generated/facts.ts"

/** The header's name, lower case (as the wire request carries it). */
export const versionHeader = headerNames.version

/**
 * The preview's former name, accepted and sent as {@link previewVersion}.
 *
 * @deprecated Use `"Preview"`: upstream renamed Unstable to Preview in April 2026 and accepts only that spelling.
 */
export const deprecatedPreviewAlias = "Unstable"

/** A version of the Intercom API, or the deprecated alias of the preview. */
export type IntercomVersion = ApiVersion | typeof deprecatedPreviewAlias

/** The value sent for an accepted `value` (the alias becomes the preview's name), or `undefined` when unknown. */
export const wireVersion = (value: unknown): ApiVersion | undefined =>
  value === deprecatedPreviewAlias
    ? previewVersion
    : apiVersions.includes(value as ApiVersion)
    ? (value as ApiVersion)
    : undefined

/** `undefined` when `value` is a known version, else the message saying which ones are. */
export const versionProblem = (value: unknown): string | undefined =>
  wireVersion(value) !== undefined
    ? undefined
    : `Unknown Intercom-Version ${JSON.stringify(value)}: expected one of ${
      apiVersions.join(", ")
    } (${deprecatedPreviewAlias} is a deprecated alias of ${previewVersion})`

/**
 * `undefined` when an operation's `"Intercom-Version"` field may be sent with a call whose version is `sent`, else
 * why not: an unknown value, or one that disagrees with it.
 */
export const versionFieldProblem = (value: unknown, sent: string): string | undefined => {
  const problem = versionProblem(value)
  if (problem !== undefined) return problem
  const wire = wireVersion(value)
  return wire === sent
    ? undefined
    : `Intercom-Version ${JSON.stringify(value)} disagrees with the client's ${
      JSON.stringify(sent)
    }: set the call's \`version\` option (or the client's) instead`
}
