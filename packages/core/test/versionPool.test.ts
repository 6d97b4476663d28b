/**
 * The older versions' registries are stored as what differs (scripts/lib/versionPool.ts): one pool of factories,
 * each written once however many versions share it, and per version the list of its own. These tests check that a
 * version built from the pool is that version's (even with other versions built in the same process) and that what
 * versions share is stored once.
 */
import * as Schema from "effect/Schema"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { registryLoaders, schemaKit } from "../src/generated/loaders.ts"
import { operations } from "../src/generated/registry.ts"

const versionsDir = fileURLToPath(new URL("../src/generated/versions", import.meta.url))

/** The pool's factories a version's registry module lists (the first argument of its `link(...)`). */
const entriesOf = (version: string): Array<number> => {
  const text = readFileSync(join(versionsDir, version, "registry.js"), "utf8")
  return JSON.parse(/from"\.\.\/pool\.js";.*?\((\[[0-9,]*\])/.exec(text)![1]!) as Array<number>
}

// 2.16 added "whatsapp" to a message's types; 2.14 and 2.7 have three.
const whatsappMessage = {
  message_type: "whatsapp",
  subject: "Hello",
  body: "Hello there",
  template: "plain",
  from: { type: "admin", id: 1 },
  to: { type: "user", id: "1" },
}
const bodyIssues = (ops: Readonly<Record<string, unknown>>): string => {
  const op = ops["createMessage"] as { readonly body: { readonly schema: Schema.Codec<unknown> } }
  const exit = Schema.decodeUnknownExit(op.body.schema)(whatsappMessage)
  return exit._tag === "Success" ? "" : String(exit.cause)
}

describe("versions stored as what differs", () => {
  it("builds each version with its own models, whatever other versions the process built", async () => {
    // Built before the others load, checked after: a namespace shared between versions would answer with the last.
    const v214 = (await registryLoaders["2.14"]()).default(schemaKit)
    const v27 = (await registryLoaders["2.7"]()).default(schemaKit)
    const preview = (await registryLoaders.Preview()).default(schemaKit)
    expect(bodyIssues(v214.operations)).toContain(`Expected "in_app" | "email" | "conversation"`)
    expect(bodyIssues(v27.operations)).toContain(`Expected "in_app" | "email" | "conversation"`)
    expect(bodyIssues(preview.operations)).toBe("")
    expect(bodyIssues(operations)).toBe("")
    // Each build is its own: two builds of one version share no descriptor object with each other or another version.
    const again = (await registryLoaders["2.14"]()).default(schemaKit)
    expect(again.operations["createMessage"]).not.toBe(v214.operations["createMessage"])
    expect(v214.operations["createMessage"]).not.toBe(preview.operations["createMessage"])
  })

  it("stores a factory the versions share once, in the pool, and only what a version alone has in its module", () => {
    const versions = Object.keys(registryLoaders)
    const lists = versions.map(entriesOf)
    const users = new Map<number, number>()
    for (const entry of lists.flat()) users.set(entry, (users.get(entry) ?? 0) + 1)
    // Every factory of the pool is shared by two versions or more.
    expect(Math.max(...users.keys())).toBe(users.size - 1)
    expect([...users.values()].every((n) => n >= 2)).toBe(true)
    expect(users.size).toBeLessThan(lists.flat().length / 3)
    const [v214, v215] = [entriesOf("2.14"), entriesOf("2.15")]
    expect(v214.filter((entry) => v215.includes(entry)).length).toBeGreaterThan(v214.length * 0.8)
    // Versions with little of their own are little more than their lists.
    for (const version of ["2.8", "2.12", "2.14"]) {
      expect(statSync(join(versionsDir, version, "registry.js")).size, version).toBeLessThan(12_000)
    }
    expect(readdirSync(versionsDir).filter((f) => f.endsWith(".js"))).toEqual(["pool.js"])
  })
})
