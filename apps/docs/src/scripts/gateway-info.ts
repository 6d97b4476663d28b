/**
 * What the Try it island knows about a gateway: its `GET /_gateway/info` answer (credentials mode, upstream), and,
 * when that cannot be read, why not. A browser sees every refused cross-origin request as the same network error,
 * so the reasons are told apart with requests the browser does not need CORS for (`no-cors`, `HEAD`).
 */
import { healthPath, infoPath, sessionsPath, type GatewayInfo } from "@utdk/intercom-gateway/Gateway"

/** The gateway's self-description (`GET /_gateway/info`). @category models */
export type { GatewayInfo }

/** Paths the gateway serves itself, beside the Intercom routes it forwards. @category constants */
export const gatewayPaths = { info: infoPath, sessions: sessionsPath, health: healthPath } as const

/** @category models */
export type GatewayStatus =
  | { readonly _tag: "Ready"; readonly info: GatewayInfo }
  /** Nothing answers at that address (not running, wrong port, DNS). */
  | { readonly _tag: "Unreachable" }
  /** Something answers, but not to this site's origin: the gateway's allowed origins do not list it. */
  | { readonly _tag: "OriginNotAllowed"; readonly origin: string }
  /** It answers this origin but has no info endpoint (an older gateway, or not a gateway at all). */
  | { readonly _tag: "NoInfo"; readonly status: number }

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

/** Reads `/_gateway/info`, or says why it cannot be read. */
export const gatewayStatus = async (gateway: string, signal?: AbortSignal): Promise<GatewayStatus> => {
  let response: Response
  try {
    response = await fetch(`${gateway}${gatewayPaths.info}`, { headers: { accept: "application/json" }, cache: "no-store", signal: signal ?? null })
  } catch {
    if (signal?.aborted) throw signal.reason
    return (await reachable(gateway, signal)) ? { _tag: "OriginNotAllowed", origin: location.origin } : { _tag: "Unreachable" }
  }
  const body: unknown = await response.json().catch(() => undefined)
  return response.ok && isInfo(body) ? { _tag: "Ready", info: body } : { _tag: "NoInfo", status: response.status }
}

/** One sentence for a status that is not `Ready`, for the Gateway panel. */
export const describeGatewayStatus = (gateway: string, status: Exclude<GatewayStatus, { _tag: "Ready" }>): string => {
  switch (status._tag) {
    case "Unreachable":
      return `Nothing answers at ${gateway}: is the gateway running on that address and port?`
    case "OriginNotAllowed":
      return `The gateway at ${gateway} answers, but not to this site: add ${status.origin} to its allowed origins (--allow-origin).`
    case "NoInfo":
      return `${gateway} does not describe itself (/_gateway/info answered ${status.status}): it may be an older gateway; sending may still work.`
  }
}
