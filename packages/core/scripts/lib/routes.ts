/**
 * `generated/routes.ts`: every operation of every version as data without prose (its method name, method, each
 * version's path template, the versions it exists in, its older names): the route table the gateway and the docs
 * read through `src/Versions.ts`.
 */
import type { Document } from "./spec.ts"
import { listOperations } from "./overrides.ts"
import { methodName } from "./names.ts"
import { aliasOf } from "./versions.ts"

interface Row {
  readonly name: string
  readonly method: string
  readonly paths: Map<string, Array<string>>
  readonly aliases: Map<string, Array<string>>
  readonly versions: Array<string>
}

/** Collects the routes of every version; `add` the corrected descriptions oldest first, then `render`. */
export const makeRouteTable = () => {
  const rows = new Map<string, Row>()
  const versions: Array<string> = []
  return {
    add: (doc: Document): void => {
      const version = doc.info.version
      versions.push(version)
      for (const { method, path, operation } of listOperations(doc)) {
        const name = methodName(operation.operationId ?? "")
        let row = rows.get(name)
        if (!row) {
          rows.set(
            name,
            row = { name, method: method.toUpperCase(), paths: new Map(), aliases: new Map(), versions: [] },
          )
        }
        if (row.method !== method.toUpperCase()) {
          throw new Error(`generate: ${name} is ${row.method} and ${method} in ${version}`)
        }
        row.versions.push(version)
        row.paths.set(path, [...(row.paths.get(path) ?? []), version])
        const alias = aliasOf(operation, name)
        if (alias) row.aliases.set(alias, [...(row.aliases.get(alias) ?? []), version])
      }
    },
    versions: (): ReadonlyArray<string> => versions,
    /**
     * `names.ts` over every version: the method names (and paging ones, and older names) of any version, which the
     * Promise clients put on their prototype; a client's type shows only its pinned version's.
     */
    renderNames: (top: string, rendered: ReadonlyMap<string, ReadonlyMap<string, string>>): string => {
      const block = (text: string, name: string) =>
        [...(new RegExp(`export const ${name} = \\[\\n([^\\]]*)\\] as const`).exec(text)?.[1] ?? "").matchAll(
          /"([^"]+)"/g,
        )].map((m) => m[1]!)
      const paged = new Set<string>()
      for (const files of rendered.values()) {
        for (const n of block(files.get("names.ts") ?? "", "paginatedOperationNames")) {
          paged.add(n)
        }
      }
      const sorted = [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      const aliases = sorted.flatMap((r) => [...r.aliases.keys()].map((a) => [a, r.name] as const)).sort((
        [a],
        [b],
      ) => (a < b ? -1 : a > b ? 1 : 0))
      return (
        top +
        `\n/**\n * Every operation's method name in any version, sorted.\n *\n * @category names\n */\n` +
        `export const operationNames = [\n${sorted.map((r) => `  ${JSON.stringify(r.name)},\n`).join("")}] as const\n` +
        `\n/**\n * The names of the operations that page in some version (\`paginate.<name>\` exists for these).\n *\n * @category names\n */\n` +
        `export const paginatedOperationNames = [\n${
          sorted.filter((r) => paged.has(r.name)).map((r) => `  ${JSON.stringify(r.name)},\n`).join("")
        }] as const\n` +
        `\n/**\n * Older names of some versions (deprecated aliases there), each to its method name.\n *\n * @category names\n */\n` +
        `export const deprecatedAliasNames = {\n${
          aliases.map(([a, n]) => `  ${a}: ${JSON.stringify(n)},\n`).join("")
        }} as const\n`
      )
    },
    render: (top: string): string => {
      const list = (vs: ReadonlyArray<string>) => `[${vs.map((v) => JSON.stringify(v)).join(", ")}]`
      const record = (m: Map<string, Array<string>>) =>
        `{${m.size ? " " : ""}${[...m].map(([k, vs]) => `${JSON.stringify(k)}: ${list(vs)}`).join(", ")}${
          m.size ? " " : ""
        }}`
      const sorted = [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      return (
        top +
        `import type { Route } from "../internal/route.ts"\n\n` +
        `/**\n * Every operation of every typed version, sorted by method name.\n *\n * @category routes\n */\n` +
        `export const routes: ReadonlyArray<Route> = [\n` +
        sorted
          .map(
            (r) =>
              `  { name: ${JSON.stringify(r.name)}, method: ${JSON.stringify(r.method)}, versions: ${
                list(r.versions)
              }, paths: ${record(r.paths)}, aliases: ${record(r.aliases)} },\n`,
          )
          .join("") +
        `]\n`
      )
    },
  }
}
