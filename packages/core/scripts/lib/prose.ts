/**
 * The spec's prose as JSDoc: descriptions are Markdown, with Intercom's `{% admonition %}` blocks turned into plain
 * paragraphs and site-relative links made absolute, so editors show them on hover. Only generated (git-ignored)
 * output carries this text.
 */

/** Intercom's developer site, which the spec's relative links point into. */
const INTERCOM_DEVELOPERS = "https://developers.intercom.com"

/** This SDK's docs site: one page per operation at `/operations/<slug>/`. */
export const DOCS_SITE = "https://intercom.utdk.dev"

/** `updateConversation` → `update-conversation`: the operation's page on the docs site. */
export const pageSlug = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase()

export const docsPageUrl = (name: string): string => `${DOCS_SITE}/operations/${pageSlug(name)}/`

/**
 * An operation's docs page as a line of its JSDoc: a Markdown link, not `@see {@link …}`. `tsc` skips parsing a
 * declaration file's JSDoc unless it mentions `@see` or `@link` (TypeScript's `JSDocParsingMode.ParseForTypeErrors`),
 * so one such tag on every method made each consumer's type-check parse all of `methods.d.ts`'s prose; editors
 * render the link the same way in the hover.
 */
export const docsPageLine = (name: string): string => `[${name} in the SDK docs](${docsPageUrl(name)})`

/** Intercom's callout blocks: `{% admonition type="info" name="Title" %}body{% /admonition %}`. */
export const ADMONITION = /\{%\s*admonition\b([^%]*)%\}([\s\S]*?)\{%\s*\/admonition\s*%\}/g

/** The `type` (default `info`) and optional `name` of an admonition's attribute text. */
export const admonitionAttributes = (attrs: string): { readonly type: string; readonly name: string | undefined } => ({
  type: /type\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? "info",
  name: /name\s*=\s*"([^"]*)"/.exec(attrs)?.[1],
})

/**
 * Markdown as the spec writes it → Markdown an editor renders: admonitions become a paragraph that starts with their
 * name (or kind) in bold, relative links point at Intercom's site, runs of blank lines collapse.
 */
export const markdown = (text: string | undefined): string => {
  if (!text) return ""
  return text
    .replace(/\r\n?/g, "\n")
    .replace(ADMONITION, (_m, attrs: string, body: string) => {
      const { type, name } = admonitionAttributes(attrs)
      return `\n\n**${name ?? type.charAt(0).toUpperCase() + type.slice(1)}:** ${body.trim()}\n\n`
    })
    .replace(/\]\(\/(?!\/)/g, `](${INTERCOM_DEVELOPERS}/`)
    .replace(/href="\/(?!\/)/g, `href="${INTERCOM_DEVELOPERS}/`)
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
}

/** A JSDoc block from lines (blank lines kept as paragraph breaks), indented by `pad`; empty when there is nothing. */
export const jsDoc = (lines: ReadonlyArray<string>, pad = ""): string => {
  const body = lines
    .join("\n")
    .replace(/\*\//g, "*\\/")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
  if (body === "") return ""
  if (!body.includes("\n")) return `${pad}/** ${body} */\n`
  return `${pad}/**\n${
    body.split("\n").map((line) => `${pad} *${line === "" ? "" : ` ${line}`}`).join("\n")
  }\n${pad} */\n`
}

/** The doc lines of a schema or parameter: its description, and `@deprecated` when it says so. */
export const fieldDocLines = (
  node: { readonly description?: unknown; readonly deprecated?: unknown; readonly [key: string]: unknown },
): Array<string> => {
  const lines: Array<string> = []
  const text = typeof node.description === "string" ? markdown(node.description) : ""
  if (text) lines.push(text)
  if (node.deprecated === true) lines.push("", "@deprecated")
  return lines
}
