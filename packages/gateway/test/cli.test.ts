// The intercom-gateway bin as shipped (dist/bin), started with flags and env like an operator would, in front of
// Prism: help, refused configurations, a forwarded operation, secrets kept out of output, clean shutdown.
import { newestVersion, routes } from "@utdk/intercom-core/Versions"
import { freePort } from "@utdk/intercom-testing/prism"
import { prismUrl } from "@utdk/intercom-testing/inject"
import { spawn, spawnSync } from "node:child_process"
import { once } from "node:events"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const bin = fileURLToPath(new URL("../dist/bin/intercom-gateway.js", import.meta.url))
const TOKEN = "dG9rOmNsaS10ZXN0LXRva2VuLWZyb20tYS1maWxl"
const run = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 90_000,
  })

describe("intercom-gateway bin", () => {
  it("prints its options", () => {
    const r = run(["--help"])
    expect(r.status).toBe(0)
    for (
      const flag of [
        "--port",
        "--upstream",
        "--allow-origin",
        "--allow-loopback-upstream",
        "--credentials",
        "--redis-url",
        "--rate-limit",
      ]
    ) {
      expect(r.stdout).toContain(flag)
    }
  })

  it.each([
    { args: [], env: {}, message: /INTERCOM_ACCESS_TOKEN/ },
    {
      args: ["--upstream", "https://evil.test"],
      env: { INTERCOM_ACCESS_TOKEN: TOKEN },
      message: /upstream must be one of/,
    },
    {
      args: ["--upstream", "http://127.0.0.1:4010"],
      env: { INTERCOM_ACCESS_TOKEN: TOKEN },
      message: /allow-loopback-upstream/,
    },
    { args: ["--allow-origin", "*"], env: { INTERCOM_ACCESS_TOKEN: TOKEN }, message: /exact origins/ },
    { args: ["--token", TOKEN], env: {}, message: /Unknown option '--token'/ },
    { args: ["--credentials", "session"], env: { GATEWAY_SESSION_SECRET: "too-short" }, message: /32 bytes/ },
  ])("refuses $args", ({ args, env, message }) => {
    const r = run(args, env)
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(message)
    expect(r.stderr + r.stdout).not.toContain(TOKEN)
  })

  it("serves registry operations from Prism with a token from a file, and stops on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gateway-cli-"))
    const tokenFile = join(dir, "token")
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 })
    const port = await freePort()
    const child = spawn(
      process.execPath,
      [
        bin,
        "--port",
        String(port),
        "--upstream",
        prismUrl(),
        "--allow-loopback-upstream",
        "--token-file",
        tokenFile,
        "--allow-origin",
        "https://docs.example.com",
      ],
      { env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] },
    )
    let output = ""
    child.stdout.on("data", (c: Buffer) => (output += c.toString()))
    child.stderr.on("data", (c: Buffer) => (output += c.toString()))
    try {
      const url = `http://127.0.0.1:${port}`
      for (let i = 0; i < 900 && !output.includes("\"event\":\"started\""); i++) {
        await new Promise((r) => setTimeout(r, 100))
      }
      // Every operation of every version is allowed by default (each only in the versions that have it).
      expect(output).toContain(`"operations":${routes.length}`)
      expect(output).toContain(`"default_version":"${newestVersion}"`)
      expect((await fetch(`${url}/healthz`)).status).toBe(200)
      const response = await fetch(`${url}/conversations/123`, {
        method: "PUT",
        headers: { "content-type": "application/json", origin: "https://docs.example.com" },
        body: JSON.stringify({ read: true }),
      })
      expect(response.status).toBe(200)
      expect(((await response.json()) as { type: string }).type).toBe("conversation")
      expect(response.headers.get("access-control-allow-origin")).toBe("https://docs.example.com")
      expect((await fetch(`${url}/not-an-operation`)).status).toBe(404)
    } finally {
      const exited = once(child, "exit")
      child.kill("SIGTERM")
      const [code] = (await exited) as [number | null]
      expect(code).toBe(0)
    }
    expect(output).toContain("\"operation\":\"updateConversation\"")
    expect(output).toContain("\"event\":\"stopping\"")
    expect(output).not.toContain(TOKEN)
  })
})
