// The demo: a mock Intercom (Prism serving Intercom's own OpenAPI description), intercom-gateway in front of it with
// a demo token, and the built docs site, all on 127.0.0.1. With INTERCOM_ACCESS_TOKEN set, the gateway talks to the
// real Intercom with that token instead of Prism. Stops everything on Ctrl-C.
import { join } from "node:path"
import { startGateway } from "../apps/docs/tools/gateway.ts"
import { serveStatic } from "../apps/docs/tools/serve.ts"
import { Intercom } from "../packages/node/dist/index.js"
import { startPrism } from "../packages/testing/src/prism.ts"

const root = join(import.meta.dirname, "..")
const realToken = process.env.INTERCOM_ACCESS_TOKEN?.trim() || undefined
const docsPort = Number(process.env.DOCS_PORT ?? 4321)
const gatewayPort = Number(process.env.GATEWAY_PORT ?? 8787)

const prism = realToken ? undefined : await startPrism()
const site = await serveStatic(join(root, "apps/docs/dist"), docsPort)
const gateway = await startGateway({
  upstream: prism?.url,
  credentials: { mode: "server", token: realToken ?? "demo-token" },
  allowOrigins: [site.url, `http://localhost:${docsPort}`],
  port: gatewayPort,
  log: (line) => process.stderr.write(line),
})

// One call with the Node SDK through the gateway, to show the whole path works before handing over to the browser.
const intercom = new Intercom({ baseUrl: gateway.url, token: "not-used-the-gateway-adds-it" })
const me = await intercom.withResponse.identifyAdmin().catch((error: unknown) => error)
// Against the mock only: a write, decoded (against real Intercom the demo does not change your data).
if (prism) {
  const conversation = await intercom.updateConversation({ conversation_id: "123", read: true, title: "Refund" })
  console.log("updateConversation →", JSON.stringify(conversation, null, 2).split("\n").slice(0, 12).join("\n"), "\n  …")
}

console.log(`
  Upstream   ${prism ? `${prism.url} (Prism mock of the Intercom API 2.16)` : "https://api.intercom.io (INTERCOM_ACCESS_TOKEN)"}
  Gateway    ${gateway.url}   (adds the ${realToken ? "real" : "demo"} token; allows ${site.url})
  Node SDK   identifyAdmin() through the gateway → ${"status" in (me as object) ? (me as { status: number }).status : String(me)}

  Docs       ${site.url}/
  Try it     ${site.url}/operations/update-conversation/
             enter ${gateway.url} as the gateway URL, fill the form, press Send.

  Ctrl-C stops everything.
`)

const stop = async () => {
  await gateway.stop()
  await site.close()
  await prism?.stop()
  process.exit(0)
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
