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
        if (!row) rows.set(name, (row = { name, method: method.toUpperCase(), paths: new Map(), aliases: new Map(), versions: [] }))
        if (row.method !== method.toUpperCase()) throw new Error(`generate: ${name} is ${row.method} and ${method} in ${version}`)
        row.versions.push(version)
        row.paths.set(path, [...(row.paths.get(path) ?? []), version])
        const alias = aliasOf(operation, name)
        if (alias) row.aliases.set(alias, [...(row.aliases.get(alias) ?? []), version])
      }
    },
    versions: (): ReadonlyArray<string> => versions,
    render: (top: string): string => {
      const list = (vs: ReadonlyArray<string>) => `[${vs.map((v) => JSON.stringify(v)).join(", ")}]`
      const record = (m: Map<string, Array<string>>) =>
        `{${m.size ? " " : ""}${[...m].map(([k, vs]) => `${JSON.stringify(k)}: ${list(vs)}`).join(", ")}${m.size ? " " : ""}}`
      const sorted = [...rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      return (
        top +
        `import type { Route } from "../Versions.ts"\n\n` +
        `/**\n * Every operation of every typed version, sorted by method name.\n *\n * @category routes\n */\n` +
        `export const routes: ReadonlyArray<Route> = [\n` +
        sorted
          .map(
            (r) =>
              `  { name: ${JSON.stringify(r.name)}, method: ${JSON.stringify(r.method)}, versions: ${list(r.versions)}, paths: ${record(r.paths)}, aliases: ${record(r.aliases)} },\n`,
          )
          .join("") +
        `]\n`
      )
    },
  }
}
