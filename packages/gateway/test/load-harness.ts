// Child process for the load tests: runs the gateway exactly as the bin does (flags + env), and answers memory
// probes over IPC after forcing a GC, so the parent can check that memory stays flat. Run with --expose-gc.
import { parseGatewayConfig } from "../src/node/config.ts"
import { runGateway } from "../src/node/run.ts"

const config = parseGatewayConfig(process.argv.slice(2), process.env)
if (config === "help") process.exit(0)
const running = await runGateway(config)
const gc = (globalThis as { gc?: () => void }).gc

process.on("message", (message: { type: string }) => {
  if (message.type === "memory") {
    gc?.()
    gc?.()
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage()
    process.send?.({ type: "memory", rss, heapUsed, external, arrayBuffers })
  } else if (message.type === "stop") {
    void running.close().then(() => process.exit(0))
  }
})
process.send?.({ type: "ready", url: running.url })
