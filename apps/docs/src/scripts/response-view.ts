/**
 * The response viewer: status, timing, headers and the JSON tree; what went wrong in words (four different ways of
 * getting no answer are four different messages); a 422's violations next to the fields they name; the SDK's
 * error class with code that handles it; the fields that did not match the SDK's model; and a label on answers
 * that come from a local stand-in rather than Intercom. Loaded with the SDK on the first Send.
 */
import { effectErrorSnippet, promiseErrorSnippet } from "../lib/error-snippet.ts"
import type { Json } from "../lib/schema-node.ts"
import { describeError } from "./errors.ts"
import { describeGatewayStatus, gatewayStatusLabel, type GatewayInfo, type GatewayStatus } from "./gateway-info.ts"
import { gatewayHeaderNames } from "@utdk/intercom-core/GatewayProtocol"
import type { Failure, SendOutcome } from "./send.ts"

/** One reason a request was refused, and the form field it names (`body.title`), when it names one. @category models */
export interface Violation {
  readonly field: string | undefined
  readonly message: string
}

const $ = <T extends Element>(root: ParentNode, selector: string): T => {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`try-it: missing ${selector}`)
  return found
}

const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  ...children: Array<Node | string>
) => {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  el.append(...children)
  return el
}

/** The sentence for a failure that left no answer to show (or an answer from the gateway, not Intercom). */
export const describeFailure = (
  failure: Failure,
  context: { readonly gateway: string; readonly operation: string },
): string => {
  switch (failure._tag) {
    case "NotSent":
      return "Not sent: the SDK refused these arguments before sending anything."
    case "Unreachable":
      return `No response: nothing answers at ${context.gateway}. Is the gateway running on that address and port?`
    case "OriginNotAllowed":
      return `No response: the gateway at ${context.gateway} does not allow this site's origin (${location.origin}); add it to the gateway's allowed origins.`
    case "GatewayRefused":
      return `Refused by the gateway (${failure.status} ${failure.code})${
        failure.message ? `: ${failure.message}` : "."
      } The request did not reach Intercom.`
    case "Redirect":
      return `Redirect: Intercom answered ${context.operation} with a redirect (to a file elsewhere). A web page may not read a redirect to another site; the SDK on a server returns it, with its Location header.`
    case "Timeout":
      return "No answer in time: the gateway or Intercom took too long."
  }
}

/** One diagnosis of an answer (or of its absence): the badge's words and the sentence, the same everywhere. */
export interface Diagnosis {
  /** `ok`, `not-sent`, a gateway status (`Unreachable`…), `GatewayRefused`, `StandInRefused`, `IntercomRefused`… */
  readonly kind: string
  /** Short words beside the status (`refused by the stand-in`); empty on a success. */
  readonly label: string
  readonly text: string
}

/**
 * The diagnosis of a Send. A gateway that is not usable (checked again after a Send that got no answer) explains
 * an answer that never came; an error status is the gateway's own (its error header), the stand-in's or Intercom's.
 */
