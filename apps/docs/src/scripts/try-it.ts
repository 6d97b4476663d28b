/**
 * The Try it island of an operation page: credentials panel, gateway URL, a form generated from the operation's
 * schemas, live code snippets, and the response viewer. Vanilla DOM so the page ships little JavaScript; the SDK
 * itself is loaded on the first input in the island (focus, pointer, typing) or Send, not with the page.
 */
import type { Json } from "../lib/schema-node.ts"
import {
  curlRefused,
  curlSnippet,
  effectSnippet,
  fromArgs,
  toArgs,
  typescriptSnippet,
  withPlaceholders,
  type Extras,
  type RequestValues,
  type SnippetLanguage,
} from "../lib/snippet.ts"
import type { TryItOperation } from "../lib/try-it-data.ts"
import { bodyControl, buildControl, type Control } from "./form.ts"
import { mountCredentials } from "./credentials.ts"
import { describeGatewayStatus, gatewayStatusLabel } from "./gateway-info.ts"
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
  const realMark = $<HTMLElement>(root, "[data-real-mark]")
  // One verdict on the gateway (credentials.ts checks it) drives Send, its hint and the response's badge alike.
  const refreshSend = () => {
    const ok = gatewayOk()
    const status = ok ? credentials.status() : undefined
    const down = status && status._tag !== "Ready" ? status : undefined
    root.dataset.gatewayStatus = !ok ? "none" : (status?._tag ?? "checking")
    send.disabled = !ok || status === undefined || down !== undefined || problem !== undefined
    realMark.hidden = !(status?._tag === "Ready" && status.info.upstream === "intercom")
    sendHint.textContent = !ok
      ? gatewayInput.value.trim() === ""
        ? "Enter a gateway URL above to enable sending"
        : "Enter a gateway URL above to enable sending (an http:// or https:// URL)."
      : status === undefined
      ? `Checking the gateway at ${gateway()}…`
      : down !== undefined
      ? `Send is off (${gatewayStatusLabel(down)}): ${describeGatewayStatus(gateway(), down)}`
      : problem !== undefined
      ? `Send is off until this is fixed: ${problem}`
      : `Sends ${op.method} ${op.path} through ${gateway()}${
        realMark.hidden ? "" : ", to the real Intercom (asks first)"
      }.`
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
    const by = {
      header: {} as Record<string, Json>,
      path: {} as Record<string, Json>,
      query: {} as Record<string, Json>,
    }
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
  for (const code of root.querySelectorAll<HTMLElement>("[data-snippet]")) {
    codeBlocks.set(code.dataset.snippet as SnippetLanguage, code)
  }
  // The SDK's request builder arrives on first use (see loadSdk); until then curl keeps the page's first rendering.
  let sdk: {
    readonly module: typeof import("./sdk.ts")
    readonly operation: import("@utdk/intercom-core").OperationDescriptor
  } | undefined
  const renderSnippets = (current: RequestValues) => {
    // Required arguments the form lacks show as typed placeholders, so the snippet always compiles.
    const shown = withPlaceholders(current, op.placeholders)
    const text: Partial<Record<SnippetLanguage, string>> = {
      typescript: typescriptSnippet(op, shown, extras),
      effect: effectSnippet(op, shown, extras),
    }
    if (sdk) {
      const built = sdk.module.build(sdk.operation, toArgs(op, shown), undefined, op.version)
      text.curl = built.ok ? curlSnippet(built.request) : curlRefused(built.message)
    }
    for (const [lang, code] of codeBlocks) if (text[lang] !== undefined) code.textContent = text[lang]
  }
  // The SDK (its request builder and the operation's models) loads on the first sign of use, not with the page.
  let sdkLoading: Promise<void> | undefined
  const loadSdk = (): Promise<void> => (sdkLoading ??= import("./sdk.ts").then(async (module) => {
    sdk = { module, operation: await module.loadOperation(op.name, op.version) }
    refresh(false)
    renderHistory(share.loadHistory(op.name))
    root.dataset.sdk = "ready"
  }))
  for (const type of ["focusin", "pointerdown", "input"]) {
    root.addEventListener(type, () => void loadSdk(), { capture: true, once: true })
  }

  // --- The SDK's verdict, the request preview, the JSON editor, the link ------------------------------------
  const preview = $<HTMLElement>(root, "[data-request]")
  const jsonEditor = root.querySelector<HTMLTextAreaElement>("[data-json-body]")
  const jsonError = root.querySelector<HTMLElement>("[data-json-error]")
  let jsonProblem: string | undefined
  // Fields the API description does not list, sent with the SDK's own `extraBody` / `extraQuery` options.
  const extraEditor = root.querySelector<HTMLTextAreaElement>("[data-json-extra]")
  const extraError = root.querySelector<HTMLElement>("[data-json-extra-error]")
  let extras: Extras = {}
  let extraProblem: string | undefined
  let previewRun = 0
  const refresh = (updateEditor = true) => {
    const current = values()
    renderSnippets(current)
    if (updateEditor && jsonEditor) {
      jsonEditor.value = current.body === undefined
        ? ""
        : JSON.stringify(current.body, null, 2)
    }
    share.syncUrl(current)
    let issues: ReadonlyArray<Issue> = []
    if (sdk) {
      const built = sdk.module.build(
        sdk.operation,
        toArgs(op, current),
        gatewayOk() ? gateway() : undefined,
        op.version,
      )
      if (built.ok && (extras.extraBody !== undefined || extras.extraQuery !== undefined)) {
        // Extra fields are the SDK's call options: the preview and curl come from a dry run of the SDK itself.
        const run = ++previewRun
        void sdk.module.dryRun(
          sdk.operation,
          toArgs(op, current),
          extras,
          gatewayOk() ? gateway() : undefined,
          op.version,
        ).then(
          (dry) => {
            if (run !== previewRun) return
            preview.textContent = dry.ok ? requestText(dry.request) : `Not sent as it is: ${dry.message}`
            const curl = codeBlocks.get("curl")
            if (curl) curl.textContent = dry.ok ? curlSnippet(dry.request) : curlRefused(dry.message)
          },
        )
      } else if (built.ok) preview.textContent = requestText(built.request)
      else {
        issues = built.issues.length > 0 ? built.issues : [{ path: "", message: built.message }]
        preview.textContent = `Not sent as it is: the SDK refuses these arguments.\n${
          issues.map((i) => `- ${i.path ? `${i.path.replace(/^\$\.?/, "")}: ` : ""}${i.message}`).join("\n")
        }`
      }
      showIssues(form, op, issues, !dirty)
    }
    const first = issues[0]
    problem = jsonProblem ??
      extraProblem ??
      (first &&
        `${first.path.replace(/^\$\.?/, "") || "arguments"}: ${first.message}${
          issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""
        }`)
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
  extraEditor?.addEventListener("input", () => {
    extraProblem = undefined
    extras = {}
    const text = extraEditor.value.trim()
    try {
      const parsed = text === "" ? {} : (JSON.parse(text) as Json)
      const record = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
        ? (parsed as { readonly [key: string]: Json })
        : undefined
      const unknown = record && Object.keys(record).filter((k) => k !== "extraBody" && k !== "extraQuery")
      if (!record || unknown!.length > 0) {
        extraProblem = `extra fields: give an object with extraBody and/or extraQuery${
          unknown?.length ? ` (not ${unknown.join(", ")})` : ""
        }`
      } else {
        for (const key of ["extraBody", "extraQuery"] as const) {
          const v = record[key]
          if (v === undefined) continue
          if (v === null || typeof v !== "object" || Array.isArray(v)) {
            extraProblem = `extra fields: ${key} must be an object`
          } else extras = { ...extras, [key]: v }
        }
      }
    } catch (error) {
      extraProblem = `the extra fields are not valid JSON (${(error as Error).message})`
    }
    if (extraError) {
      extraError.hidden = extraProblem === undefined
      extraError.textContent = extraProblem ? `Not sent: ${extraProblem}.` : ""
    }
    refresh(false)
  })
  for (const button of root.querySelectorAll<HTMLButtonElement>("[data-use-example]")) {
    button.addEventListener("click", () => {
      const example = op.body?.examples[Number(button.dataset.useExample)]
      if (example) writeAll({ ...values(), body: example.value })
    })
  }
  root.querySelector("[data-use-built]")?.addEventListener("click", () => {
    if (op.body?.built !== undefined) writeAll({ ...values(), body: op.body.built })
  })
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
        const url = sdk?.module.build(sdk.operation, toArgs(op, entry.values), undefined, op.version)
        const where = url?.ok ? new URL(url.request.url).pathname + new URL(url.request.url).search : op.path
        button.textContent = `${new Date(entry.at).toLocaleTimeString()} · ${
          entry.status ?? "no response"
        } · ${op.method} ${where}`
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
  const dialog = $<HTMLDialogElement>(root, "[data-confirm]")
  /** Asks in the page's own dialog before a write goes to the real Intercom; resolves whether to send. */
  const confirmWrite = (method: string, url: string): Promise<boolean> =>
    new Promise((done) => {
      const methodBadge = $<HTMLElement>(dialog, "[data-confirm-method]")
      methodBadge.textContent = method
      methodBadge.className = `method method--${method.toLowerCase()}`
      $(dialog, "[data-confirm-url]").textContent = url
      dialog.returnValue = ""
      dialog.addEventListener("close", () => done(dialog.returnValue === "send"), { once: true })
      dialog.showModal()
    })
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    dirty = true
    await loadSdk()
    refresh()
    if (send.disabled) return
    // A body given whole (example, JSON editor, link) is the SDK's to judge: the form only mirrors what it can show.
    const checked = [...controls.map((c) => c.control), ...(body && bodyOverride === undefined ? [body] : [])]
    const valid = checked.map((c) => c.validate(true)).every(Boolean)
    if (!valid) {
      sendHint.textContent = "Fix the fields marked above, then send again."
      form.querySelector<HTMLElement>(".field--invalid input, .field--invalid select")?.focus()
      return
    }
    const current = values()
    const args = toArgs(op, current)
    // A write to the real Intercom changes a workspace: the method and the very URL are confirmed first.
    if (op.method !== "GET" && op.method !== "HEAD" && credentials.info()?.upstream === "intercom") {
      const dry = await sdk!.module.dryRun(sdk!.operation, args, extras, gateway(), op.version)
      if (!(await confirmWrite(op.method, dry.ok ? dry.request.url : `${gateway()}${op.path}`))) {
        sendHint.textContent = "Not sent: cancelled in the confirmation."
        send.focus()
        return
      }
    }
    send.disabled = true
    send.textContent = "Sending…"
    const [{ send: sendCall }, { renderOutcome }] = await Promise.all([
      import("./send.ts"),
      import("./response-view.ts"),
    ])
    const outcome = await sendCall({
      gateway: gateway(),
      session: credentials.session(),
      operation: op.name,
      args,
      extras,
      version: op.version,
    })
    // No answer: the gateway is checked again, so the panel, Send and the response tell the same story.
    const noAnswer = outcome.status === undefined && outcome.failure?._tag !== "NotSent" &&
      outcome.failure?._tag !== "Redirect"
    if (noAnswer) await credentials.recheck()
    send.textContent = "Send"
    refreshSend()
    response.hidden = false
    const diagnosis = await renderOutcome(response, outcome, {
      gateway: gateway(),
      operation: op.name,
      info: credentials.info(),
      form,
      args,
      gatewayStatus: credentials.status(),
    })
    if (diagnosis.kind !== "ok" && !send.disabled) {
      sendHint.textContent = `Last answer: ${diagnosis.label}. ${sendHint.textContent}`
    }
    if (outcome.failure?._tag !== "NotSent") renderHistory(share.addHistory(op.name, current, outcome.status))
    // The next page as the SDK's paginator would ask for it (cursor, page number, scroll or search cursor).
    const nextArgs = sdk && outcome.status !== undefined && outcome.status < 300
      ? sdk.module.nextArgs(sdk.operation, args, outcome.body)
      : undefined
    next = nextArgs && fromArgs(op, nextArgs as Record<string, Json>)
    if (nextButton) nextButton.hidden = next === undefined
    response.scrollIntoView({ block: "nearest" })
  })

  // A shared link (`?try=`) fills the form.
  const shared = share.readState()
  if (shared) {
    writeAll(shared)
    void loadSdk()
  } else refresh()
  root.dataset.ready = "true"
}
