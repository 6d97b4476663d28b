/**
 * What a version other than the newest adds to `generated/`: `versions/<version>/registry.d.ts`, the declaration of
 * its registry module (versionPool.ts writes the module, loaded only by a client pinned to it), and
 * `versions/<version>/types.d.ts`, its types,
 * storing only what differs from the newest version's: a model, argument, result or method whose declaration (and
 * everything it refers to) is the newest's is imported from the newest's modules, not written again.
 */

/** The declaration of a registry module (versionPool.ts). */
export const registryDeclaration = (top: string): string =>
  top +
  `import type { Operation } from "../../../Operation.ts"\n\n` +
  `/** Builds this version's operations with the loading engine's own effect \`Schema\` (\`schemaKit\` of \`loaders.ts\`). */\n` +
  `declare const make: (schema: object) => {\n` +
  `  readonly operations: { readonly [name: string]: Operation<any, any, any> }\n` +
  `  readonly deprecatedAliases: { readonly [name: string]: Operation<any, any, any> }\n` +
  `}\n` +
  `export default make\n`

interface Declaration {
  readonly name: string
  /** The declaration without its JSDoc: what decides whether it is the newest's. */
  readonly code: string
  readonly text: string
}

/** The top-level `export interface|type` declarations of a generated type module, each with its JSDoc. */
const declarationsOf = (text: string): Array<Declaration> =>
  text
    .split(/\n(?=\/\*\*)/)
    .map((chunk) => {
      const name = /^export (?:interface|type) ([A-Za-z0-9_]+)/m.exec(chunk)?.[1]
      if (name === undefined) return undefined
      const start = chunk.search(/^export /m)
      return { name, code: withoutDocs(chunk.slice(start)), text: chunk.slice(chunk.lastIndexOf("/**", start)).trim() }
    })
    .filter((d): d is Declaration => d !== undefined)

/**
 * A method's JSDoc cut to its summary and its deprecation: an older version's own declarations carry no other prose
 * (the newest's, shared, keep theirs), which keeps the declarations a consumer's type-check parses small.
 */
const briefDoc = (text: string): string => {
  const lines = (/\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? "").split("\n").map((l) => l.replace(/^\s*\* ?/, "").trim())
  const summary = lines.find((l) => l !== "")
  const deprecated = lines.filter((l) => l.startsWith("@deprecated"))
  const kept = [...(summary !== undefined && !summary.startsWith("@") ? [summary] : []), ...deprecated]
  return kept.length === 0 ? "" : `  /**\n${kept.map((l) => `   * ${l}\n`).join("")}   */\n`
}

/** Code without its JSDoc (field docs inside an interface included): prose never decides what is shared. */
const withoutDocs = (code: string): string => code.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, "").trim()

const identifiers = (code: string): Set<string> => new Set(code.match(/\b[A-Z][A-Za-z0-9_]*\b/g) ?? [])

interface Member {
  readonly name: string
  readonly code: string
  readonly text: string
}

/** The members of a generated methods interface (`IntercomMethods<K>`), each with its JSDoc. */
const membersOf = (text: string, interfaceName: string): Array<Member> => {
  const start = text.indexOf(`export interface ${interfaceName}<`)
  if (start < 0) throw new Error(`generate: no ${interfaceName} in methods.ts`)
  const body = text.slice(text.indexOf("{\n", start) + 2, text.indexOf("\n}\n", start) + 1)
  const members: Array<Member> = []
  let lines: Array<string> = []
  for (const line of body.split("\n")) {
    lines.push(line)
    const signature = /^  ([A-Za-z0-9_$]+)\(.*\): MethodReturn<K, .*>$/.exec(line)
    if (!signature) continue
    members.push({ name: signature[1]!, code: line.trim(), text: lines.join("\n") })
    lines = []
  }
  return members
}

/**
 * `types.d.ts` of a version: its models, the arguments and results of its operations, and its methods interfaces,
 * with everything equal to the newest version's (`newest`, rendered files) imported from the newest's modules.
 */
