/**
 * The SDK's verdict on the form, shown where it applies: each `IntercomInvalidInputError` issue next to the field it
 * names, and the request the SDK would send (method, URL, headers, body) under the form. The verdict itself comes
 * from `@utdk/intercom-core/Request` (see sdk.ts): no rule is repeated here.
 */
import type { WireRequest } from "../lib/snippet.ts"
import type { TryItOperation } from "../lib/try-it-data.ts"

/** @category models */
export interface Issue {
  readonly path: string
  readonly message: string
}

/** `$.query.field`, `tags[0].id`, `["x-y"]` → `["query", "field"]`, `["tags", 0, "id"]`, `["x-y"]`. */
export const segments = (path: string): Array<string | number> => {
  const out: Array<string | number> = []
  for (
    const m of path.replace(/^\$/, "").matchAll(/\.?([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)
  ) {
    if (m[1] !== undefined) out.push(m[1])
    else if (m[2] !== undefined) out.push(Number(m[2]))
    else if (m[3] !== undefined) out.push(JSON.parse(`"${m[3]}"`) as string)
  }
  return out
}

/**
 * The form field (`data-field`) an issue belongs to: the caller's argument key mapped to its location and wire name,
 * then as deep into nested objects as the form has fields (array items are not followed).
 */
export const fieldPaths = (op: TryItOperation, path: string): ReadonlyArray<string> => {
  const [head, ...rest] = segments(path)
  if (typeof head !== "string") return []
  const parameter = op.parameters.find((p) => p.key === head)
  let base: string
  if (parameter) base = `${parameter.in}.${parameter.name}`
  else if (op.body?.flat) base = `body.${op.body.renamed[head] ?? head}`
  else if (op.body && head === "body") base = "body"
  else return []
  const out = [base]
  for (const key of rest) {
    if (typeof key !== "string") break
    out.push(`${out[out.length - 1]}.${key}`)
  }
  return out.reverse()
}

const missing = /^Missing/

/**
 * Puts each issue next to its field (replacing the previous verdict). With `quietMissing`, "missing" issues are not
 * shown at the fields (a form nobody has touched yet is not an error); the Send hint still names them.
 */
export const showIssues = (
  form: HTMLElement,
  op: TryItOperation,
  issues: ReadonlyArray<Issue>,
  quietMissing: boolean,
): void => {
  for (const old of form.querySelectorAll("[data-sdk-issue]")) old.remove()
  for (const field of form.querySelectorAll(".field--sdk-invalid")) field.classList.remove("field--sdk-invalid")
  for (const issue of issues) {
    if (quietMissing && missing.test(issue.message)) continue
    const candidates = fieldPaths(op, issue.path)
    const field = candidates.map((p) => form.querySelector<HTMLElement>(`[data-field="${CSS.escape(p)}"]`)).find((f) =>
      f !== null
    )
    const target = field ?? form.querySelector<HTMLElement>("[data-form-issues]")
    if (!target) continue
    const where = issue.path.replace(/^\$\.?/, "")
    const note = document.createElement("p")
    note.className = "field-error"
    note.dataset.sdkIssue = where
    note.setAttribute("role", "alert")
    note.textContent = field && candidates[0] === field.dataset.field ? issue.message : `${where}: ${issue.message}`
    field?.classList.add("field--sdk-invalid")
    if (field instanceof HTMLDetailsElement) field.open = true
    target.append(note)
  }
}

const hiddenHeader = /^(authorization|x-gateway-session|cookie)$/i

/** The request as text: request line, headers (credentials never shown), blank line, body. */
export const requestText = (request: WireRequest): string => {
  const headers = Object.entries(request.headers)
    .filter(([name]) => !hiddenHeader.test(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}: ${value}`)
  let body = ""
  if (typeof request.body === "string") {
    try {
      body = JSON.stringify(JSON.parse(request.body), null, 2)
    } catch {
      body = request.body
    }
  } else if (request.body !== undefined) {
    body = "(multipart form data)"
  }
  return [`${request.method} ${request.url}`, ...headers, ...(body ? ["", body] : [])].join("\n")
}
