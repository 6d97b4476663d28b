/**
 * Form controls generated from a SchemaNode: text, number, boolean and enum inputs, nested objects, arrays, free
 * key/value maps and unions. Each control reads its value (`undefined` when nothing is set), can be set to a value
 * (examples, shared links, the JSON editor), and explains invalid input next to itself.
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
  /** Shows `value` (from an example, a shared link or the JSON editor); `undefined` clears. Does not call onChange. */
  readonly write: (value: Json | undefined) => void
}

/** @category models */
export interface FieldOptions {
  /** Stable path used for ids and `data-field` (`body.custom_attributes`). */
  readonly path: string
  readonly label: string
  readonly required: boolean
  readonly schema: SchemaNode
  readonly placeholder?: string | undefined
  /** The type as the page's tables show it, when the control reads the value as another (a union as text). */
  readonly typeText?: string | undefined
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
  label.append(" ", h("span", { class: "type" }, options.typeText ?? typeLabel(options.schema)))
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

const show = (v: Json): string => (typeof v === "string" ? v : JSON.stringify(v))

/** Text that `jsonOrText` reads back as `v`: strings that look like JSON are written quoted. */
const asText = (v: Json): string =>
  typeof v === "string" && !/^\s*(?:-?\d|true\s*$|false\s*$|null\s*$|[[{"])/.test(v) ? v : JSON.stringify(v)

/**
 * A field's control from its element and its rules: `check` says what is wrong (missing values only when `strict`),
 * shown at the field; the field re-checks itself leniently on each change (`event`) and each write.
 */
const fieldControl = (
  options: FieldOptions,
  shell: ReturnType<typeof fieldShell>,
  field: { readonly event: "input" | "change"; readonly element: HTMLElement },
  rules: {
    readonly read: () => Json | undefined
    readonly check: (strict: boolean) => string | undefined
    readonly show: (value: Json | undefined) => void
  },
): Control => {
  const validate = (strict: boolean) => {
    const message = rules.check(strict)
    shell.showError(message)
    return message === undefined
  }
  field.element.addEventListener(field.event, () => {
    validate(false)
    options.onChange()
  })
  const write = (value: Json | undefined) => {
    rules.show(value)
    validate(false)
  }
  return { element: shell.wrapper, read: rules.read, validate, write }
}

/** A select for enums, booleans and nullable choices. */
const selectControl = (options: FieldOptions, choices: ReadonlyArray<Json>): Control => {
  const select = h("select", { id: idFor(options.path), name: options.path })
  const empty = options.schema.default !== undefined ? `default (${show(options.schema.default)})` : "not set"
  select.append(h("option", { value: "" }, `— ${empty} —`))
  choices.forEach((choice, i) => select.append(h("option", { value: String(i) }, show(choice))))
  const shell = fieldShell(options, select)
  shell.wrapper.append(shell.error)
  const read = () => (select.value === "" ? undefined : choices[Number(select.value)])
  return fieldControl(options, shell, { event: "change", element: select }, {
    read,
    check: (strict) => (strict && options.required && read() === undefined ? "Required: choose a value." : undefined),
    show: (value) => {
      const index = value === undefined ? -1 : choices.findIndex((c) => JSON.stringify(c) === JSON.stringify(value))
      select.value = index < 0 ? "" : String(index)
    },
  })
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
    ...(schema.kind === "integer" || schema.kind === "number"
      ? { inputmode: schema.kind === "integer" ? "numeric" : "decimal" }
      : {}),
    ...(options.placeholder !== undefined ? { placeholder: options.placeholder } : {}),
  })
  if (options.required) input.setAttribute("aria-required", "true")
  const hint = isScalar(schema) ? undefined : "JSON (42, true, [1, 2], {\"a\": 1}) or plain text."
  const shell = fieldShell(options, input, hint)
  shell.wrapper.append(shell.error)
  const read = () => {
    const parsed = isScalar(schema)
      ? parseScalar(schema, input.value)
      : { value: input.value.trim() === "" ? undefined : jsonOrText(input.value) }
    return "value" in parsed ? parsed.value : undefined
  }
  return fieldControl(options, shell, { event: "input", element: input }, {
    read,
    check: (strict) => {
      const parsed = isScalar(schema) ? parseScalar(schema, input.value) : { value: undefined }
      return "error" in parsed
        ? parsed.error
        : strict && options.required && input.value.trim() === ""
        ? "Required."
        : undefined
    },
    show: (value) => void (input.value = value === undefined ? "" : isScalar(schema) ? show(value) : asText(value)),
  })
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
    })
  )
  const extra = options.schema.values
    ? mapControl({
      ...options,
      path: `${options.path}.*`,
      label: "other keys",
      required: false,
      schema: { kind: "map", values: options.schema.values },
    })
    : undefined
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
    body.prepend(
      h(
        "p",
        { class: "field-hint" },
        `Give at least one of: ${alternatives.map((set) => set.join(" + ")).join(", ")}.`,
      ),
    )
    body.append(note)
  }
  const validate = (strict: boolean) => {
    // Required fields of an optional object only matter once something in it is set.
    const inner = strict && (options.required || read() !== undefined)
    const ok = [...children, ...(extra ? [extra] : [])].map((c) => c.validate(inner)).every(Boolean)
    const value = read()
    const given = (set: ReadonlyArray<string>) =>
      value !== undefined && typeof value === "object" && value !== null && !Array.isArray(value) &&
      set.every((n) => n in value)
    const missing = inner && alternatives.length > 0 && !alternatives.some(given)
    note.textContent = missing ? `Give at least one of: ${alternatives.map((set) => set.join(" + ")).join(", ")}.` : ""
    note.hidden = !missing
    return ok && !missing
  }
  const write = (value: Json | undefined) => {
    const record: { readonly [key: string]: Json } =
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as { readonly [key: string]: Json })
        : {}
    props.forEach((p, i) => children[i]?.write(record[p.name]))
    const declared = new Set(props.map((p) => p.name))
    const rest = Object.fromEntries(Object.entries(record).filter(([k]) => !declared.has(k)))
    extra?.write(Object.keys(rest).length > 0 ? rest : undefined)
    if (details && value !== undefined) details.open = true
  }
  let details: HTMLDetailsElement | undefined
  if (!nested) return { element: body, read, validate, write }
  details = h("details", { class: "field field--object", "data-field": options.path })
  const summary = h("summary", {}, h("code", {}, options.label))
  if (options.required) summary.append(" ", h("span", { class: "flag flag--required" }, "required"))
  summary.append(" ", h("span", { class: "type" }, typeLabel(options.schema)))
  details.append(summary, body)
  if (options.required) details.open = true
  return { element: details, read, validate, write }
}