export const versionTypes = (
  top: string,
  own: ReadonlyMap<string, string>,
  newest: ReadonlyMap<string, string>,
  /** Later versions but the newest (`versions/<v>/types.d.ts` exports every declaration of its version). */
  later: ReadonlyArray<{ readonly version: string; readonly files: ReadonlyMap<string, string> }> = [],
): string => {
  const read = (files: ReadonlyMap<string, string>, file: string) => {
    const text = files.get(file)
    if (text === undefined) throw new Error(`generate: no ${file} rendered`)
    return text
  }
  const kinds = ["modelTypes.ts", "operationTypes.ts"] as const
  const ownDecls = kinds.flatMap((file) => declarationsOf(read(own, file)).map((d) => ({ ...d, file })))
  const ownNames = new Set(ownDecls.map((d) => d.name))
  // Shared with a version: the same code as that version's and, transitively, only declarations shared with it
  // referred to. The newest's first, then the later versions (2.7 shares most of 2.8's), newest first.
  const sharedWith = (files: ReadonlyMap<string, string>): Set<string> => {
    const code = new Map(
      kinds.flatMap((file) => declarationsOf(read(files, file)).map((d) => [d.name, d.code] as const)),
    )
    const shared = new Set(ownDecls.filter((d) => code.get(d.name) === d.code).map((d) => d.name))
    for (let changed = true; changed;) {
      changed = false
      for (const d of ownDecls) {
        if (!shared.has(d.name)) continue
        for (const ref of identifiers(d.code)) {
          if (ref !== d.name && ownNames.has(ref) && !shared.has(ref)) {
            shared.delete(d.name)
            changed = true
            break
          }
        }
      }
    }
    return shared
  }
  const sources = [
    { version: undefined as string | undefined, shared: sharedWith(newest) },
    ...[...later].reverse().map((l) => ({ version: l.version as string | undefined, shared: sharedWith(l.files) })),
  ]
  const sourceOf = new Map<string, string | undefined>()
  for (const d of ownDecls) {
    const source = sources.find((s) => s.shared.has(d.name))
    if (source) sourceOf.set(d.name, source.version)
  }
  const shared = new Set(sourceOf.keys())
  const newestShared = sources[0]!.shared
  const methodsText = read(own, "methods.ts")
  const newestMethods = read(newest, "methods.ts")
  const methodsOf = (interfaceName: string) => {
    const newestMembers = new Map(membersOf(newestMethods, interfaceName).map((m) => [m.name, m.code]))
    const members = membersOf(methodsText, interfaceName)
    const same = members.filter(
      (m) =>
        newestMembers.get(m.name) === m.code &&
        [...identifiers(m.code)].every((ref) => !ownNames.has(ref) || newestShared.has(ref)),
    )
    const sameNames = new Set(same.map((m) => m.name))
    const picked = same.length > 0
      ? ` extends Pick<Newest${interfaceName}<K>, ${same.map((m) => JSON.stringify(m.name)).join(" | ")}>`
      : ""
    return (
      `/**\n * One method per operation of this version (those the same as the newest version's come from it).\n *\n * @category methods\n */\n` +
      `export interface ${interfaceName}<K extends MethodKind>${picked} {\n` +
      members.filter((m) => !sameNames.has(m.name)).map((m) => `${briefDoc(m.text)}  ${m.code}\n`).join("") +
      `}\n`
    )
  }
  const body = ownDecls.filter((d) => !shared.has(d.name)).map((d) => `${d.code}\n`).join("\n") +
    `\n` +
    methodsOf("IntercomMethods") +
    `\n` +
    methodsOf("IntercomPaginateMethods")
  // Every shared name is re-exported, but imported only if this module's own code refers to it: the names are most of
  // what an older version's module holds, and a consumer's type-check parses every version's.
  const referenced = identifiers(body)
  const importShared = (from: string | undefined, file: string | undefined) => {
    const names = ownDecls.filter((d) =>
      sourceOf.has(d.name) && sourceOf.get(d.name) === from && (file === undefined || d.file === file)
    ).map((d) => d.name).sort()
    const path = from === undefined ? `../../${file}` : `../${from}/types.js`
    const used = names.filter((n) => referenced.has(n))
    return (used.length ? `import type { ${used.join(", ")} } from "${path}"\n` : "") +
      (names.length ? `export type { ${names.join(", ")} } from "${path}"\n` : "")
  }
  return (
    top +
    `import type { ItemOf, MethodKind, MethodReturn } from "../../../MethodKind.ts"\n` +
    `import type { IntercomMethods as NewestIntercomMethods, IntercomPaginateMethods as NewestIntercomPaginateMethods } from "../../methods.ts"\n` +
    kinds.map((file) => importShared(undefined, file)).join("") +
    sources.slice(1).map((source) => importShared(source.version, undefined)).join("") +
    `\n` +
    body
  )
}

