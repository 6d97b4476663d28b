/**
 * Which Intercom the gateway talks to. The upstream is an origin fixed at start-up, never derived from a request:
 * one of Intercom's three regional hosts, or a loopback mock (Prism) when explicitly allowed.
 *
 * @since 0.1.0
 */

/** @category models */
export type Region = "us" | "eu" | "au"

/** @category constants */
export const regionOrigins: Readonly<Record<Region, string>> = {
  us: "https://api.intercom.io",
  eu: "https://api.eu.intercom.io",
  au: "https://api.au.intercom.io",
}

/** @category errors */
export class UpstreamConfigError extends Error {
  override readonly name = "UpstreamConfigError"
}

const isLoopbackHost = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname)

/**
 * Resolves the configured upstream to a bare origin (`scheme://host[:port]`). An explicit `upstream` must be one of
 * the regional origins, or a loopback http(s) origin when `allowLoopback` is set; everything else is refused so a
 * mistyped flag cannot turn the gateway into an open proxy.
 *
 * @category constructors
 */
export const resolveUpstream = (options: {
  readonly region?: Region | undefined
  readonly upstream?: string | undefined
  readonly allowLoopback?: boolean | undefined
}): string => {
  if (options.upstream === undefined || options.upstream === "") return regionOrigins[options.region ?? "us"]
  let url: URL
  try {
    url = new URL(options.upstream)
  } catch {
    throw new UpstreamConfigError(`upstream is not a URL: ${options.upstream}`)
  }
  if (url.username !== "" || url.password !== "") throw new UpstreamConfigError("upstream must not carry credentials")
  if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "") {
    throw new UpstreamConfigError("upstream must be an origin without path, query or fragment")
  }
  if (Object.values(regionOrigins).includes(url.origin)) return url.origin
  if (isLoopbackHost(url.hostname) && (url.protocol === "http:" || url.protocol === "https:")) {
    if (options.allowLoopback === true) return url.origin
    throw new UpstreamConfigError(`loopback upstream ${url.origin} needs the allow-loopback-upstream option`)
  }
  throw new UpstreamConfigError(
    `upstream must be one of ${Object.values(regionOrigins).join(", ")} (or a loopback mock with allow-loopback-upstream)`,
  )
}
