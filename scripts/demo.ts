// The demo: a mock Intercom (the stand-in: one Prism per API version serving Intercom's own OpenAPI descriptions,
// behind one router that picks the version each request's Intercom-Version names), intercom-gateway in front of it with
// a demo token, and the built docs site, all on 127.0.0.1. With INTERCOM_ACCESS_TOKEN set, the gateway talks to the
// real Intercom with that token instead of Prism. Every child process is stopped on every way out: Ctrl-C, SIGTERM,
// a busy port (one line saying which port and which variable moves it), or any other failure.
import { createServer } from "node:net"
import { join } from "node:path"
import { startGateway } from "../apps/docs/tools/gateway.ts"
import { serveStatic } from "../apps/docs/tools/serve.ts"
import { Intercom } from "../packages/node/dist/index.js"
import { startPrismRouter } from "../packages/testing/src/prismRouter.ts"

const root = join(import.meta.dirname, "..")
const realToken = process.env.INTERCOM_ACCESS_TOKEN?.trim() || undefined

/** The ports the demo listens on, each with the variable that moves it. Prism takes any free port unless told. */
const ports = [
  { variable: "DOCS_PORT", what: "the docs site", port: Number(process.env.DOCS_PORT ?? 4321) },
  { variable: "GATEWAY_PORT", what: "the gateway", port: Number(process.env.GATEWAY_PORT ?? 8787) },
  ...(process.env.PRISM_PORT && !realToken
    ? [{ variable: "PRISM_PORT", what: "the Prism mock", port: Number(process.env.PRISM_PORT) }]
    : []),
] as const
const [docs, gatewayPort, prismPort] = ports

class BusyPort extends Error {}

const busy = (entry: (typeof ports)[number]) =>
  new BusyPort(
    `demo: port ${entry.port} (${entry.what}) is already in use; set ${entry.variable} to a free port, e.g. ${entry.variable}=${
      entry.port + 1
    } scripts/demo.sh`,
  )

const isFree = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const probe = createServer()
    probe.once("error", () => done(false))
    probe.listen(port, "127.0.0.1", () => probe.close(() => done(true)))
  })

// What to stop, newest first; filled as each piece starts.
const running: Array<() => Promise<void>> = []
let stopping: Promise<void> | undefined
const stopAll = (): Promise<void> => (stopping ??= (async () => {
  for (const stop of running.reverse()) await stop().catch(() => undefined)
})())

const exit = async (code: number) => {
  await stopAll()
  process.exit(code)
}
process.once("SIGINT", () => void exit(0))
process.once("SIGTERM", () => void exit(0))
process.once("SIGHUP", () => void exit(0))
process.on("uncaughtException", (error) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`)
  void exit(1)
})

// A port taken between the check and the listen still ends in the one-line message.
const addressInUse = (error: unknown): boolean =>
  String((error as { code?: string })?.code ?? error).includes("EADDRINUSE")

const main = async () => {
  for (const entry of ports) if (!(await isFree(entry.port))) throw busy(entry)

  const prism = realToken ? undefined : await startPrismRouter(prismPort ? { port: prismPort.port } : {})
  if (prism) running.push(() => prism.stop())
  const site = await serveStatic(join(root, "apps/docs/dist"), docs.port).catch((error: unknown) => {
    throw addressInUse(error) ? busy(docs) : error
  })
  running.push(() => site.close())
  const gateway = await startGateway({
    upstream: prism?.url,
    credentials: { mode: "server", token: realToken ?? "demo-token" },
    allowOrigins: [site.url, `http://localhost:${docs.port}`],
    port: gatewayPort.port,
    log: (line) => process.stderr.write(line),
  }).catch((error: unknown) => {
    throw addressInUse(error) ? busy(gatewayPort) : error
  })
  running.push(() => gateway.stop())

  // One call with the Node SDK through the gateway, to show the whole path works before handing over to the browser.
  const intercom = new Intercom({ baseUrl: gateway.url, token: "not-used-the-gateway-adds-it" })
  const me = await intercom.withResponse.identifyAdmin().catch((error: unknown) => error)
  // Against the mock only: a write, decoded (against real Intercom the demo does not change your data).
  if (prism) {
    const conversation = await intercom.updateConversation({ conversation_id: "123", read: true, title: "Refund" })
    console.log(
      "updateConversation →",
      JSON.stringify(conversation, null, 2).split("\n").slice(0, 12).join("\n"),
      "\n  …",
    )
  }

  // The page stores the gateway URL it is given in `?gateway=` (see apps/docs/src/scripts/credentials.ts).
  const tryIt = `${site.url}/operations/update-conversation/?gateway=${encodeURIComponent(gateway.url)}`
  console.log(`
  Upstream   ${
    prism
      ? `${prism.url} (Prism mocks of the Intercom API ${
        prism.versions.map((v) => v.version).join(", ")
      }; ${prism.defaultVersion} without Intercom-Version, each started on first use)`
      : "https://api.intercom.io (INTERCOM_ACCESS_TOKEN)"
  }
  Gateway    ${gateway.url}   (adds the ${realToken ? "real" : "demo"} token; allows ${site.url})
  Node SDK   identifyAdmin() through the gateway → ${
    "status" in (me as object) ? (me as { status: number }).status : String(me)
  }

  Docs       ${site.url}/
  Try it     ${tryIt}
             (the gateway URL is filled in for you: use an example or fill the form, press Send${
    realToken ? ";\n              every write to your real workspace asks first, showing its method and URL" : ""
  })

  Ctrl-C stops everything.
`)
}

main().catch(async (error: unknown) => {
  console.error(
    error instanceof BusyPort
      ? error.message
      : `demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  )
  await exit(1)
})