export const diagnose = (
  outcome: SendOutcome,
  context: {
    readonly gateway: string
    readonly operation: string
    readonly info: GatewayInfo | undefined
    readonly gatewayStatus?: GatewayStatus | undefined
  },
): Diagnosis => {
  const failure = outcome.failure
  const gatewayDown = context.gatewayStatus !== undefined && context.gatewayStatus._tag !== "Ready"
    ? context.gatewayStatus
    : undefined
  if (outcome.status === undefined && gatewayDown && failure?._tag !== "NotSent") {
    return {
      kind: gatewayDown._tag,
      label: gatewayStatusLabel(gatewayDown),
      text: `No response: ${describeGatewayStatus(context.gateway, gatewayDown)}`,
    }
  }
  if (failure) {
    const label = {
      NotSent: "not sent",
      Unreachable: "nothing listening",
      OriginNotAllowed: "origin not allowed",
      GatewayRefused: "refused by the gateway",
      Redirect: "redirect",
      Timeout: "no answer in time",
    }[failure._tag]
    const text = `${describeFailure(failure, context)}${
      failure._tag === "NotSent" && outcome.error ? ` ${outcome.error.message}` : ""
    }`
    return { kind: failure._tag, label, text }
  }
  if (outcome.status !== undefined && outcome.status < 400 && outcome.error === undefined) {
    return { kind: "ok", label: "", text: "" }
  }
  if (context.info?.upstream === "stand-in" && outcome.status !== undefined && outcome.status < 500) {
    return {
      kind: "StandInRefused",
      label: "refused by the stand-in",
      text:
        `Refused by the stand-in (${outcome.status}), not by Intercom: this gateway's upstream is a local mock that checks the request against the API description${
          violationsOf(outcome).length > 0 ? "; what it found is listed below and at the fields." : "."
        }`,
    }
  }
  const tag = outcome.error?.tag ?? "Error"
  return {
    kind: "IntercomRefused",
    label: outcome.status !== undefined && outcome.status >= 500 ? "Intercom failed" : "refused by Intercom",
    text: `${outcome.status !== undefined && outcome.status >= 500 ? "Intercom failed" : "Refused by Intercom"} (${
      outcome.status ?? "no status"
    }): ${describeError(tag)} ${outcome.error?.message ?? ""}`.trim(),
  }
}

/**
 * What the stand-in (Prism) found wrong with the request: its `sl-violations` header, or the `validation` list of
 * the problem document it answers a request it refuses with.
 */
const prismViolations = (header: string | undefined, body: unknown): Array<Violation> => {
  const fromBody = (body as { validation?: unknown } | null)?.validation
  if (header === undefined && !Array.isArray(fromBody)) return []
  try {
    const list = (header !== undefined ? JSON.parse(header) : fromBody) as Array<
      { location?: Array<string>; message?: string }
    >
    return list.map((v) => {
      // The header's locations start with "request" (or "response"); the problem document's start at the place.
      const location = v.location ?? []
      if (location[0] === "response") return { field: undefined, message: v.message ?? "invalid" }
      const [place, ...rest] = location[0] === "request" ? location.slice(1) : location
      const field = place !== undefined && rest.length > 0
        ? `${place === "query" || place === "path" || place === "header" ? place : "body"}.${rest.join(".")}`
        : undefined
      // Prism's messages name the field already ("Request path parameter conversation_id must be integer").
      return { field, message: v.message ?? "invalid" }
    })
  } catch {
    return []
  }
}

/** Intercom's error list (`{ errors: [{ code, message, field }] }`). */
const bodyViolations = (body: unknown): Array<Violation> => {
  const errors = (body as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors)) return []
  return errors.flatMap((e: { code?: string; message?: string; field?: string }) =>
    typeof e?.message === "string"
      ? [{
        field: typeof e.field === "string" ? `body.${e.field}` : undefined,
        message: e.code ? `${e.message} (${e.code})` : e.message,
      }]
      : []
  )
}

/** Every violation of an answer: the body's error list, and the stand-in's own findings. */
export const violationsOf = (outcome: SendOutcome): Array<Violation> => {
  const header = outcome.headers.find(([k]) => k === gatewayHeaderNames.standInViolations)?.[1]
  const all = [...bodyViolations(outcome.body), ...prismViolations(header, outcome.body)]
  // The header and the problem document list the same findings: each once.
  const seen = new Set<string>()
  return all.filter((v) => !seen.has(`${v.field} ${v.message}`) && seen.add(`${v.field} ${v.message}`) !== undefined)
}

/** Puts each violation under the form field it names; clears the previous ones. */
const markFields = (form: HTMLElement, violations: ReadonlyArray<Violation>) => {
  for (const old of form.querySelectorAll(".field-violation")) old.remove()
  for (const v of violations) {
    if (v.field === undefined) continue
    const field = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(v.field)}"]`)
    field?.append(h("p", { class: "field-violation", role: "note" }, `Refused: ${v.message}`))
  }
}

