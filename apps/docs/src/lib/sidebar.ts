/**
 * Starlight sidebar: a "Start here" group, then one collapsed group per tag listing its operations. An operation with
 * two tags appears in both groups and links to its one page.
 */
import { loadTags, operationHref } from "./operations.ts"

type BadgeVariant = "note" | "tip" | "caution" | "danger" | "success" | "default"

const methodBadge: Record<string, BadgeVariant> = {
  GET: "success",
  POST: "note",
  PUT: "caution",
  PATCH: "caution",
  DELETE: "danger",
}

export const sidebar = async () => {
  const tags = await loadTags()
  return [
    {
      label: "Start here",
      items: [
        { label: "Overview", link: "/" },
        { label: "All operations", link: "/operations/" },
      ],
    },
    ...tags.map((tag) => ({
      label: tag.name,
      collapsed: true,
      items: tag.operations.map((op) => ({
        label: op.summary,
        link: operationHref(op),
        badge: { text: op.method, variant: methodBadge[op.method] ?? "default" },
      })),
    })),
  ]
}
