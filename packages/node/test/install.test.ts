/**
 * Installs the packed tarballs of `@utdk/intercom-core` and `@utdk/intercom` as a user does (npm, an empty folder,
 * everything else from the registry), then type-checks and runs the README's own examples against a local server:
 * (a) beside the newest effect 4.x and `@effect/platform-node`: one effect in `node_modules`, the Effect example, the
 * OAuth flow, errors yieldable and an effect `Redacted` token read with the app's effect; (b) with no effect at all:
 * `npm ls effect` is empty and the Promise example, its typed-error catch and the OAuth flow work.
 *
 * Needs the packages built (turbo's test task depends on build) and the npm registry.
 */
import { execFile } from "node:child_process"
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const tsc = join(root, "node_modules/typescript/bin/tsc")

interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const run = (
  command: string,
  args: ReadonlyArray<string>,
  cwd: string,
  env: Record<string, string> = {},
): Promise<Ran> =>
  new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr }),
    )
  })

const ok = async (
  command: string,
  args: ReadonlyArray<string>,
  cwd: string,
  env?: Record<string, string>,
): Promise<string> => {
  const ran = await run(command, args, cwd, env)
  if (ran.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${ran.code}):\n${ran.stdout}\n${ran.stderr}`)
  }
  return ran.stdout
}

/** The README's ```ts blocks, list items' indented ones included, dedented. */
const readmeBlocks = async (): Promise<ReadonlyArray<string>> => {
  const text = await readFile(join(root, "packages/node/README.md"), "utf8")
  return [...text.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map(([, indent, body]) =>
    body!.split("\n").map((line) => line.slice(indent!.length)).join("\n")
  )
}

const blockWith = (blocks: ReadonlyArray<string>, ...needles: ReadonlyArray<string>): string => {
  const block = blocks.find((b) => needles.every((n) => b.includes(n)))
  if (block === undefined) throw new Error(`the README has no example with ${needles.join(", ")}`)
  return block
}

/** Every copy of effect under node_modules (nested ones included). */
const effectCopies = async (dir: string): Promise<ReadonlyArray<string>> => {
  const found: Array<string> = []
  const walk = async (modules: string): Promise<void> => {
    const entries = await readdir(modules, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (!entry.isDirectory()) continue
      const path = join(modules, entry.name)
      if (entry.name.startsWith("@")) {
        for (const scoped of await readdir(path, { withFileTypes: true })) {
          if (scoped.isDirectory()) await walk(join(path, scoped.name, "node_modules"))
        }
      } else {
        if (entry.name === "effect") found.push(path)
        if (entry.name !== ".bin") await walk(join(path, "node_modules"))
      }
    }
  }
  await walk(join(dir, "node_modules"))
  return found
}

/** A local Intercom: a conversation (a 404 to GET with the token `not-found`), and the OAuth token endpoint. */
const seen: Array<{ readonly method: string; readonly url: string; readonly authorization: string | undefined }> = []
let server: Server
let baseUrl: string
let tarballs: ReadonlyArray<string>
let work: string

const answer = (request: IncomingMessage): { readonly status: number; readonly body: unknown } => {
  if (request.url === "/auth/eagle/token") {
    return { status: 200, body: { access_token: "oauth-token-1", token_type: "Bearer" } }
  }
  if (request.url?.startsWith("/conversations/123")) {
    if (request.method === "GET" && request.headers.authorization === "Bearer not-found") {
      return {
        status: 404,
        body: {
          type: "error.list",
          request_id: "req-1",
          errors: [{ code: "not_found", message: "Resource Not Found" }],
        },
      }
    }
    return { status: 200, body: { type: "conversation", id: "123", read: true } }
  }
  return { status: 404, body: { type: "error.list", errors: [{ code: "not_found", message: "no route" }] } }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ method: request.method ?? "", url: request.url ?? "", authorization: request.headers.authorization })
    request.resume()
    request.on("end", () => {
      const { status, body } = answer(request)
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  work = await mkdtemp(join(tmpdir(), "intercom-install-"))
  const packed = join(work, "packed")
  tarballs = []
  for (const pkg of ["core", "node"]) {
    const out = await ok("pnpm", ["pack", "--pack-destination", packed, "--json"], join(root, "packages", pkg))
    tarballs = [...tarballs, (JSON.parse(out) as { readonly filename: string }).filename]
  }
}, 120_000)

afterAll(async () => {
  server?.close()
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

const tsconfig = {
  compilerOptions: {
    module: "nodenext",
    target: "es2022",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    types: ["node"],
  },
  include: ["*.ts"],
}

/** An empty project with the tarballs and `extra` from the registry installed by npm. */
const project = async (name: string, extra: ReadonlyArray<string>): Promise<string> => {
  const dir = join(work, name)
  await ok("mkdir", ["-p", dir], work)
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: `install-${name}`, private: true, type: "module" }))
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify(tsconfig))
  await ok(
    "npm",
    ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs, "@types/node@^22", ...extra],
    dir,
  )
  return dir
}

