/**
 * What the Try it island keeps in localStorage: the gateway URL, and a gateway session key (never the token). The
 * token's last four characters are kept only to tell the visitor which credentials the session holds.
 */
const gatewayKey = "intercom-docs:gateway"
const sessionKey = "intercom-docs:session"

/** @category models */
export interface StoredSession {
  readonly gateway: string
  readonly key: string
  readonly tokenHint: string
  readonly expiresAt: string | undefined
}

/** The page's localStorage, or `undefined` where it is blocked. */
export const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage
  } catch {
    return undefined // blocked storage (privacy mode): the island still works for this visit
  }
}

export const loadGateway = (): string => storage()?.getItem(gatewayKey) ?? ""

export const saveGateway = (url: string): void => {
  const s = storage()
  if (url.trim() === "") s?.removeItem(gatewayKey)
  else s?.setItem(gatewayKey, url.trim())
}

export const loadSession = (gateway: string): StoredSession | undefined => {
  try {
    const parsed = JSON.parse(storage()?.getItem(sessionKey) ?? "null") as StoredSession | null
    if (!parsed || parsed.gateway !== normalizeGateway(gateway)) return undefined
    if (parsed.expiresAt && Date.parse(parsed.expiresAt) <= Date.now()) return undefined
    return parsed
  } catch {
    return undefined
  }
}

export const saveSession = (session: StoredSession): void => storage()?.setItem(sessionKey, JSON.stringify(session))

export const forgetSession = (): void => storage()?.removeItem(sessionKey)

/** `http://127.0.0.1:8787/` and `http://127.0.0.1:8787` are the same gateway. */
export const normalizeGateway = (url: string): string => url.trim().replace(/\/+$/, "")

/** Whether the text is an http(s) URL the island can call. */
export const isGatewayUrl = (url: string): boolean => {
  try {
    const parsed = new URL(url.trim())
    return parsed.protocol === "http:" || parsed.protocol === "https:"
  } catch {
    return false
  }
}

/** `••••wxyz`: enough to recognize a token, never enough to use it. */
export const maskToken = (token: string): string => `••••${token.slice(-4)}`
