/**
 * The Try it island of an operation page: credentials panel, gateway URL, a form generated from the operation's
 * schemas, live code snippets, and the response viewer. Vanilla DOM so the page ships little JavaScript; the SDK
 * itself is loaded on the first Send.
 */
import type { Json } from "../lib/schema-node.ts"
import { snippets, toArgs, type RequestValues, type SnippetLanguage } from "../lib/snippet.ts"
import type { TryItOperation } from "../lib/try-it-data.ts"
import { describeError } from "./errors.ts"
import { bodyControl, buildControl, type Control } from "./form.ts"
import * as store from "./storage.ts"

const sessionsPath = "/_gateway/sessions"

const $ = <T extends Element>(root: ParentNode, selector: string): T => {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`try-it: missing ${selector}`)
  return found
}

export const mount = (root: HTMLElement): void => {
  const op = JSON.parse($(root, "script[data-operation]").textContent ?? "{}") as TryItOperation

  // --- Gateway and credentials -------------------------------------------------------------------------------
  const gatewayInput = $<HTMLInputElement>(root, "[data-gateway]")
  const gatewayNote = $<HTMLElement>(root, "[data-gateway-note]")
  const tokenInput = $<HTMLInputElement>(root, "[data-token]")
  const connect = $<HTMLButtonElement>(root, "[data-connect]")
  const forget = $<HTMLButtonElement>(root, "[data-forget]")
  const sessionStatus = $<HTMLElement>(root, "[data-session-status]")
  const send = $<HTMLButtonElement>(root, "[data-send]")
  const sendHint = $<HTMLElement>(root, "[data-send-hint]")

  const gateway = () => store.normalizeGateway(gatewayInput.value)
  const gatewayOk = () => store.isGatewayUrl(gatewayInput.value)

  const showSession = () => {
    const session = gatewayOk() ? store.loadSession(gateway()) : undefined
    sessionStatus.textContent = session
      ? `Session active for token ${session.tokenHint}${session.expiresAt ? ` until ${new Date(session.expiresAt).toLocaleTimeString()}` : ""}. Only the session key is stored in this browser.`
      : "No session: the gateway uses its own credentials, if it has any."
    forget.disabled = session === undefined && tokenInput.value === ""
  }

  const refreshSend = () => {
    const ok = gatewayOk()
    send.disabled = !ok
    sendHint.textContent = ok
      ? `Sends ${op.method} ${op.path} through ${gateway()}.`
      : gatewayInput.value.trim() === ""
        ? "Enter a gateway URL above to enable sending"
        : "Enter a gateway URL above to enable sending (an http:// or https:// URL)."
  }

  gatewayInput.value = store.loadGateway()
  gatewayInput.addEventListener("input", () => {
    store.saveGateway(gatewayInput.value)
    gatewayNote.textContent = gatewayInput.value.trim() === "" ? "Saved automatically to browser storage." : "Saved to browser storage."
    refreshSend()
    showSession()
  })

  $<HTMLFormElement>(root, "[data-auth]").addEventListener("submit", async (event) => {
    event.preventDefault()
    const token = tokenInput.value.trim()
    if (!gatewayOk()) return void (sessionStatus.textContent = "Enter the gateway URL first: the token is exchanged there.")
    if (token === "") return void (sessionStatus.textContent = "Paste an Intercom access token first.")
    connect.disabled = true
    sessionStatus.textContent = "Exchanging the token for a session key…"
    try {
      const response = await fetch(`${gateway()}${sessionsPath}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ token }),
      })
      const body = (await response.json().catch(() => ({}))) as { session?: string; expires_at?: string; errors?: Array<{ message?: string }> }
      if (response.ok && typeof body.session === "string") {
        store.saveSession({ gateway: gateway(), key: body.session, tokenHint: store.maskToken(token), expiresAt: body.expires_at })
        tokenInput.value = ""
        tokenInput.placeholder = `${store.maskToken(token)} (exchanged; not stored)`
        showSession()
      } else if (response.status === 404) {
        sessionStatus.textContent = "This gateway does not issue sessions: it injects its own credentials, so none are needed."
      } else {
        sessionStatus.textContent = `The gateway refused the token (${response.status}): ${body.errors?.[0]?.message ?? response.statusText}`
      }
    } catch {
      sessionStatus.textContent = "Could not reach the gateway: is it running, and does it allow this site's origin?"
    } finally {
      connect.disabled = false
    }
  })

  forget.addEventListener("click", () => {
    const session = store.loadSession(gateway())
    if (session) {
      // Revoke server-side too; the local copy is gone either way.
      void fetch(`${session.gateway}${sessionsPath}`, { method: "DELETE", headers: { "x-gateway-session": session.key } }).catch(() => undefined)
    }
    store.forgetSession()
    tokenInput.value = ""
    tokenInput.placeholder = "Intercom access token"
    showSession()
  })
  tokenInput.addEventListener("input", showSession)

  // --- Form ----------------------------------------------------------------------------------------------------
  const form = $<HTMLFormElement>(root, "[data-form]")
  const controls: Array<{ in: "header" | "path" | "query"; name: string; control: Control }> = []
  let body: Control | undefined
  const onChange = () => renderSnippets()
  for (const p of op.parameters) {
    const control = buildControl({
      path: `${p.in}.${p.name}`,
      label: p.name,
      required: p.required,
      schema: p.schema,
      placeholder: p.example !== undefined ? `e.g. ${String(p.example)}` : undefined,
      onChange,
    })
    $(form, `[data-location="${p.in}"]`).append(control.element)
    controls.push({ in: p.in, name: p.name, control })
  }
  if (op.body) {
    body = bodyControl(op.body.schema, op.body.required, onChange)
    $(form, "[data-location=body]").append(body.element)
  }
  for (const fieldset of form.querySelectorAll<HTMLElement>("[data-location]")) {
    fieldset.hidden = fieldset.querySelector(".field") === null
  }

  const values = (): RequestValues => {
    const by = { header: {} as Record<string, Json>, path: {} as Record<string, Json>, query: {} as Record<string, Json> }
    for (const c of controls) {
      const v = c.control.read()
      if (v !== undefined) by[c.in][c.name] = v
    }
    return { ...by, body: body?.read() }
  }

  // --- Snippets ------------------------------------------------------------------------------------------------
  const codeBlocks = new Map<SnippetLanguage, HTMLElement>()
  for (const code of root.querySelectorAll<HTMLElement>("[data-snippet]")) codeBlocks.set(code.dataset.snippet as SnippetLanguage, code)
  const renderSnippets = () => {
    const all = snippets(op, values())
    for (const [lang, code] of codeBlocks) code.textContent = all[lang]
  }
  for (const tab of root.querySelectorAll<HTMLButtonElement>("[data-snippet-tab]")) {
    tab.addEventListener("click", () => {
      for (const other of root.querySelectorAll<HTMLButtonElement>("[data-snippet-tab]")) {
        const selected = other === tab
        other.setAttribute("aria-selected", String(selected))
        other.tabIndex = selected ? 0 : -1
        $(root, `#${other.getAttribute("aria-controls")}`).toggleAttribute("hidden", !selected)
      }
    })
  }
  const copy = $<HTMLButtonElement>(root, "[data-copy]")
  copy.addEventListener("click", async () => {
    const visible = [...codeBlocks.values()].find((c) => !c.closest("[hidden]"))
    try {
      await navigator.clipboard.writeText(visible?.textContent ?? "")
      copy.textContent = "Copied"
    } catch {
      copy.textContent = "Copy failed"
    }
    setTimeout(() => (copy.textContent = "Copy"), 1500)
  })

  // --- Send and show the response ------------------------------------------------------------------------------
  const response = $<HTMLElement>(root, "[data-response]")
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    if (!gatewayOk()) return
    const valid = [...controls.map((c) => c.control), ...(body ? [body] : [])].map((c) => c.validate(true)).every(Boolean)
    if (!valid) {
      sendHint.textContent = "Fix the fields marked above, then send again."
      form.querySelector<HTMLElement>(".field--invalid input, .field--invalid select")?.focus()
      return
    }
    const current = values()
    send.disabled = true
    send.textContent = "Sending…"
    const { send: sendCall } = await import("./send.ts")
    const outcome = await sendCall({
      gateway: gateway(),
      session: store.loadSession(gateway())?.key,
      operation: op.name,
      args: toArgs(op, current),
    })
    send.textContent = "Send"
    refreshSend()
    const { renderJson } = await import("./json-view.ts")
    response.hidden = false
    $(response, "[data-status]").textContent = outcome.status === undefined ? "no response" : String(outcome.status)
    $(response, "[data-status]").className = `status status--${outcome.status === undefined ? "server" : outcome.status < 300 ? "ok" : outcome.status < 500 ? "client" : "server"}`
    $(response, "[data-time]").textContent = `${Math.round(outcome.durationMs)} ms`
    const errorBox = $<HTMLElement>(response, "[data-error]")
    errorBox.hidden = outcome.error === undefined
    errorBox.textContent = outcome.error ? `${describeError(outcome.error.tag)} (${outcome.error.tag}) ${outcome.error.message}` : ""
    const headerList = $<HTMLElement>(response, "[data-headers]")
    headerList.replaceChildren(
      ...outcome.headers.flatMap(([k, v]) => {
        const dt = document.createElement("dt")
        dt.textContent = k
        const dd = document.createElement("dd")
        dd.textContent = v
        return [dt, dd]
      }),
    )
    $(response, "[data-header-count]").textContent = String(outcome.headers.length)
    const bodyView = $<HTMLElement>(response, "[data-body]")
    if (outcome.body === undefined || outcome.body === "") bodyView.textContent = "(no body)"
    else renderJson(bodyView, outcome.body)
    response.scrollIntoView({ block: "nearest" })
  })

  refreshSend()
  showSession()
  renderSnippets()
  root.dataset.ready = "true"
}
