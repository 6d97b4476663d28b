/**
 * A collapsible JSON viewer that renders lazily: a branch builds its children the first time it is opened, and long
 * arrays/objects show 100 entries at a time, so a 1 MB body appears at once.
 */
const chunk = 100
const longString = 2000

const el = (tag: string, className?: string, text?: string): HTMLElement => {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

const scalar = (value: unknown): HTMLElement => {
  if (value === null) return el("span", "j-null", "null")
  switch (typeof value) {
    case "string": {
      const text = JSON.stringify(value)
      if (text.length <= longString) return el("span", "j-string", text)
      const span = el("span", "j-string", `${text.slice(0, longString)}…`)
      const more = el("button", "j-more", `show all ${text.length} characters`)
      more.setAttribute("type", "button")
      more.addEventListener("click", () => {
        span.textContent = text
        more.remove()
      })
      const wrap = el("span")
      wrap.append(span, " ", more)
      return wrap
    }
    case "number":
      return el("span", "j-number", String(value))
    case "boolean":
      return el("span", "j-boolean", String(value))
    default:
      return el("span", "j-null", String(value))
  }
}

const branch = (value: object, label: HTMLElement | undefined, open: boolean): HTMLElement => {
  const isArray = Array.isArray(value)
  const entries: Array<[string, unknown]> = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value)
  if (entries.length === 0) {
    const line = el("div", "j-line")
    if (label) line.append(label)
    line.append(el("span", "j-punct", isArray ? "[]" : "{}"))
    return line
  }
  const details = document.createElement("details")
  details.className = "j-branch"
  const summary = document.createElement("summary")
  if (label) summary.append(label)
  summary.append(
    el("span", "j-punct", isArray ? "[" : "{"),
    el("span", "j-count", ` ${entries.length} ${isArray ? "items" : "keys"} `),
    el("span", "j-punct", isArray ? "]" : "}"),
  )
  details.append(summary)
  const body = el("div", "j-children")
  details.append(body)
  let shown = 0
  const more = el("button", "j-more")
  more.setAttribute("type", "button")
  const showMore = () => {
    const next = entries.slice(shown, shown + chunk)
    for (const [key, child] of next) {
      body.insertBefore(
        node(
          child,
          isArray ? el("span", "j-index", `${key}: `) : el("span", "j-key", `${JSON.stringify(key)}: `),
          false,
        ),
        more,
      )
    }
    shown += next.length
    more.textContent = `show ${Math.min(chunk, entries.length - shown)} more of ${entries.length - shown}`
    if (shown >= entries.length) more.remove()
  }
  body.append(more)
  more.addEventListener("click", showMore)
  details.addEventListener("toggle", () => {
    if (details.open && shown === 0) showMore()
  })
  if (open) {
    details.open = true
    showMore()
  }
  return details
}

const node = (value: unknown, label: HTMLElement | undefined, open: boolean): HTMLElement => {
  if (value !== null && typeof value === "object") return branch(value, label, open)
  const line = el("div", "j-line")
  if (label) line.append(label)
  line.append(scalar(value))
  return line
}

/** Renders a decoded JSON value into the container (top level open, everything else on demand). */
export const renderJson = (container: HTMLElement, value: unknown): void => {
  container.replaceChildren(node(value, undefined, true))
}
