/**
 * The baseline for the gateway benchmark: a minimal reverse proxy, `node:http` in front of `undici.request` over a
 * keep-alive pool, with no policy at all (no routing, CORS, rate limit, header allow-list or logs). Whatever the
 * gateway costs beyond this is the price of its checks. Run as its own process like the gateway:
 * `node src/undiciProxy.ts <upstream origin>` prints `{"port":N}` on stdout.
 */
import { createServer } from "node:http"
import { Agent, request } from "undici"

const upstream = process.argv[2]!
const agent = new Agent({ connections: 256, keepAliveTimeout: 10_000 })
const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "host", "te", "upgrade", "proxy-connection"])

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !hopByHop.has(name)) headers[name] = Array.isArray(value) ? value.join(", ") : value
  }
  const hasBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined
  request(upstream + req.url, { method: req.method as "GET", headers, body: hasBody ? req : null, dispatcher: agent })
    .then(
      async (answer) => {
        const out: Record<string, string | Array<string>> = {}
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !hopByHop.has(name)) out[name] = value
        }
        res.writeHead(answer.statusCode, out)
        for await (const chunk of answer.body) res.write(chunk)
        res.end()
      },
      () => {
        res.writeHead(502)
        res.end()
      },
    )
})
server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`)
})
process.on("SIGTERM", () => process.exit(0))