export const renderOutcome = async (
  view: HTMLElement,
  outcome: SendOutcome,
  context: {
    readonly gateway: string
    readonly operation: string
    readonly info: GatewayInfo | undefined
    readonly form: HTMLElement
    readonly args: Record<string, Json>
    readonly gatewayStatus?: GatewayStatus | undefined
  },
): Promise<Diagnosis> => {
  const diagnosis = diagnose(outcome, context)
  view.dataset.diagnosis = diagnosis.kind
  const status = $<HTMLElement>(view, "[data-status]")
  status.textContent = outcome.status !== undefined ? String(outcome.status) : diagnosis.label
  status.className = `status status--${
    outcome.status === undefined ? "server" : outcome.status < 300 ? "ok" : outcome.status < 500 ? "client" : "server"
  }`
  const verdict = $<HTMLElement>(view, "[data-verdict]")
  verdict.textContent = outcome.status !== undefined ? diagnosis.label : ""
  verdict.hidden = verdict.textContent === ""
  $(view, "[data-time]").textContent = outcome.failure?._tag === "NotSent" ? "" : `${Math.round(outcome.durationMs)} ms`

  // A stand-in answers with the spec's canned example: say so on its successes, so nobody mistakes it for their data.
  const example = $<HTMLElement>(view, "[data-example-note]")
  example.hidden = !(context.info?.upstream === "stand-in" && diagnosis.kind === "ok")

  const errorBox = $<HTMLElement>(view, "[data-error]")
  errorBox.hidden = diagnosis.kind === "ok"
  errorBox.dataset.failure = outcome.failure?._tag ?? (outcome.error ? "Response" : "")
  errorBox.textContent = diagnosis.text

  const violations = outcome.status !== undefined && outcome.status >= 400 ? violationsOf(outcome) : []
  const violationList = $<HTMLElement>(view, "[data-violations]")
  violationList.hidden = violations.length === 0
  $(violationList, "ul").replaceChildren(
    ...violations.map((v) =>
      h("li", {}, v.field ? h("code", {}, v.field.replace(/^\w+\./, "")) : "", v.field ? " " : "", v.message)
    ),
  )
  markFields(context.form, violations)

  // The SDK's error class for an error status (the gateway's own included), with code that catches exactly it.
  const errorClass = $<HTMLElement>(view, "[data-error-class]")
  const answered = outcome.error !== undefined && outcome.status !== undefined
  errorClass.hidden = !answered
  if (answered) {
    $(errorClass, "[data-error-tag]").textContent = outcome.error!.tag
    $(errorClass, "[data-error-promise]").textContent = promiseErrorSnippet(
      context.operation,
      outcome.error!.tag,
      context.args,
    )
    $(errorClass, "[data-error-effect]").textContent = effectErrorSnippet(
      context.operation,
      outcome.error!.tag,
      context.args,
    )
  }

  const mismatches = $<HTMLElement>(view, "[data-validation]")
  mismatches.hidden = outcome.validation.length === 0
  $(mismatches, "ul").replaceChildren(
    ...outcome.validation.map((m) => h("li", {}, h("code", {}, m.path), ` expected ${m.expected}, got ${m.got}`)),
  )

  const headerList = $<HTMLElement>(view, "[data-headers]")
  headerList.replaceChildren(...outcome.headers.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]))
  $(view, "[data-header-count]").textContent = String(outcome.headers.length)
  const bodyView = $<HTMLElement>(view, "[data-body]")
  if (outcome.body === undefined || outcome.body === "") bodyView.textContent = "(no body)"
  // Its own chunk: the bench (bench/json-view.ts) and the e2e test load it on its own.
  else (await import("./json-view.ts")).renderJson(bodyView, outcome.body)
  return diagnosis
}
