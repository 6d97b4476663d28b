/**
 * What a client and an `@utdk/intercom-gateway` agree on besides Intercom's own API: the paths the gateway serves
 * itself, the headers it adds or reads, and the shape of its self-description. The gateway, the browser client and
 * the docs' playground import them from here (plain constants, no effect).
 *
 * @since 0.2.0
 */

/** Paths the gateway answers itself, beside the Intercom routes it forwards. @category constants */
export const gatewayPaths = {
  /** `POST` creates a visitor's session key, `DELETE` revokes it (session credentials mode). */
  sessions: "/_gateway/sessions",
  health: "/healthz",
  /** What the gateway is and how it is set up, without secrets ({@link GatewayInfo}). */
  info: "/_gateway/info",
} as const

/** Headers of the gateway protocol, lower case. @category constants */
export const gatewayHeaderNames = {
  /** A visitor's session key (session credentials mode). */
  session: "x-gateway-session",
  /** The gateway's own refusal (its error code), so a client tells a gateway answer from Intercom's. */
  error: "x-gateway-error",
  /**
   * What in the request broke the spec, as a local stand-in (Prism) reports it: forwarded only when the upstream is
   * a stand-in, so the playground can show it.
   */
  standInViolations: "sl-violations",
} as const

/** The answer of `GET` {@link gatewayPaths}.info. @category models */
export interface GatewayInfo {
  readonly gateway: "@utdk/intercom-gateway"
  readonly credentials: "server" | "session"
  /** How many operations the allow-list holds. */
  readonly operations: number
  /** The `Intercom-Version` the gateway sends for requests that name none (its `defaultVersion`). */
  readonly apiVersion: string
  /** `intercom` when the upstream is one of Intercom's regional hosts, `stand-in` for a local mock (Prism). */
  readonly upstream: "intercom" | "stand-in"
}
