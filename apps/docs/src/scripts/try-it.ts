/**
 * The Try it island of an operation page: credentials panel, gateway URL, a form generated from the operation's
 * schemas, live code snippets, and the response viewer. Vanilla DOM so the page ships little JavaScript; the SDK
 * itself is loaded on the first Send.
 */
import type { Json } from "../lib/schema-node.ts"
import { curlRefused, curlSnippet, effectSnippet, fromArgs, toArgs, typescriptSnippet, withPlaceholders, type RequestValues, type SnippetLanguage } from "../lib/snippet.ts"
import type { TryItOperation } from "../lib/try-it-data.ts"
import { bodyControl, buildControl, type Control } from "./form.ts"
import { mountCredentials } from "./credentials.ts"
import { mountTabs } from "./tabs.ts"
import { requestText, showIssues, type Issue } from "./checks.ts"
import * as share from "./share.ts"

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
  // Why Send is off besides the gateway: the JSON editor's syntax, or the SDK's own verdict on the arguments.
  let problem: string | undefined
  const refreshSend = () => {
    const ok = gatewayOk()
    send.disabled = !ok || problem !== undefined
    sendHint.textContent = !ok
      ? gatewayInput.value.trim() === ""
        ? "Enter a gateway URL above to enable sending"
        : "Enter a gateway URL above to enable sending (an http:// or https:// URL)."
      : problem !== undefined
        ? `Send is off until this is fixed: ${problem}`
        : `Sends ${op.method} ${op.path} through ${gateway()}.`
  }
  const gatewayInput = $<HTMLInputElement>(root, "[data-gateway]")
  const credentials = mountCredentials(root, () => refreshSend())
  const { gateway, gatewayOk } = credentials

  // --- Form ----------------------------------------------------------------------------------------------------
  const form = $<HTMLFormElement>(root, "[data-form]")
  const controls: Array<{ in: "header" | "path" | "query"; name: string; control: Control }> = []
  let body: Control | undefined
  // Set once the visitor edits (or loads an example or a link): from then on, missing values are flagged at fields.
  let dirty = false
  // The body as last given whole (JSON editor, example, link, next page): kept exactly, even keys the form lacks,
  // until a form field changes.
  let bodyOverride: Json | undefined
  const onChange = () => {
    bodyOverride = undefined
    refresh()
  }
  form.addEventListener("input", () => void (dirty = true), { capture: true })
  form.addEventListener("change", () => void (dirty = true), { capture: true })
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
    return { ...by, body: bodyOverride ?? body?.read() }
  }

  /** Shows a whole form state (example, link, history entry, next page) in the form. */
  const writeAll = (state: RequestValues) => {
    for (const c of controls) c.control.write(state[c.in][c.name])
    body?.write(state.body)
    bodyOverride = state.body
    dirty = true
    // A whole new body replaces whatever was typed in the JSON editor.
    jsonProblem = undefined
    if (jsonError) jsonError.hidden = true
    refresh()
  }

  // --- Snippets ------------------------------------------------------------------------------------------------
  const codeBlocks = new Map<SnippetLanguage, HTMLElement>()
  for (const code of root.querySelectorAll<HTMLElement>("[data-snippet]")) codeBlocks.set(code.dataset.snippet as SnippetLanguage, code)
  // The SDK's request builder arrives after first paint; until then curl keeps the page's first rendering.
  let sdk: { readonly module: typeof import("./sdk.ts"); readonly operation: import("@utdk/intercom-core").OperationDescriptor } | undefined
  const renderSnippets = (current: RequestValues) => {
    // Required arguments the form lacks show as typed placeholders, so the snippet always compiles.
    const shown = withPlaceholders(current, op.placeholders)
    const text: Partial<Record<SnippetLanguage, string>> = { typescript: typescriptSnippet(op, shown), effect: effectSnippet(op, shown) }
    if (sdk) {
      const built = sdk.module.build(sdk.operation, toArgs(op, shown))
      text.curl = built.ok ? curlSnippet(built.request) : curlRefused(built.message)
    }
    for (const [lang, code] of codeBlocks) if (text[lang] !== undefined) code.textContent = text[lang]
  }
  void import("./sdk.ts").then(async (module) => {
    sdk = { module, operation: await module.loadOperation(op.name) }
    refresh()
    renderHistory(share.loadHistory(op.name))
    root.dataset.sdk = "ready"
  })

  // --- The SDK's verdict, the request preview, the JSON editor, the link ------------------------------------
  const preview = $<HTMLElement>(root, "[data-request]")
  const jsonEditor = root.querySelector<HTMLTextAreaElement>("[data-json-body]")
  const jsonError = root.querySelector<HTMLElement>("[data-json-error]")
  let jsonProblem: string | undefined
  const refresh = (updateEditor = true) => {
    const current = values()
    renderSnippets(current)
    if (updateEditor && jsonEditor) jsonEditor.value = current.body === undefined ? "" : JSON.stringify(current.body, null, 2)
    share.syncUrl(current)
    let issues: ReadonlyArray<Issue> = []
    if (sdk) {
      const built = sdk.module.build(sdk.operation, toArgs(op, current), gatewayOk() ? gateway() : undefined)
      if (built.ok) preview.textContent = requestText(built.request)
      else {
        issues = built.issues.length > 0 ? built.issues : [{ path: "", message: built.message }]
        preview.textContent = `Not sent as it is: the SDK refuses these arguments.\n${issues.map((i) => `- ${i.path ? `${i.path.replace(/^\$\.?/, "")}: ` : ""}${i.message}`).join("\n")}`
      }
      showIssues(form, op, issues, !dirty)
    }
    const first = issues[0]
    problem =
      jsonProblem ??
      (first && `${first.path.replace(/^\$\.?/, "") || "arguments"}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}`)
    refreshSend()
  }
  jsonEditor?.addEventListener("input", () => {
    const text = jsonEditor.value.trim()
    jsonProblem = undefined
    try {
      const parsed = text === "" ? undefined : (JSON.parse(text) as Json)
      body?.write(parsed)
      bodyOverride = parsed
    } catch (error) {
      jsonProblem = `the body is not valid JSON (${(error as Error).message})`
    }
    if (jsonError) {
      jsonError.hidden = jsonProblem === undefined
      jsonError.textContent = jsonProblem ? `Not sent: ${jsonProblem}.` : ""
    }
    refresh(false)
  })
  for (const button of root.querySelectorAll<HTMLButtonElement>("[data-use-example]")) {
    button.addEventListener("click", () => {
      const example = op.body?.examples[Number(button.dataset.useExample)]
      if (example) writeAll({ ...values(), body: example.value })
    })
  }
  const shareButton = $<HTMLButtonElement>(root, "[data-share]")
  shareButton.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(share.urlFor(values()))
      shareButton.textContent = "Link copied"
    } catch {
      shareButton.textContent = "Copy failed"
    }
    setTimeout(() => (shareButton.textContent = "Copy link"), 1500)
  })

  // --- History of sent requests ----------------------------------------------------------------------------------
  const historyBox = $<HTMLElement>(root, "[data-history]")
  const historyList = $<HTMLOListElement>(root, "[data-history-list]")
  const renderHistory = (entries: ReadonlyArray<share.HistoryEntry>) => {
    historyBox.hidden = entries.length === 0
    historyList.replaceChildren(
      ...entries.map((entry) => {
        const button = document.createElement("button")
        button.type = "button"
        button.className = "history-entry"
        button.dataset.historyEntry = ""
        const url = sdk?.module.build(sdk.operation, toArgs(op, entry.values))
        const where = url?.ok ? new URL(url.request.url).pathname + new URL(url.request.url).search : op.path
        button.textContent = `${new Date(entry.at).toLocaleTimeString()} · ${entry.status ?? "no response"} · ${op.method} ${where}`
        button.title = "Load this request into the form"
        button.addEventListener("click", () => writeAll(entry.values))
        const item = document.createElement("li")
        item.append(button)
        return item
      }),
    )
  }
  $<HTMLButtonElement>(root, "[data-clear-history]").addEventListener("click", () => {
    share.clearHistory(op.name)
    renderHistory([])
  })
  renderHistory(share.loadHistory(op.name))
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
  const nextButton = root.querySelector<HTMLButtonElement>("[data-next-page]")
  let next: RequestValues | undefined
  nextButton?.addEventListener("click", () => {
    if (!next) return
    writeAll(next)
    form.requestSubmit()
  })
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    dirty = true
    refresh()
    if (!gatewayOk() || problem !== undefined) return
    // A DELETE against the real Intercom cannot be taken back.
    if (op.method === "DELETE" && credentials.info()?.upstream === "intercom") {
      if (!confirm(`This sends ${op.method} ${op.path} to the real Intercom workspace behind ${gateway()}. It cannot be undone. Send it?`)) return
    }
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
    if (outcome.failure?._tag !== "NotSent") renderHistory(share.addHistory(op.name, current, outcome.status))
    // The next page as the SDK's paginator would ask for it (cursor, page number, scroll or search cursor).
    const nextArgs = sdk && outcome.status !== undefined && outcome.status < 300 ? sdk.module.nextArgs(sdk.operation, args, outcome.body) : undefined
    next = nextArgs && fromArgs(op, nextArgs as Record<string, Json>)
    if (nextButton) nextButton.hidden = next === undefined
    response.scrollIntoView({ block: "nearest" })
  })

  // A shared link (`?try=`) fills the form.
  const shared = share.readState()
  if (shared) writeAll(shared)
  else refresh()
  root.dataset.ready = "true"
}