/** The OAuth flow's free names, and `fetch` sent to the local server instead of api.intercom.io. */
const oauthPrelude = `
const realFetch = globalThis.fetch
globalThis.fetch = (input, init) => realFetch(String(input).replace("https://api.intercom.io", process.env.INTERCOM_BASE_URL!), init)
const clientId = "client-1", state = "state-1", code = "code-1", clientSecret = "secret-1", workspaceId = "w1"
const saved = new Map<string, string>()
const saveToken = async (id: string, text: string): Promise<void> => void saved.set(id, text)
`

const oauthChecks = `
if (!authorizeUrl.includes("client_id=client-1")) throw new Error("authorize url: " + authorizeUrl)
if (saved.get("w1") !== "oauth-token-1") throw new Error("the stored token is not the token: " + saved.get("w1"))
for (const shown of [String(token), \`\${token}\`, JSON.stringify({ token })]) {
  if (shown.includes("oauth-token-1")) throw new Error("the token leaks: " + shown)
}
const fetched = await workspace.retrieveConversation({ conversation_id: "123" })
if (fetched.id !== "123") throw new Error("no conversation")
console.log("oauth ok")
`

const typecheckAndRun = async (dir: string, files: Record<string, string>, env: Record<string, string>) => {
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text)
  await ok(process.execPath, [tsc, "-p", dir], dir)
  const out: Array<string> = []
  for (const file of Object.keys(files)) {
    out.push(await ok(process.execPath, [file], dir, { INTERCOM_BASE_URL: baseUrl, INTERCOM_LOG: "error", ...env }))
  }
  return out.join("")
}