const mapControl = (options: FieldOptions): Control => {
  const valueSchema = options.schema.values ?? { kind: "any" }
  const rows = h("div", { class: "map-rows" })
  const add = h("button", { type: "button", class: "small-button", "data-add": "" }, "+ Add entry")
  const shell = fieldShell(
    options,
    undefined,
    isScalar(valueSchema) ? undefined : "Values are JSON (42, true, [\"a\"]) or plain text.",
  )
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
      if (e.key.value.trim() !== "" && "value" in parsed && parsed.value !== undefined) {
        out[e.key.value.trim()] = parsed.value
      }
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
    if (message === undefined && strict && options.required && read() === undefined) {
      message = "Required: add at least one entry."
    }
    shell.showError(message)
    return message === undefined
  }
  const addRow = (focus = true) => {
    const n = entries.length
    const part = (name: "key" | "value") =>
      h("input", {
        type: "text",
        placeholder: name,
        "aria-label": `${options.label} ${name} ${n + 1}`,
        [`data-map-${name}`]: "",
        autocomplete: "off",
      })
    const key = part("key")
    const value = part("value")
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
    if (focus) key.focus()
    return entry
  }
  add.addEventListener("click", () => addRow())
  const write = (value: Json | undefined) => {
    for (const e of entries.splice(0)) e.row.remove()
    if (typeof value !== "object" || value === null || Array.isArray(value)) return void validate(false)
    for (const [k, v] of Object.entries(value)) {
      const entry = addRow(false)
      entry.key.value = k
      entry.value.value = isScalar(valueSchema) ? show(v) : asText(v)
    }
    validate(false)
  }
  return { element: shell.wrapper, read, validate, write }
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
    // An item on screen, even empty, is the item: its own fields say what it lacks.
    const message = ok && strict && options.required && items.length === 0
      ? "Required: add at least one item."
      : undefined
    shell.showError(message)
    return ok && message === undefined
  }
  const addItem = () => {
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
    return control
  }
  add.addEventListener("click", () => {
    addItem()
    options.onChange()
  })
  const write = (value: Json | undefined) => {
    for (const item of items.splice(0)) item.row.remove()
    if (Array.isArray(value)) { for (const v of value) addItem().write(v) }
    validate(false)
  }
  return { element: shell.wrapper, read, validate, write }
}

/** The single value a property allows (`type: "admin"`), which names an object variant best. */
const constant = (v: SchemaNode): string | undefined => {
  const p = v.properties?.find((prop) => prop.schema.enum?.length === 1 && typeof prop.schema.enum[0] === "string")
  return p ? `${p.name}: ${String(p.schema.enum![0])}` : undefined
}

