/**
 * The Try it island of an operation page: credentials panel, gateway URL, a form generated from the operation's
 * schemas, live code snippets, and the response viewer. Vanilla DOM so the page ships little JavaScript; the SDK
 * itself is loaded on the first Send.
 */
import type { Json } from "../lib/schema-node.ts"
import { curlRefused, curlSnippet, effectSnippet, toArgs, typescriptSnippet, withPlaceholders, type RequestValues, type SnippetLanguage } from "../lib/snippet.ts"
import type { TryItOperation } from "../lib/try-it-data.ts"
import { bodyControl, buildControl, type Control } from "./form.ts"
import { mountCredentials } from "./credentials.ts"
import { mountTabs } from "./tabs.ts"

const $ = <T extends Element>(root: ParentNode, selector: string): T => {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`try-it: missing ${selector}`)
  return found
}

export const mount = (root: HTMLElement): void => {
  const op = JSON.parse($(root, "script[data-operation]").textContent ?? "{}") as TryItOperation

  // --- Gateway and credentials (credentials.ts) ---------------------------------------------------------------
  const send = $<HTMLButtonElement>(root, "[data-send]")
  const sendHint = $<HTMLElement>(root, "[data-send-hint]")
  const refreshSend = () => {
    const ok = gatewayOk()
    send.disabled = !ok
    sendHint.textContent = ok
      ? `Sends ${op.method} ${op.path} through ${gateway()}.`
      : gatewayInput.value.trim() === ""
        ? "Enter a gateway URL above to enable sending"
        : "Enter a gateway URL above to enable sending (an http:// or https:// URL)."
  }
  const gatewayInput = $<HTMLInputElement>(root, "[data-gateway]")
  const credentials = mountCredentials(root, () => refreshSend())
  const { gateway, gatewayOk } = credentials

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
  // The SDK's request builder arrives after first paint; until then curl keeps the page's first rendering.
  let sdk: { readonly module: typeof import("./sdk.ts"); readonly operation: import("@utdk/intercom-core").OperationDescriptor } | undefined
  const renderSnippets = () => {
    // Required arguments the form lacks show as typed placeholders, so the snippet always compiles.
    const shown = withPlaceholders(values(), op.placeholders)
    const text: Partial<Record<SnippetLanguage, string>> = { typescript: typescriptSnippet(op, shown), effect: effectSnippet(op, shown) }
    if (sdk) {
      const built = sdk.module.build(sdk.operation, toArgs(op, shown))
      text.curl = built.ok ? curlSnippet(built.request) : curlRefused(built.message)
    }
    for (const [lang, code] of codeBlocks) if (text[lang] !== undefined) code.textContent = text[lang]
  }
  void import("./sdk.ts").then(async (module) => {
    sdk = { module, operation: await module.loadOperation(op.name) }
    renderSnippets()
  })
  mountTabs($(root, "[role=tablist]"))
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
    const args = toArgs(op, current)
    const [{ send: sendCall }, { renderOutcome }] = await Promise.all([import("./send.ts"), import("./response-view.ts")])
    const outcome = await sendCall({ gateway: gateway(), session: credentials.session(), operation: op.name, args })
    send.textContent = "Send"
    refreshSend()
    response.hidden = false
    await renderOutcome(response, outcome, { gateway: gateway(), operation: op.name, info: credentials.info(), form, args })
    response.scrollIntoView({ block: "nearest" })
  })

  refreshSend()
  renderSnippets()
  root.dataset.ready = "true"
}
