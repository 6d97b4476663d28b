/** A static file server for the built site on 127.0.0.1 (what `astro preview` does, without Vite). */
import { createReadStream, existsSync, statSync } from "node:fs"
import { createServer, type Server } from "node:http"
import { extname, join, normalize, resolve } from "node:path"

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
}

export interface StaticSite {
  readonly url: string
  readonly close: () => Promise<void>
}

/** Resolves a URL path to a file of `root` (`/a/` → `/a/index.html`), never outside it. */
export const fileFor = (root: string, urlPath: string): string | undefined => {
  const decoded = decodeURIComponent(urlPath.split("?")[0] ?? "/")
  const candidate = normalize(join(root, decoded))
  if (!candidate.startsWith(resolve(root))) return undefined
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  const index = join(candidate, "index.html")
  return existsSync(index) ? index : undefined
}

export const serveStatic = (root: string, port = 0, host = "127.0.0.1"): Promise<StaticSite> =>
  new Promise((done, fail) => {
    const server: Server = createServer((req, res) => {
      const file = fileFor(root, req.url ?? "/")
      if (!file) {
        res.writeHead(404, { "content-type": "text/html; charset=utf-8" })
        const notFound = join(root, "404.html")
        return existsSync(notFound) ? void createReadStream(notFound).pipe(res) : void res.end("not found")
      }
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" })
      createReadStream(file).pipe(res)
    })
    server.on("error", fail)
    server.listen(port, host, () => {
      const address = server.address()
      const actual = typeof address === "object" && address ? address.port : port
      done({
        url: `http://${host}:${actual}`,
        close: () =>
          new Promise<void>((closed) => {
            server.closeAllConnections()
            server.close(() => closed())
          }),
      })
    })
  })
