// The gateway knows versions (issue 20): an operation is forwarded only in the versions whose description has it,
// a request without Intercom-Version is sent upstream with the gateway's default (Intercom would otherwise answer in
// the app's Developer Hub version), and an unknown version or a missing operation is refused with an error naming the
// version. Real servers: the gateway's Node server, a recording upstream, and the stand-in (one Prism per version).
import { routes, newestVersion, pathIn } from "@utdk/intercom-core/Versions"
import { prismUrl } from "@utdk/intercom-testing/inject"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { allOperations, type GatewayOptions } from "../src/Gateway.ts"
import { parseGatewayConfig } from "../src/node/config.ts"
import { startGatewayServer, type RunningGatewayServer } from "../src/node/server.ts"
import { startRecordingUpstream } from "./fixtures.ts"

const TOKEN = "tok_versions_0123456789"
const ORIGIN = "https://docs.example.com"
const fill = (template: string) => template.replace(/\{[^{}]+\}/g, "123")

// An operation of the newest version that 2.14 lacks, and one both have, from the generated route table.
const newIn216 = routes.find((r) => r.method === "GET" && r.versions.includes("2.16") && !r.versions.includes("2.14"))!
const inBoth = routes.find((r) => r.name === "updateConversation")!

let recording: Awaited<ReturnType<typeof startRecordingUpstream>>
const servers: Array<RunningGatewayServer> = []
const start = async (options: Partial<GatewayOptions> = {}, upstream?: string) => {
  const server = await startGatewayServer({
    gateway: {
      operations: allOperations,
      upstream: upstream ?? recording.url,
      credentials: { mode: "server", token: TOKEN },
      cors: { allowedOrigins: [ORIGIN] },
      rateLimit: false,
      ...options,
    },
  })
  servers.push(server)
  return server
}

beforeAll(async () => {
  recording = await startRecordingUpstream()
})
afterAll(async () => {
  for (const server of servers) await server.close()
  await recording?.close()
})

const send = (base: string, method: string, path: string, version?: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: {
      origin: ORIGIN,
      ...(version === undefined ? {} : { "intercom-version": version }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  })

interface ErrorList {
  readonly type: string
  readonly errors: ReadonlyArray<{ readonly code: string; readonly message: string }>
}

describe("the gateway forwards an operation only in the versions that have it", () => {
  it("refuses an operation the named version lacks, naming the version, with CORS headers", async () => {
    const gateway = await start()
    recording.reset()
    const res = await send(gateway.url, "GET", fill(pathIn(newIn216, "2.16")!), "2.14")
    expect(res.status).toBe(404)
    expect(res.headers.get("x-gateway-error")).toBe("operation_not_in_version")
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN)
    const body = (await res.json()) as ErrorList
    expect(body.type).toBe("error.list")
    expect(body.errors[0]!.code).toBe("operation_not_in_version")
    expect(body.errors[0]!.message).toContain(newIn216.name)
    expect(body.errors[0]!.message).toContain("Intercom-Version 2.14")
    expect(recording.requests).toEqual([])
  })

  it("forwards the same operation in a version that has it", async () => {
    const gateway = await start()
    recording.reset()
    const res = await send(gateway.url, "GET", fill(pathIn(newIn216, "2.16")!), "2.16")
    expect(res.status).toBe(200)
    expect(recording.requests.map((r) => r.headers["intercom-version"])).toEqual(["2.16"])
  })

  it("refuses a version it does not know the operations of, naming it, and a value that is no version", async () => {
    const gateway = await start()
    recording.reset()
    for (const version of ["2.6", "9.9"]) {
      const res = await send(gateway.url, "PUT", "/conversations/123", version, { read: true })
      expect(res.status).toBe(400)
      expect(res.headers.get("x-gateway-error")).toBe("version_unknown")
      expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN)
      const body = (await res.json()) as ErrorList
      expect(body.errors[0]!.code).toBe("version_unknown")
      expect(body.errors[0]!.message).toContain(`"${version}"`)
    }
    expect(recording.requests).toEqual([])
  })

  it("sends its default version upstream when the request names none, and the deprecated alias as Preview", async () => {
    const newest = await start()
    const pinned = await start({ defaultVersion: "2.14" })
    recording.reset()
    await send(newest.url, "PUT", "/conversations/123", undefined, { read: true })
    await send(pinned.url, "PUT", "/conversations/123", undefined, { read: true })
    await send(pinned.url, "PUT", "/conversations/123", "Unstable", { read: true })
    expect(recording.requests.map((r) => r.headers["intercom-version"])).toEqual([newestVersion, "2.14", "Preview"])
  })

  it("a default version it does not route is refused when the gateway is made", async () => {
    await expect(start({ defaultVersion: "2.6" })).rejects.toThrow(/2\.6/)
  })
})

describe("through the stand-in, each version answers in its own shape", () => {
  let gateway: RunningGatewayServer
  beforeAll(async () => {
    gateway = await start({ defaultVersion: "2.14" }, prismUrl())
  })

  // The difference the issue names: `conversation.priority` is "priority" | "not_priority" in 2.14 only.
  const priorityOf = async (res: Response) => ((await res.json()) as { priority: string }).priority

  it("2.14 named, 2.16 named, and none (the gateway's default, 2.14) each reach their version", async () => {
    const path = fill(pathIn(inBoth, "2.14")!)
    const named214 = await send(gateway.url, "PUT", path, "2.14", { read: true })
    const named216 = await send(gateway.url, "PUT", path, "2.16", { read: true })
    const unnamed = await send(gateway.url, "PUT", path, undefined, { read: true })
    expect([named214.status, named216.status, unnamed.status]).toEqual([200, 200, 200])
    expect(["priority", "not_priority"]).toContain(await priorityOf(named214))
    expect(["none", "low", "medium", "high", "urgent"]).toContain(await priorityOf(named216))
    expect(["priority", "not_priority"]).toContain(await priorityOf(unnamed))
  })
})

describe("--default-version", () => {
  const parse = (argv: ReadonlyArray<string>, env: Record<string, string> = {}) => {
    const config = parseGatewayConfig(argv, { INTERCOM_ACCESS_TOKEN: TOKEN, ...env })
    if (config === "help") throw new Error("help")
    return config
  }

  it("defaults to the newest numbered version, reads the flag, then INTERCOM_VERSION, by core's version rule", () => {
    expect(parse([]).defaultVersion).toBe(newestVersion)
    expect(parse(["--default-version", "2.14"], { INTERCOM_VERSION: "2.15" }).defaultVersion).toBe("2.14")
    expect(parse([], { INTERCOM_VERSION: "2.15" }).defaultVersion).toBe("2.15")
    expect(parse(["--default-version", "Unstable"]).defaultVersion).toBe("Preview")
  })

  it("refuses a version the gateway does not route, naming the choices", () => {
    expect(() => parse(["--default-version", "2.6"])).toThrow(/2\.7.*Preview/)
    expect(() => parse(["--default-version", "banana"])).toThrow(/banana/)
  })
})
