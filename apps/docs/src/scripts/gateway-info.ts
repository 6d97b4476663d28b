/**
 * What the Try it island knows about a gateway: its `GET /_gateway/info` answer (credentials mode, upstream), and,
 * when that cannot be read, why not. A browser sees every refused cross-origin request as the same network error,
 * so the reasons are told apart with requests the browser does not need CORS for (`no-cors`, `HEAD`).
 */
import { gatewayPaths, type GatewayInfo } from "@utdk/intercom-core/GatewayProtocol"

export { gatewayPaths, type GatewayInfo }

/** @category models */
export type GatewayStatus =
  | { readonly _tag: "Ready"; readonly info: GatewayInfo }
  /** Nothing answers at that address (not running, wrong port, DNS). */
  | { readonly _tag: "Unreachable" }
  /** Something answers, but not to this site's origin: the gateway's allowed origins do not list it. */
  | { readonly _tag: "OriginNotAllowed"; readonly origin: string }
  /** It answers this origin, but not as a gateway: `what` it is instead (a web page, a 404 with JSON…). */
  | { readonly _tag: "NotAGateway"; readonly what: string }
  /** The URL has a path (`/api`) after a gateway's address; the gateway serves Intercom's paths from its root. */
  | { readonly _tag: "PathSuffix"; readonly suffix: string; readonly root: string }

const isInfo = (value: unknown): value is GatewayInfo => {
  const v = value as Partial<GatewayInfo> | null
  return (
    typeof v === "object" &&
    v !== null &&
    (v.credentials === "server" || v.credentials === "session") &&
    (v.upstream === "intercom" || v.upstream === "stand-in") &&
    typeof v.operations === "number"
  )
}

/** Whether anything answers HTTP at the gateway's address (an opaque `no-cors` answer is enough). */
export const reachable = async (gateway: string, signal?: AbortSignal): Promise<boolean> => {
  try {
    await fetch(`${gateway}${gatewayPaths.health}`, { mode: "no-cors", cache: "no-store", signal: signal ?? null })
    return true
  } catch {
    return false
  }
}

/** What answered instead of a gateway, in words: "a web page (404)", "an answer 404 of type application/json". */
const whatAnswered = (response: Response): string => {
  const type = response.headers.get("content-type")?.split(";")[0]?.trim()
  return type === "text/html"
    ? `a web page (${response.status})`
    : `an answer ${response.status}${type ? ` of type ${type}` : ""}`
}

/** Reads `/_gateway/info`, or says why it cannot be read. */
export const gatewayStatus = async (gateway: string, signal?: AbortSignal): Promise<GatewayStatus> => {
  const url = new URL(gateway)
  if (url.pathname !== "/" && url.pathname !== "") {
    const root = await gatewayStatus(url.origin, signal)
    if (root._tag === "Ready") return { _tag: "PathSuffix", suffix: url.pathname, root: url.origin }
  }
  let response: Response
  try {
    response = await fetch(`${gateway}${gatewayPaths.info}`, {
      headers: { accept: "application/json" },
      cache: "no-store",
      signal: signal ?? null,
    })
  } catch {
    if (signal?.aborted) throw signal.reason
    return (await reachable(gateway, signal))
      ? { _tag: "OriginNotAllowed", origin: location.origin }
      : { _tag: "Unreachable" }
  }
  const body: unknown = await response.clone().json().catch(() => undefined)
  return response.ok && isInfo(body)
    ? { _tag: "Ready", info: body }
    : { _tag: "NotAGateway", what: whatAnswered(response) }
}

/** One sentence for a status that is not `Ready`, for the Gateway panel. */
export const describeGatewayStatus = (gateway: string, status: Exclude<GatewayStatus, { _tag: "Ready" }>): string => {
  switch (status._tag) {
    case "Unreachable":
      return `Nothing answers at ${gateway}: is the gateway running on that address and port?`
    case "OriginNotAllowed":
      return `The gateway at ${gateway} answers, but not to this site: add ${status.origin} to its allowed origins (--allow-origin).`
    case "NotAGateway":
      return `${gateway} is not an Intercom gateway: its ${gatewayPaths.info} is ${status.what}. Check the address and port.`
    case "PathSuffix":
      return `The gateway is at ${status.root}, without ${status.suffix}: it serves Intercom's paths from its root. Remove ${status.suffix} from the URL.`
  }
}

/** The short name of a status that is not `Ready`, for the response badge and the Send hint. */
export const gatewayStatusLabel = (status: Exclude<GatewayStatus, { _tag: "Ready" }>): string => {
  switch (status._tag) {
    case "Unreachable":
      return "nothing listening"
    case "OriginNotAllowed":
      return "origin not allowed"
    case "NotAGateway":
      return "not a gateway"
    case "PathSuffix":
      return "path suffix on the gateway URL"
  }
}
