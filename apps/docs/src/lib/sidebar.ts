/**
 * Starlight sidebar: a "Start here" group, then one collapsed group per tag listing its operations. An operation with
 * two tags appears in both groups and links to its one page.
 */
import { loadTags, newestDocsVersion, operationHref, versionPrefix } from "./operations.ts"

type BadgeVariant = "note" | "tip" | "caution" | "danger" | "success" | "default"

const methodBadge: Record<string, BadgeVariant> = {
  GET: "success",
  POST: "note",
  PUT: "caution",
  PATCH: "caution",
  DELETE: "danger",
}

/** The sidebar of a version's pages (default the newest, at the site's root URLs). */
export const sidebar = async (version: string = newestDocsVersion) => {
  const tags = await loadTags(version)
  return [
    {
      label: "Start here",
      items: [
        { label: "Overview", link: "/" },
        { label: "All operations", link: `${versionPrefix(version)}/operations/` },
      ],
    },
    ...tags.map((tag) => ({
      label: tag.name,
      collapsed: true,
      items: tag.operations.map((op) => ({
        label: op.summary,
        link: operationHref(op, version),
        badge: { text: op.method, variant: methodBadge[op.method] ?? "default" },
      })),
    })),
  ]
}
