/**
 * Response bodies for the benchmarks, built at bench time from the examples in Intercom's OpenAPI description
 * (the spec stays outside the repository; nothing here is committed as data).
 */
import { readFileSync } from "node:fs"
import { specPath } from "@utdk/intercom-testing/spec"
import { parse } from "yaml"

type Json = Record<string, any>

const example = (spec: Json, path: string, method: string, name?: string): Json => {
  const examples = spec.paths[path][method].responses["200"].content["application/json"].examples
  const picked = name === undefined ? Object.values(examples)[0] : examples[name]
  if (picked === undefined) throw new Error(`bench: no example ${name ?? "(first)"} for ${method} ${path}`)
  return structuredClone((picked as Json).value)
}

export interface Fixtures {
  /** `updateConversation`'s 200 example ("conversation found"), as the server sends it. */
  readonly conversation: string
  /** A `listConversations` page holding 150 conversations (the API's maximum `per_page`). */
  readonly conversationPage: string
}

/** Reads the spec once and builds the bodies. */
export const loadFixtures = (): Fixtures => {
  const spec = parse(readFileSync(specPath("2.16"), "utf8")) as Json
  const conversation = example(spec, "/conversations/{conversation_id}", "put", "conversation found")
  const page = example(spec, "/conversations", "get")
  const item = page.conversations[0]
  page.conversations = Array.from({ length: 150 }, (_, i) => ({
    ...structuredClone(item),
    id: String(1000 + i),
    created_at: item.created_at + i,
    updated_at: item.updated_at + i,
    read: i % 2 === 0,
  }))
  page.pages = {
    ...page.pages,
    per_page: 150,
    total_pages: 7,
    next: { per_page: 150, starting_after: "WzE3MzQ1Mzc0NjAwMDAsMTE0OV0=" },
  }
  page.total_count = 1000
  return { conversation: JSON.stringify(conversation), conversationPage: JSON.stringify(page) }
}
