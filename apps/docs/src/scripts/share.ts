/**
 * A form state that can be shared and replayed: encoded in the page URL (`?try=`), and kept per operation in this
 * browser's storage as a history of sent requests. Neither ever holds a secret: secret-looking keys are masked, and
 * credentials are not part of a form state at all.
 */
import type { RequestValues } from "@utdk/intercom-core/Manifest"
import { maskSecrets } from "../lib/snippet.ts"
import type { Json } from "../lib/schema-node.ts"
import { storage } from "./storage.ts"

/** The query parameter that carries a form state. */
export const stateParam = "try"

const historyKey = (operation: string) => `intercom-docs:history:${operation}`
const historySize = 20

const compact = (values: RequestValues): Record<string, Json> => {
  const out: Record<string, Json> = {}
  for (const where of ["path", "query", "header"] as const) {
    const entries = Object.entries(values[where]).filter(([, v]) => v !== undefined)
    if (entries.length > 0) out[where] = maskSecrets(Object.fromEntries(entries))
  }
  if (values.body !== undefined) out.body = maskSecrets(values.body)
  return out
}

const expand = (raw: unknown): RequestValues | undefined => {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined
  const r = raw as Record<string, unknown>
  const record = (
    v: unknown,
  ) => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, Json>) : {})
  return { path: record(r.path), query: record(r.query), header: record(r.header), body: r.body as Json | undefined }
}

const isEmpty = (values: RequestValues) => Object.keys(compact(values)).length === 0

/** The form state of a page URL, if it carries one. */
export const readState = (url: URL = new URL(location.href)): RequestValues | undefined => {
  const text = url.searchParams.get(stateParam)
  if (text === null) return undefined
  try {
    return expand(JSON.parse(text))
  } catch {
    return undefined
  }
}

/** The page URL for a form state (none when the form is empty). */
export const urlFor = (values: RequestValues, url: URL = new URL(location.href)): string => {
  const next = new URL(url)
  if (isEmpty(values)) next.searchParams.delete(stateParam)
  else next.searchParams.set(stateParam, JSON.stringify(compact(values)))
  return next.href
}

/** Keeps the address bar on the current form state, without adding browser history entries. */
export const syncUrl = (values: RequestValues): void => {
  const href = urlFor(values)
  if (href !== location.href) history.replaceState(history.state, "", href)
}

/** @category models */
export interface HistoryEntry {
  /** ISO time it was sent. */
  readonly at: string
  readonly values: RequestValues
  readonly status: number | undefined
}

export const loadHistory = (operation: string): ReadonlyArray<HistoryEntry> => {
  try {
    const parsed = JSON.parse(storage()?.getItem(historyKey(operation)) ?? "[]") as Array<
      { at?: unknown; values?: unknown; status?: unknown }
    >
    return parsed.flatMap((e) => {
      const values = expand(e.values)
      return values && typeof e.at === "string"
        ? [{ at: e.at, values, status: typeof e.status === "number" ? e.status : undefined }]
        : []
    })
  } catch {
    return []
  }
}

/** Adds a sent request at the top (newest first, at most 20). */
export const addHistory = (
  operation: string,
  values: RequestValues,
  status: number | undefined,
): ReadonlyArray<HistoryEntry> => {
  const entry = { at: new Date().toISOString(), values: compact(values), status }
  const kept = loadHistory(operation).map((e) => ({ ...e, values: compact(e.values) }))
  const next = [entry, ...kept].slice(0, historySize)
  storage()?.setItem(historyKey(operation), JSON.stringify(next))
  return loadHistory(operation)
}

export const clearHistory = (operation: string): void => storage()?.removeItem(historyKey(operation))
