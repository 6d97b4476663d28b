/**
 * Form controls generated from a SchemaNode: text, number, boolean and enum inputs, nested objects, arrays, free
 * key/value maps and unions. Each control reads its value (`undefined` when nothing is set) and explains invalid
 * input next to itself.
 */
import type { Json, SchemaNode } from "../lib/schema-node.ts"
import { typeLabel } from "../lib/schema-node.ts"

/** @category models */
export interface Control {
  readonly element: HTMLElement
  /** The value as the API takes it; `undefined` when the user has not set anything. */
  readonly read: () => Json | undefined
  /** Shows or clears error messages; `strict` also reports missing required values. Returns true when valid. */
  readonly validate: (strict: boolean) => boolean
}

/** @category models */
export interface FieldOptions {
  /** Stable path used for ids and `data-field` (`body.custom_attributes`). */
  readonly path: string
  readonly label: string
  readonly required: boolean
  readonly schema: SchemaNode
  readonly placeholder?: string | undefined
  readonly onChange: () => void
}

type Parsed = { readonly value: Json | undefined } | { readonly error: string }

const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  el.append(...children)
  return el
}

const idFor = (path: string) => `try-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`

const isScalar = (node: SchemaNode) =>
  node.kind === "string" || node.kind === "integer" || node.kind === "number" || node.kind === "boolean"