/** A label people can choose by: the title, a constant field, the fields it needs; never "Option 2: …". */
export const variantLabel = (v: SchemaNode, i: number): string => {
  if (v.title) return v.kind === "array" ? `list of ${v.title}` : v.title
  if (v.kind === "array") {
    return v.items
      ? `list of ${v.items.title ?? constant(v.items) ?? typeLabel(v.items)}`
      : "list"
  }
  if (v.kind === "object") {
    const fixed = constant(v)
    if (fixed) return fixed
    const names = (v.properties ?? []).filter((p) => p.required).map((p) => p.name)
    const shown = names.length > 0 ? names : (v.properties ?? []).slice(0, 3).map((p) => p.name)
    return shown.length > 0 ? `with ${shown.join(", ")}` : `object ${i + 1}`
  }
  return typeLabel(v)
}

/** The variant a value belongs to: same shape, then the most matching fields and constants. */
const bestVariant = (variants: ReadonlyArray<SchemaNode>, value: Json): number => {
  const score = (v: SchemaNode): number => {
    if (Array.isArray(value)) return v.kind === "array" ? 1 : -1
    if (value === null || typeof value !== "object") {
      if (v.kind === "object" || v.kind === "array" || v.kind === "map") return -1
      return v.enum
        ? (v.enum.includes(value) ? 2 : -1)
        : typeof value === (v.kind === "integer" ? "number" : v.kind)
        ? 1
        : 0
    }
    if (v.kind !== "object" && v.kind !== "map") return -1
    const record = value as { readonly [key: string]: Json }
    let n = 0
    for (const p of v.properties ?? []) {
      if (p.name in record) n += p.schema.enum?.length === 1 ? (p.schema.enum[0] === record[p.name] ? 10 : -100) : 1
      else if (p.required) n -= 5
    }
    return n
  }
  let best = -1
  let bestScore = -Infinity
  variants.forEach((v, i) => {
    const n = score(v)
    if (n > bestScore) [best, bestScore] = [i, n]
  })
  return best
}

const unionControl = (options: FieldOptions): Control => {
  const variants = options.schema.variants ?? []
  // Scalars only: one text box. When text is allowed (ids as `string | number`), what is typed stays text ("456").
  if (variants.every(isScalar)) {
    const kind = variants.some((v) => v.kind === "string" && !v.enum && !v.format) ? "string" : "any"
    return scalarControl({ ...options, typeText: typeLabel(options.schema), schema: { ...options.schema, kind } })
  }
  const select = h("select", { id: idFor(options.path), name: options.path, "aria-label": `${options.label}: variant` })
  select.append(h("option", { value: "" }, "— choose a variant —"))
  variants.forEach((v, i) => select.append(h("option", { value: String(i) }, variantLabel(v, i))))
  const slot = h("div", { class: "variant-slot" })
  const shell = fieldShell(options, select)
  shell.wrapper.append(slot, shell.error)
  let current: Control | undefined
  const choose = () => {
    const variant = select.value === "" ? undefined : variants[Number(select.value)]
    current = variant &&
      buildControl({
        ...options,
        path: `${options.path}.${select.value}`,
        label: variant.title ?? options.label,
        schema: variant,
        required: options.required,
      })
    if (current?.element instanceof HTMLDetailsElement) current.element.open = true
    slot.replaceChildren(...(current ? [current.element] : []))
  }
  select.addEventListener("change", () => {
    choose()
    options.onChange()
  })
  const read = () => current?.read()
  const validate = (strict: boolean) => {
    const message = strict && options.required && current === undefined ? "Required: choose a variant." : undefined
    shell.showError(message)
    return (current?.validate(strict) ?? true) && message === undefined
  }
  const write = (value: Json | undefined) => {
    const index = value === undefined ? -1 : bestVariant(variants, value)
    select.value = index < 0 ? "" : String(index)
    choose()
    current?.write(value)
  }
  return { element: shell.wrapper, read, validate, write }
}

/** Builds the control for one field. Nested objects are collapsible; the top-level body uses `bodyControl`. */
export const buildControl = (options: FieldOptions): Control => {
  const { schema } = options
  if (schema.readOnly) {
    return {
      element: h("span"),
      read: () => undefined,
      validate: () => true,
      write: () => undefined,
    }
  }
  switch (schema.kind) {
    case "object":
      return (schema.properties?.length ?? 0) > 0
        ? objectControl(options, true)
        : mapControl({ ...options, schema: { ...schema, kind: "map", values: schema.values ?? { kind: "any" } } })
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
