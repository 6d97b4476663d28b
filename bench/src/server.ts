/**
 * The local Intercom stand-in for the throughput benchmarks: a keep-alive HTTP server on 127.0.0.1 that reads each
 * request body and answers 200 with one fixed JSON body. Run as its own process so that serving does not steal the
 * client's event loop: `node src/server.ts` prints `{"port":N}` on stdout, stops on SIGTERM or when stdin closes.
 */
import { createServer, type Server } from "node:http"
import { loadFixtures } from "./fixtures.ts"

/** Starts the server in this process (used by the child-process entry below and by in-process benches). */
export const serve = (body: string): Promise<{ server: Server; port: number }> => {
  const payload = Buffer.from(body)
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    req.resume()
    req.on("end", () => {
      res.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "content-length": payload.length,
        "x-request-id": "bench",
      })
      res.end(payload)
    })
  })
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 })
    })
  )
}

/** Closes keep-alive connections first: clients would otherwise hold the server open. */
export const stop = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

if (import.meta.main) {
  const { server, port } = await serve(loadFixtures().conversation)
  process.stdout.write(`${JSON.stringify({ port })}\n`)
  const shutdown = () => void stop(server).then(() => process.exit(0))
  process.on("SIGTERM", shutdown)
  process.stdin.on("end", shutdown).resume()
}