describe("the packed packages, installed with npm", () => {
  it("without effect: npm ls effect is empty and the README's Promise examples type-check and run", async () => {
    const dir = await project("promise", [])
    const ls = await run("npm", ["ls", "effect", "--all"], dir)
    console.log(`npm ls effect (no effect):\n${ls.stdout}`)
    expect(ls.stdout).toContain("(empty)")
    expect(await effectCopies(dir)).toEqual([])
    const blocks = await readmeBlocks()
    seen.length = 0
    const out = await typecheckAndRun(
      dir,
      {
        "promise.ts": `${blockWith(blocks, `import intercom, { Intercom`)}
if (conversation.id !== "123") throw new Error("no conversation")
${blockWith(blocks, "catch (error)", "IntercomNotFoundError")}
console.log("promise ok")
`,
        "oauth.ts": `${oauthPrelude}${blockWith(blocks, "exchangeOAuthCode(", "token.reveal()")}${oauthChecks}`,
        // An older version's registry is built from the versions' shared pool, which must be in the tarball too.
        "pinned.ts": `import { Intercom } from "@utdk/intercom"
const pinned = new Intercom({ token: "t", baseUrl: process.env.INTERCOM_BASE_URL!, version: "2.14" })
// @ts-expect-error 2.14 has no attachTagToArticle
void pinned.attachTagToArticle
const pinnedConversation = await pinned.retrieveConversation({ conversation_id: "123" })
if (pinnedConversation.id !== "123") throw new Error("no conversation")
console.log("pinned ok")
`,
      },
      { INTERCOM_ACCESS_TOKEN: "not-found" },
    )
    // The catch example prints the 404's code and request id.
    expect(out).toContain("not_found req-1")
    expect(out).toContain("promise ok")
    expect(out).toContain("oauth ok")
    expect(out).toContain("pinned ok")
    expect(seen).toContainEqual({ method: "GET", url: "/conversations/123", authorization: "Bearer oauth-token-1" })
  }, 600_000)

  it(
    "beside the newest effect 4.x: one effect, and the README's Effect example and OAuth flow type-check and run",
    async () => {
      const dir = await project("effect", ["effect@^4", "@effect/platform-node@^4"])
      const ls = await run("npm", ["ls", "effect", "--all"], dir)
      console.log(`npm ls effect (with effect):\n${ls.stdout}`)
      expect(ls.code).toBe(0) // no invalid or missing peer
      expect(await effectCopies(dir)).toEqual([join(dir, "node_modules/effect")])
      const blocks = await readmeBlocks()
      seen.length = 0
      const out = await typecheckAndRun(
        dir,
        {
          "effect.ts": `${blockWith(blocks, `from "@utdk/intercom/effect"`, "Effect.gen")}
await Effect.runPromise(program)
console.log("effect ok")
`,
          "oauth.ts": `${oauthPrelude}${blockWith(blocks, "exchangeOAuthCode(", "token.reveal()")}${oauthChecks}`,
          // What broke with two effects: yield* of an error, catchTag, and an effect Redacted token.
          "app-effect.ts": `import { NodeHttpClient } from "@effect/platform-node"
import { Effect, Redacted } from "effect"
import { Intercom as Client } from "@utdk/intercom"
import { Intercom, IntercomNotFoundError } from "@utdk/intercom/effect"

const tag = await Effect.runPromise(
  Effect.gen(function* () {
    // Yielded as it is (its declaration is a plain Error's, so that Promise users' types need no effect).
    const error = new IntercomNotFoundError({ message: "gone", operation: "x", status: 404, errors: [], requestId: undefined, headers: {}, body: undefined, attempts: 1 })
    return yield* (error as unknown as Effect.Effect<never, IntercomNotFoundError>)
  }).pipe(Effect.catchTag("IntercomNotFoundError", (error) => Effect.succeed(error._tag))),
)
if (tag !== "IntercomNotFoundError") throw new Error("not yieldable: " + tag)
const viaPromise = await new Client({ token: Redacted.make("redacted-token-1") }).retrieveConversation({ conversation_id: "123" })
const viaLayer = await Effect.runPromise(
  Effect.gen(function* () {
    return yield* (yield* Intercom).retrieveConversation({ conversation_id: "123" })
  }).pipe(Effect.provide(Intercom.layer({ token: Redacted.make("redacted-token-2"), baseUrl: process.env.INTERCOM_BASE_URL! })), Effect.provide(NodeHttpClient.layerUndici)),
)
if (viaPromise.id !== "123" || viaLayer.id !== "123") throw new Error("no conversation")
console.log("app effect ok")
`,
        },
        { INTERCOM_ACCESS_TOKEN: "effect-token" },
      )
      expect(out).toContain("effect ok")
      expect(out).toContain("oauth ok")
      expect(out).toContain("app effect ok")
      expect(seen).toContainEqual({ method: "PUT", url: "/conversations/123", authorization: "Bearer effect-token" })
      expect(seen).toContainEqual({ method: "GET", url: "/conversations/123", authorization: "Bearer oauth-token-1" })
      expect(seen).toContainEqual({
        method: "GET",
        url: "/conversations/123",
        authorization: "Bearer redacted-token-1",
      })
      expect(seen).toContainEqual({
        method: "GET",
        url: "/conversations/123",
        authorization: "Bearer redacted-token-2",
      })
    },
    600_000,
  )
})
