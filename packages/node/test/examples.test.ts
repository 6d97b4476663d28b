// Every example shipped in the published declarations compiles: each ```ts block of a doc comment (`@example` and
// module headers alike) in the BUILT .d.ts files of core, node, browser and gateway is type-checked as a consumer's
// file against the built packages, resolved through their `exports` as a consumer's would be.
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { type ConsumerFile, consumerDiagnostics } from "@utdk/intercom-testing/consumerTypes"
import { describe, expect, it } from "vitest"

const packagesDir = fileURLToPath(new URL("../..", import.meta.url))

/** Where a package's examples are checked: core's name the Node client's `intercom`, so they run beside it. */
const shipped = [
  { name: "core", checkedIn: "node", client: "@utdk/intercom" },
  { name: "node", checkedIn: "node", client: "@utdk/intercom" },
  { name: "browser", checkedIn: "browser", client: "@utdk/intercom-browser" },
  { name: "gateway", checkedIn: "gateway", client: undefined },
] as const

const declarationFiles = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? declarationFiles(join(dir, entry.name))
      : entry.name.endsWith(".d.ts")
      ? [join(dir, entry.name)]
      : []
  )

/** The ```ts blocks of a file's doc comments, their ` * ` margins removed. */
const examplesOf = (text: string): Array<string> =>
  [...text.matchAll(/\/\*\*[\s\S]*?\*\//g)].flatMap(([comment]) =>
    [...comment.replace(/^[ \t]*\* ?/gm, "").matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!)
  )

/** An example that uses a client it does not make gets the package's default client's type. */
const prelude = (example: string, client: string | undefined): string =>
  client !== undefined && /\bintercom\./.test(example) && !/\b(?:const|let|import)\s+intercom\b/.test(example)
    ? `import type { Intercom as ExampleClient } from "${client}"\ndeclare const intercom: ExampleClient\n`
    : ""

const files: Array<ConsumerFile & { readonly origin: string }> = shipped.flatMap(({ name, checkedIn, client }) => {
  const dist = join(packagesDir, name, "dist")
  return declarationFiles(dist).flatMap((file) =>
    examplesOf(readFileSync(file, "utf8")).map((example, index) => {
      const origin = `${name}/dist/${relative(dist, file)} #${index + 1}`
      const head = prelude(example, client)
      return {
        origin,
        packageDir: join(packagesDir, checkedIn),
        name: `example-${origin.replace(/[^A-Za-z0-9]+/g, "-")}.ts`,
        // Its own module (top-level await, no clash between examples); the prelude's lines come first.
        source: `${head}${example}\nexport {}\n`,
      }
    })
  )
})

describe("the examples in the published declarations", { timeout: 300_000 }, () => {
  it("are found in every package that ships some", () => {
    const count = (name: string) => files.filter((file) => file.origin.startsWith(`${name}/`)).length
    console.log(`examples: ${shipped.map(({ name }) => `${name} ${count(name)}`).join(", ")}`)
    // Core has one per operation with a spec example, on the client's method (an operation's module points there).
    expect(count("core")).toBeGreaterThan(150)
    for (const name of ["node", "browser", "gateway"]) expect(count(name)).toBeGreaterThan(0)
  })

  it("each compile against the built packages", () => {
    const diagnostics = consumerDiagnostics(files)
    const failing = files
      .filter((file) => diagnostics.get(file.name)!.length > 0)
      .map((file) => `${file.origin}:\n${file.source}\n  ${diagnostics.get(file.name)!.join("\n  ")}`)
    expect(failing).toEqual([])
  })
})
