/**
 * How strictly the docs check arguments, at build time (which examples a page offers) and in the page (whether Send
 * is on): the same verdict in both places, refusing what the spec does not allow. The SDK's default only warns.
 */
export const pageChecks = { validateRequests: "strict" } as const
