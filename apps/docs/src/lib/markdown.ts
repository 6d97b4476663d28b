/**
 * Renders the spec's Markdown descriptions to HTML at build time. Intercom writes callouts as Markdoc tags
 * (`{% admonition type="info" name="..." %}...{% /admonition %}`); they become Starlight asides.
 */
import { markdownToHtml } from "satteri"

/** Starlight's aside variants. */
export type AsideType = "note" | "tip" | "caution" | "danger"

/** @category models */
export type DescriptionSegment =
  | { readonly kind: "markdown"; readonly html: string }
  | { readonly kind: "aside"; readonly type: AsideType; readonly title: string | undefined; readonly html: string }

const asideTypes: Record<string, AsideType> = {
  info: "note",
  note: "note",
  tip: "tip",
  success: "tip",
  warning: "caution",
  caution: "caution",
  danger: "danger",
  error: "danger",
}

const admonition = /\{%\s*admonition\b([^%]*)%\}([\s\S]*?)\{%\s*\/admonition\s*%\}/g
const attribute = (attrs: string, key: string): string | undefined =>
  new RegExp(`${key}\\s*=\\s*"([^"]*)"`).exec(attrs)?.[1]

/** Removes the indentation every non-blank line shares (YAML block scalars keep theirs). */
export const dedent = (text: string): string => {
  const lines = text.split("\n")
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0)
  const cut = indents.length === 0 ? 0 : Math.min(...indents)
  return lines.map((l) => l.slice(cut)).join("\n").trim()
}

const intercomDocs = "https://developers.intercom.com"

/** Links relative to Intercom's own docs site would not resolve here: point them at developers.intercom.com. */
const absolutize = (html: string): string =>
  html
    .replace(/href="\/(?!\/)/g, `href="${intercomDocs}/`)
    .replace(/href="ref:([^"]*)"/g, (_m, ref: string) => `href="${intercomDocs}/docs/references/rest-api/api.intercom.io#${ref}"`)

const cache = new Map<string, string>()

/** Markdown → HTML (GFM), external links opened as is; memoized because shared schemas repeat descriptions. */
export const renderMarkdown = (markdown: string): string => {
  const hit = cache.get(markdown)
  if (hit !== undefined) return hit
  const html = absolutize(markdownToHtml(dedent(markdown)).html)
  cache.set(markdown, html)
  return html
}

/** Renders a description into Markdown runs and asides, in order. No `{%` survives: unknown tags are dropped. */
export const renderDescription = (markdown: string): ReadonlyArray<DescriptionSegment> => {
  const out: Array<DescriptionSegment> = []
  const pushMarkdown = (text: string) => {
    const cleaned = text.replace(/\{%[^%]*%\}/g, "")
    if (cleaned.trim() !== "") out.push({ kind: "markdown", html: renderMarkdown(cleaned) })
  }
  let last = 0
  for (const match of markdown.matchAll(admonition)) {
    pushMarkdown(markdown.slice(last, match.index))
    const attrs = match[1] ?? ""
    out.push({
      kind: "aside",
      type: asideTypes[attribute(attrs, "type") ?? "info"] ?? "note",
      title: attribute(attrs, "name"),
      html: renderMarkdown((match[2] ?? "").replace(/\{%[^%]*%\}/g, "")),
    })
    last = match.index + match[0].length
  }
  pushMarkdown(markdown.slice(last))
  return out
}

/** Plain text of a Markdown description, for meta descriptions and search excerpts. */
export const plainText = (markdown: string): string =>
  markdown
    .replace(/\{%[^%]*%\}/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`#>]/g, "")
    .replace(/\s+/g, " ")
    .trim()