/** Text the user typed, as JSON when it is JSON (`42`, `true`, `[1]`, `"x"`), otherwise as a string. */
export const jsonOrText = (raw: string): Json => {
  const text = raw.trim()
  if (/^(?:-?\d|true$|false$|null$|[[{"])/.test(text)) {
    try {
      return JSON.parse(text) as Json
    } catch {
      // Not JSON: keep the text as typed.
    }
  }
  return raw
}

/** Parses one scalar input against its schema. */
export const parseScalar = (schema: SchemaNode, raw: string): Parsed => {
  if (raw.trim() === "") return { value: undefined }
  switch (schema.kind) {
    case "integer":
      return /^\s*-?\d+\s*$/.test(raw) ? { value: Number(raw) } : { error: "Enter a whole number, like 42." }
    case "number":
      return Number.isFinite(Number(raw)) ? { value: Number(raw) } : { error: "Enter a number, like 4.5." }
    case "boolean":
      return raw === "true" ? { value: true } : raw === "false" ? { value: false } : { error: "Choose true or false." }
    case "string":
      if (schema.format === "date-time" && Number.isNaN(Date.parse(raw))) {
        return { error: "Enter a date and time, like 2024-05-01T10:00:00Z." }
      }
      return { value: raw }
    default:
      return { value: jsonOrText(raw) }
  }
}

const fieldShell = (options: FieldOptions, input: HTMLElement | undefined, hint?: string) => {
  const label = h("label", input ? { for: idFor(options.path) } : {}, h("code", {}, options.label))
  if (options.required) label.append(" ", h("span", { class: "flag flag--required" }, "required"))
  label.append(" ", h("span", { class: "type" }, typeLabel(options.schema)))
  const error = h("p", { class: "field-error", role: "alert", hidden: "" })
  const wrapper = h("div", { class: "field", "data-field": options.path }, label)
  if (input) wrapper.append(input)
  if (hint) wrapper.append(h("p", { class: "field-hint" }, hint))
  const showError = (message: string | undefined) => {
    error.textContent = message ?? ""
    error.hidden = message === undefined
    wrapper.classList.toggle("field--invalid", message !== undefined)
    input?.setAttribute("aria-invalid", message === undefined ? "false" : "true")
  }
  return { wrapper, error, showError }
}

const show = (v: Json) => (typeof v === "string" ? v : JSON.stringify(v))

/** A select for enums, booleans and nullable choices. */
const selectControl = (options: FieldOptions, choices: ReadonlyArray<Json>): Control => {
  const select = h("select", { id: idFor(options.path), name: options.path })
  const empty = options.schema.default !== undefined ? `default (${show(options.schema.default)})` : "not set"
  select.append(h("option", { value: "" }, `— ${empty} —`))
  choices.forEach((choice, i) => select.append(h("option", { value: String(i) }, show(choice))))
  const shell = fieldShell(options, select)
  shell.wrapper.append(shell.error)
  const read = () => (select.value === "" ? undefined : choices[Number(select.value)])
  const validate = (strict: boolean) => {
    const message = strict && options.required && read() === undefined ? "Required: choose a value." : undefined
    shell.showError(message)
    return message === undefined
  }
  select.addEventListener("change", () => {
    validate(false)
    options.onChange()
  })
  return { element: shell.wrapper, read, validate }
}

const scalarControl = (options: FieldOptions): Control => {
  const { schema } = options
  if (schema.kind === "boolean") return selectControl(options, schema.nullable ? [true, false, null] : [true, false])
  if (schema.enum && schema.enum.length > 0) {
    return selectControl(options, schema.nullable && !schema.enum.includes(null) ? [...schema.enum, null] : schema.enum)
  }
  const input = h("input", {
    id: idFor(options.path),
    name: options.path,
    type: "text",
    autocomplete: "off",
    spellcheck: "false",
    ...(schema.kind === "integer" || schema.kind === "number" ? { inputmode: schema.kind === "integer" ? "numeric" : "decimal" } : {}),
    ...(options.placeholder !== undefined ? { placeholder: options.placeholder } : {}),
  })
  if (options.required) input.setAttribute("aria-required", "true")
  const hint = isScalar(schema) ? undefined : "JSON (42, true, [1, 2], {\"a\": 1}) or plain text."
  const shell = fieldShell(options, input, hint)
  shell.wrapper.append(shell.error)
  const read = () => {
    const parsed = isScalar(schema) ? parseScalar(schema, input.value) : { value: input.value.trim() === "" ? undefined : jsonOrText(input.value) }
    return "value" in parsed ? parsed.value : undefined
  }
  const validate = (strict: boolean) => {
    const parsed = isScalar(schema) ? parseScalar(schema, input.value) : { value: undefined }
    const message =
      "error" in parsed ? parsed.error : strict && options.required && input.value.trim() === "" ? "Required." : undefined
    shell.showError(message)
    return message === undefined
  }
  input.addEventListener("input", () => {
    validate(false)
    options.onChange()
  })
  return { element: shell.wrapper, read, validate }
}

const objectControl = (options: FieldOptions, nested: boolean): Control => {
  const props = options.schema.properties ?? []
  const children = props.map((p) =>
    buildControl({
      path: `${options.path}.${p.name}`,
      label: p.name,
      required: p.required,
      schema: p.schema,
      placeholder: p.schema.example !== undefined ? `e.g. ${show(p.schema.example)}` : undefined,
      onChange: options.onChange,
    }),
  )
  const extra = options.schema.values ? mapControl({ ...options, path: `${options.path}.*`, label: "other keys", required: false, schema: { kind: "map", values: options.schema.values } }) : undefined
  const body = h("div", { class: "field-group" }, ...children.map((c) => c.element), ...(extra ? [extra.element] : []))
  const read = (): Json | undefined => {
    const out: Record<string, Json> = {}
    props.forEach((p, i) => {
      const v = children[i]?.read()
      if (v !== undefined) out[p.name] = v
    })
    const more = extra?.read()
    if (more && typeof more === "object" && !Array.isArray(more)) Object.assign(out, more)
    return Object.keys(out).length > 0 ? out : undefined
  }
  const alternatives = options.schema.requireOneOf ?? []
  const note = h("p", { class: "field-error", role: "alert", hidden: "" })
  if (alternatives.length > 0) {
    body.prepend(h("p", { class: "field-hint" }, `Give at least one of: ${alternatives.map((set) => set.join(" + ")).join(", ")}.`))
    body.append(note)
  }
  const validate = (strict: boolean) => {
    // Required fields of an optional object only matter once something in it is set.
    const inner = strict && (options.required || read() !== undefined)
    const ok = [...children, ...(extra ? [extra] : [])].map((c) => c.validate(inner)).every(Boolean)
    const value = read()
    const given = (set: ReadonlyArray<string>) =>
      value !== undefined && typeof value === "object" && value !== null && !Array.isArray(value) && set.every((n) => n in value)
    const missing = inner && alternatives.length > 0 && !alternatives.some(given)
    note.textContent = missing ? `Give at least one of: ${alternatives.map((set) => set.join(" + ")).join(", ")}.` : ""
    note.hidden = !missing
    return ok && !missing
  }
  if (!nested) return { element: body, read, validate }
  const details = h("details", { class: "field field--object", "data-field": options.path })
  const summary = h("summary", {}, h("code", {}, options.label))
  if (options.required) summary.append(" ", h("span", { class: "flag flag--required" }, "required"))
  summary.append(" ", h("span", { class: "type" }, typeLabel(options.schema)))
  details.append(summary, body)
  if (options.required) details.open = true
  return { element: details, read, validate }
}

const mapControl = (options: FieldOptions): Control => {
  const valueSchema = options.schema.values ?? { kind: "any" }
  const rows = h("div", { class: "map-rows" })
  const add = h("button", { type: "button", class: "small-button", "data-add": "" }, "+ Add entry")
  const shell = fieldShell(options, undefined, isScalar(valueSchema) ? undefined : "Values are JSON (42, true, [\"a\"]) or plain text.")
  shell.wrapper.classList.add("field--map")
  shell.wrapper.append(rows, add, shell.error)
  const entries: Array<{ key: HTMLInputElement; value: HTMLInputElement; row: HTMLElement }> = []
  // A key typed before its value already counts, as "" (when strings are allowed), so the snippet follows along.
  const parseValue = (raw: string): Parsed =>
    isScalar(valueSchema) ? parseScalar(valueSchema, raw) : { value: raw.trim() === "" ? "" : jsonOrText(raw) }
  const read = (): Json | undefined => {
    const out: Record<string, Json> = {}
    for (const e of entries) {
      const parsed = parseValue(e.value.value)
      if (e.key.value.trim() !== "" && "value" in parsed && parsed.value !== undefined) out[e.key.value.trim()] = parsed.value
    }
    return Object.keys(out).length > 0 ? out : undefined
  }
  const validate = (strict: boolean) => {
    const seen = new Set<string>()
    let message: string | undefined
    for (const e of entries) {
      const key = e.key.value.trim()
      const parsed = parseValue(e.value.value)
      if (key === "" && e.value.value.trim() !== "") message = "Every value needs a key."
      else if (key !== "" && seen.has(key)) message = `The key "${key}" appears twice.`
      else if ("error" in parsed) message = `${key}: ${parsed.error}`
      seen.add(key)
    }
    if (message === undefined && strict && options.required && read() === undefined) message = "Required: add at least one entry."
    shell.showError(message)
    return message === undefined
  }
  const addRow = () => {
    const n = entries.length
    const key = h("input", { type: "text", placeholder: "key", "aria-label": `${options.label} key ${n + 1}`, "data-map-key": "", autocomplete: "off" })
    const value = h("input", { type: "text", placeholder: "value", "aria-label": `${options.label} value ${n + 1}`, "data-map-value": "", autocomplete: "off" })
    const remove = h("button", { type: "button", class: "small-button", "aria-label": "Remove entry" }, "✕")
    const row = h("div", { class: "map-row" }, key, value, remove)
    const entry = { key, value, row }
    entries.push(entry)
    rows.append(row)
    for (const input of [key, value]) {
      input.addEventListener("input", () => {
        validate(false)
        options.onChange()
      })
    }
    remove.addEventListener("click", () => {
      entries.splice(entries.indexOf(entry), 1)
      row.remove()
      validate(false)
      options.onChange()
    })
    key.focus()
  }
  add.addEventListener("click", addRow)
  return { element: shell.wrapper, read, validate }
}

const arrayControl = (options: FieldOptions): Control => {
  const itemSchema = options.schema.items ?? { kind: "any" }
  const list = h("div", { class: "array-items" })
  const add = h("button", { type: "button", class: "small-button", "data-add": "" }, "+ Add item")
  const shell = fieldShell(options, undefined)
  shell.wrapper.classList.add("field--array")
  shell.wrapper.append(list, add, shell.error)
  const items: Array<{ control: Control; row: HTMLElement }> = []
  let counter = 0
  const read = (): Json | undefined => {
    const values = items.map((i) => i.control.read()).filter((v): v is Json => v !== undefined)
    return values.length > 0 ? values : undefined
  }
  const validate = (strict: boolean) => {
    const ok = items.map((i) => i.control.validate(strict)).every(Boolean)
    const message = ok && strict && options.required && read() === undefined ? "Required: add at least one item." : undefined
    shell.showError(message)
    return ok && message === undefined
  }
  add.addEventListener("click", () => {
    const n = counter++
    const control = buildControl({
      path: `${options.path}.${n}`,
      label: `${options.label}[${items.length}]`,
      required: false,
      schema: itemSchema,
      onChange: options.onChange,
    })
    if (control.element instanceof HTMLDetailsElement) control.element.open = true
    const remove = h("button", { type: "button", class: "small-button", "aria-label": "Remove item" }, "✕")
    const row = h("div", { class: "array-item" }, control.element, remove)
    const item = { control, row }
    items.push(item)
    list.append(row)
    remove.addEventListener("click", () => {
      items.splice(items.indexOf(item), 1)
      row.remove()
      options.onChange()
    })
    options.onChange()
  })
  return { element: shell.wrapper, read, validate }
}

const unionControl = (options: FieldOptions): Control => {
  const variants = options.schema.variants ?? []
  if (variants.every(isScalar) || variants.length === 0) return scalarControl({ ...options, schema: { ...options.schema, kind: "any" } })
  const select = h("select", { id: idFor(options.path), name: options.path, "aria-label": `${options.label}: variant` })
  select.append(h("option", { value: "" }, "— choose a variant —"))
  variants.forEach((v, i) => select.append(h("option", { value: String(i) }, v.title ?? `Option ${i + 1}: ${typeLabel(v)}`)))
  const slot = h("div", { class: "variant-slot" })
  const shell = fieldShell(options, select)
  shell.wrapper.append(slot, shell.error)
  let current: Control | undefined
  select.addEventListener("change", () => {
    const variant = select.value === "" ? undefined : variants[Number(select.value)]
    current = variant && buildControl({ ...options, path: `${options.path}.${select.value}`, label: variant.title ?? options.label, schema: variant, required: options.required })
    if (current?.element instanceof HTMLDetailsElement) current.element.open = true
    slot.replaceChildren(...(current ? [current.element] : []))
    options.onChange()
  })
  const read = () => current?.read()
  const validate = (strict: boolean) => {
    const message = strict && options.required && current === undefined ? "Required: choose a variant." : undefined
    shell.showError(message)
    return (current?.validate(strict) ?? true) && message === undefined
  }
  return { element: shell.wrapper, read, validate }
}

/** Builds the control for one field. Nested objects are collapsible; the top-level body uses `bodyControl`. */
export const buildControl = (options: FieldOptions): Control => {
  const { schema } = options
  if (schema.readOnly) return { element: h("span"), read: () => undefined, validate: () => true }
  switch (schema.kind) {
    case "object":
      return (schema.properties?.length ?? 0) > 0 ? objectControl(options, true) : mapControl({ ...options, schema: { ...schema, kind: "map", values: schema.values ?? { kind: "any" } } })
    case "map":
      return mapControl(options)
    case "array":
      return arrayControl(options)
    case "union":
      return unionControl(options)
    default:
      return scalarControl(options)
  }
}

/** The request body: an object's fields laid out flat, anything else as one field. */
export const bodyControl = (schema: SchemaNode, required: boolean, onChange: () => void): Control =>
  schema.kind === "object" && (schema.properties?.length ?? 0) > 0
    ? objectControl({ path: "body", label: "body", required, schema, onChange }, false)
    : buildControl({ path: "body", label: "body", required, schema, onChange })
