/**
 * The Gateway and Credentials panels of the Try it island. The gateway's `/_gateway/info` decides what the visitor
 * sees: a gateway that holds its own token needs nothing (the token box is hidden); a session gateway takes a token
 * once and keeps only a session key in this browser.
 */
import {
  describeGatewayStatus,
  gatewayPaths,
  gatewayStatus,
  type GatewayInfo,
  type GatewayStatus,
} from "./gateway-info.ts"
import * as store from "./storage.ts"
import { gatewayHeaderNames } from "@utdk/intercom-core/GatewayProtocol"

/** What the rest of the island reads from the panels. @category models */
export interface Credentials {
  /** The normalized gateway URL (no trailing slash). */
  readonly gateway: () => string
  readonly gatewayOk: () => boolean
  /** The gateway's self-description, once read. */
  readonly info: () => GatewayInfo | undefined
  /** The session key to send, in session mode. */
  readonly session: () => string | undefined
  /** What the last check of the gateway found; `undefined` while it runs (or without a URL). */
  readonly status: () => GatewayStatus | undefined
  /** Checks the gateway again (after a Send that got no answer): the panel, the hint and Send follow. */
  readonly recheck: () => Promise<void>
}

/** Query parameter a link (the demo's) may carry to preset the gateway URL; the page stores it and drops it. */
export const gatewayParam = "gateway"

const $ = <T extends Element>(root: ParentNode, selector: string): T => {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`try-it: missing ${selector}`)
  return found
}

/** Takes `?gateway=` from the address bar into storage, and out of the address bar (it is not form state). */
const adoptGatewayParam = (): void => {
  const url = new URL(location.href)
  const given = url.searchParams.get(gatewayParam)
  if (given === null) return
  if (store.isGatewayUrl(given)) store.saveGateway(store.normalizeGateway(given))
  url.searchParams.delete(gatewayParam)
  history.replaceState(history.state, "", url)
}

