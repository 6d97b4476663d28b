/**
 * The `Intercom-Version` values a client may send: the spec's versions (`Facts.apiVersions`), plus `"Unstable"`
 * (Intercom's preview of the next version). Checked at run time before anything is sent.
 */
import { type ApiVersion, apiVersions } from "../generated/facts.ts"

/** A version of the Intercom API. */
export type IntercomVersion = ApiVersion | "Unstable"

/** Every accepted value, oldest first. */
export const intercomVersions: ReadonlyArray<IntercomVersion> = [...apiVersions, "Unstable"]

/** `undefined` when `value` is a known version, else the message saying which ones are. */
export const versionProblem = (value: unknown): string | undefined =>
  intercomVersions.includes(value as IntercomVersion)
    ? undefined
    : `Unknown Intercom-Version ${JSON.stringify(value)}: expected one of ${intercomVersions.join(", ")}`