/** `V2_14`, `VPreview`: a version as an identifier. */
const alias = (version: string): string => `V${version.replace(/\./g, "_")}`

/**
 * `versionTypes.ts`: each typed version's methods interfaces by version name (the newest's are `methods.ts`), which
 * the clients index with their pinned version; and `loaders.ts`: each other version's registry module, imported at
 * the first call of a client pinned to it.
 */
export const versionIndex = (
  top: string,
  versions: ReadonlyArray<string>,
  newest: string,
  /** The rendered sources of the other versions' registries (not the minified bundles: their names are gone). */
  registries: ReadonlyArray<string>,
): Map<string, string> => {
  // The members of effect's Schema the registry modules use, named here so that a bundler keeps these alone.
  const members = [
    ...new Set(registries.flatMap((code) => [...code.matchAll(/\bSchema\.([A-Za-z]+)\b(?!<)/g)].map((m) => m[1]!))),
  ].sort()
  const others = versions.filter((v) => v !== newest)
  const types = top +
    `import type { MethodKind } from "../MethodKind.ts"\n` +
    `import type { IntercomMethods, IntercomPaginateMethods } from "./methods.ts"\n` +
    others.map((v) => `import type * as ${alias(v)} from "./versions/${v}/types.js"\n`).join("") +
    `\n/**\n * Each typed version's methods (one per operation of that version), by version.\n *\n * @category methods\n */\n` +
    `export interface MethodsByVersion<K extends MethodKind> {\n` +
    versions.map((v) =>
      `  readonly ${JSON.stringify(v)}: ${v === newest ? "IntercomMethods<K>" : `${alias(v)}.IntercomMethods<K>`}\n`
    ).join("") +
    `}\n` +
    `\n/**\n * Each typed version's paging methods, by version.\n *\n * @category methods\n */\n` +
    `export interface PaginateMethodsByVersion<K extends MethodKind> {\n` +
    versions
      .map((v) =>
        `  readonly ${JSON.stringify(v)}: ${
          v === newest ? "IntercomPaginateMethods<K>" : `${alias(v)}.IntercomPaginateMethods<K>`
        }\n`
      )
      .join("") +
    `}\n`
  const loaders = top +
    `import * as Schema from "effect/Schema"\n\n` +
    `/**\n * The parts of effect's \`Schema\` the registry modules below build their schemas with (they import no effect of\n * their own: the engine that loads them passes its copy).\n *\n * @category registry\n */\n` +
    `export const schemaKit: object = {\n${members.map((m) => `  ${m}: Schema.${m},\n`).join("")}}\n\n` +
    `/**\n * The registry module of each version but the newest (whose registry is \`registry.ts\`), imported on demand: a\n * process loads the versions its clients are pinned to, and no other.\n *\n * @category registry\n */\n` +
    `export const registryLoaders = {\n` +
    others.map((v) => `  ${JSON.stringify(v)}: () => import("./versions/${v}/registry.js"),\n`).join("") +
    `} as const\n`
  return new Map([
    ["versionTypes.ts", types],
    ["loaders.ts", loaders],
  ])
}