export const mountCredentials = (root: HTMLElement, onChange: () => void): Credentials => {
  const gatewayInput = $<HTMLInputElement>(root, "[data-gateway]")
  const gatewayNote = $<HTMLElement>(root, "[data-gateway-note]")
  const panel = $<HTMLFormElement>(root, "[data-auth]")
  const lead = $<HTMLElement>(root, "[data-credentials-lead]")
  const sessionBox = $<HTMLElement>(root, "[data-session-box]")
  const tokenInput = $<HTMLInputElement>(root, "[data-token]")
  const connect = $<HTMLButtonElement>(root, "[data-connect]")
  const forget = $<HTMLButtonElement>(root, "[data-forget]")
  const sessionStatus = $<HTMLElement>(root, "[data-session-status]")

  const gateway = () => store.normalizeGateway(gatewayInput.value)
  const gatewayOk = () => store.isGatewayUrl(gatewayInput.value)
  let status: GatewayStatus | undefined
  let probing: AbortController | undefined

  const showSession = () => {
    const session = gatewayOk() ? store.loadSession(gateway()) : undefined
    sessionStatus.textContent = session
      ? `Session active for token ${session.tokenHint}${
        session.expiresAt ? ` until ${new Date(session.expiresAt).toLocaleTimeString()}` : ""
      }. Only the session key is stored in this browser.`
      : "No session yet: paste a token and start one."
    forget.disabled = session === undefined && tokenInput.value === ""
  }

  // "server" hides the token box, "session" shows it; anything else says what is wrong with the gateway.
  const render = () => {
    const mode = status?._tag === "Ready" ? status.info.credentials : "unknown"
    panel.dataset.mode = mode
    sessionBox.hidden = mode !== "session"
    if (!gatewayOk()) lead.textContent = "Enter a gateway URL: it tells this page how it handles credentials."
    else if (status === undefined) lead.textContent = `Asking ${gateway()} how it handles credentials…`
    else if (status._tag === "Ready") {
      const upstream = status.info.upstream === "stand-in"
        ? "a local stand-in for Intercom (canned example answers)"
        : "the real Intercom API"
      lead.textContent = status.info.credentials === "server"
        ? `This gateway holds the credentials: it adds its own Intercom token to every request, so there is nothing to enter here. It talks to ${upstream}.`
        : `This gateway uses your own Intercom access token: start a session with it below. It talks to ${upstream}.`
    } else lead.textContent = describeGatewayStatus(gateway(), status)
    showSession()
  }

  const probe = async () => {
    probing?.abort()
    status = undefined
    render()
    if (!gatewayOk()) return onChange()
    const controller = new AbortController()
    probing = controller
    try {
      status = await gatewayStatus(gateway(), controller.signal)
    } catch {
      return // superseded by a newer URL
    }
    render()
    onChange()
  }

  adoptGatewayParam()
  gatewayInput.value = store.loadGateway()
  let debounce: ReturnType<typeof setTimeout> | undefined
  gatewayInput.addEventListener("input", () => {
    store.saveGateway(gatewayInput.value)
    gatewayNote.textContent = gatewayInput.value.trim() === ""
      ? "Saved automatically to browser storage."
      : "Saved to browser storage."
    // The verdict on the previous URL no longer holds: Send waits for the check of this one.
    probing?.abort()
    status = undefined
    render()
    onChange()
    clearTimeout(debounce)
    debounce = setTimeout(() => void probe(), 250)
  })

  panel.addEventListener("submit", async (event) => {
    event.preventDefault()
    const token = tokenInput.value.trim()
    if (!gatewayOk()) {
      return void (sessionStatus.textContent = "Enter the gateway URL first: the token is exchanged there.")
    }
    if (token === "") return void (sessionStatus.textContent = "Paste an Intercom access token first.")
    connect.disabled = true
    sessionStatus.textContent = "Exchanging the token for a session key…"
    try {
      const response = await fetch(`${gateway()}${gatewayPaths.sessions}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ token }),
      })
      const body = (await response.json().catch(() => ({}))) as {
        session?: string
        expires_at?: string
        errors?: Array<{ message?: string }>
      }
      if (response.ok && typeof body.session === "string") {
        store.saveSession({
          gateway: gateway(),
          key: body.session,
          tokenHint: store.maskToken(token),
          expiresAt: body.expires_at,
        })
        tokenInput.value = ""
        tokenInput.placeholder = `${store.maskToken(token)} (exchanged; not stored)`
        showSession()
      } else if (response.status === 404 || response.status === 405) {
        sessionStatus.textContent =
          "This gateway does not offer sessions: it adds its own credentials, so none are needed."
      } else {
        sessionStatus.textContent = `The gateway refused the token (${response.status}): ${
          body.errors?.[0]?.message ?? response.statusText
        }`
      }
    } catch {
      // The browser hides why; ask in ways it does not hide (see gateway-info.ts).
      const now = await gatewayStatus(gateway())
      sessionStatus.textContent = now._tag === "Ready" && now.info.credentials === "server"
        ? "This gateway does not offer sessions: it adds its own credentials, so none are needed."
        : now._tag === "Ready"
        ? "The gateway refused to start a session from this page (its preflight for /_gateway/sessions was denied)."
        : describeGatewayStatus(gateway(), now)
    } finally {
      connect.disabled = false
    }
  })

  forget.addEventListener("click", () => {
    const session = store.loadSession(gateway())
    if (session) {
      // Revoke server-side too; the local copy is gone either way.
      void fetch(`${session.gateway}${gatewayPaths.sessions}`, {
        method: "DELETE",
        headers: { [gatewayHeaderNames.session]: session.key },
      }).catch(
        () => undefined,
      )
    }
    store.forgetSession()
    tokenInput.value = ""
    tokenInput.placeholder = "Intercom access token"
    showSession()
  })
  tokenInput.addEventListener("input", showSession)

  render()
  // After mount returns: the island wires its Send button to what this returns.
  queueMicrotask(() => void probe())
  return {
    gateway,
    gatewayOk,
    info: () => (status?._tag === "Ready" ? status.info : undefined),
    session: () => (gatewayOk() ? store.loadSession(gateway())?.key : undefined),
    status: () => status,
    recheck: probe,
  }
}
