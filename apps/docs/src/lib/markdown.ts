/**
 * Renders the manifest's Markdown descriptions to HTML at build time; the directive asides the generator converted
 * Intercom's callouts to become Starlight asides.
 */
import { markdownToHtml } from "satteri"

/** Starlight's aside variants. */
export type AsideType = "note" | "tip" | "caution" | "danger"

/** @category models */
export type DescriptionSegment =
  | { readonly kind: "markdown"; readonly html: string }
  | { readonly kind: "aside"; readonly type: AsideType; readonly title: string | undefined; readonly html: string }

// The manifest writes Intercom's callouts as directive asides on their own lines: `:::note[Title]` … `:::`.
const aside = /^:::(note|tip|caution|danger)(?:\[([^\]\n]*)\])?\n([\s\S]*?)\n:::$/gm

const intercomDocs = "https://developers.intercom.com"

/** Links relative to Intercom's own docs site would not resolve here: point them at developers.intercom.com. */
const absolutize = (html: string): string =>
  html
    .replace(/href="\/(?!\/)/g, `href="${intercomDocs}/`)
    .replace(/href="ref:([^"]*)"/g, (_m, ref: string) =>
      `href="${intercomDocs}/docs/references/rest-api/api.intercom.io#${ref}"`)

const cache = new Map<string, string>()

/** Markdown → HTML (GFM), external links opened as is; memoized because shared schemas repeat descriptions. */
export const renderMarkdown = (markdown: string): string => {
  const hit = cache.get(markdown)
  if (hit !== undefined) return hit
  const html = absolutize(markdownToHtml(markdown).html)
  cache.set(markdown, html)
  return html
}

/** Renders a manifest description into Markdown runs and asides, in order. */
export const renderDescription = (markdown: string): ReadonlyArray<DescriptionSegment> => {
  const out: Array<DescriptionSegment> = []
  const pushMarkdown = (text: string) => {
    if (text.trim() !== "") out.push({ kind: "markdown", html: renderMarkdown(text) })
  }
  let last = 0
  for (const match of markdown.matchAll(aside)) {
    pushMarkdown(markdown.slice(last, match.index))
    out.push({ kind: "aside", type: match[1] as AsideType, title: match[2], html: renderMarkdown(match[3] ?? "") })
    last = match.index + match[0].length
  }
  pushMarkdown(markdown.slice(last))
  return out
}

/** Plain text of a Markdown description, for meta descriptions and search excerpts. */
export const plainText = (markdown: string): string =>
  markdown
    .replace(/^:::\w*(?:\[([^\]]*)\])?$/gm, "$1 ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`#>]/g, "")
    .replace(/\s+/g, " ")
    .trim()
