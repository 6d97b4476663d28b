/**
 * The stand-in Intercom: one HTTP server on 127.0.0.1 in front of one Prism per API version, answering each request
 * in the version its `Intercom-Version` header names (without the header: the newest numbered version, as Intercom
 * answers in an app's default version). A version's Prism starts on the first request that names it: eleven Prisms
 * at once are too heavy for a small machine, and most runs use one or two versions.
 *
 * The versions served are the descriptions in the spec folder (`specDir`), each known by its own `info.version`
 * (folder `0` is `Preview`): no second list of versions.
 */
import { readdirSync, readFileSync } from "node:fs"
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http"
import { join } from "node:path"
import { freePort, startPrism, type RunningPrism } from "./prism.ts"
import { servableSpec } from "./servableSpec.ts"
import { specDir } from "./spec.ts"

/** One description the stand-in serves: the `Intercom-Version` value that selects it and its spec folder. */
export interface StandInVersion {
  readonly version: string
  readonly folder: string
}

/** The request header that selects the version (lower case, as Node and wire requests carry it). */
export const versionHeaderName = "intercom-version"

/** Response header naming the version that answered (diagnostics for tests and the demo). */
export const answeredVersionHeader = "x-stand-in-version"

/** The error code of a request naming a version the stand-in has no description of. */
export const unknownVersionCode = "intercom_version_unknown"

// `info.version` sits in the first lines of every description; reading it avoids parsing 1 MB of YAML.
const infoVersion = (path: string): string | undefined => {
  const head = readFileSync(path, "utf8").slice(0, 4000)
  return /^info:\n(?:[ \t]+.*\n)*?[ \t]+version:[ \t]*['"]?([^'"\n]+?)['"]?[ \t]*$/m.exec(head)?.[1]
}

const numbered = (version: string): ReadonlyArray<number> | undefined =>
  /^\d+(?:\.\d+)*$/.test(version) ? version.split(".").map(Number) : undefined

const compareNumbered = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** Every description in `dir`, numbered versions oldest first, then the others (Preview). */
export const standInVersions = (dir: string = specDir): ReadonlyArray<StandInVersion> => {
  const found: Array<StandInVersion> = []
  for (const folder of readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue
    let version: string | undefined
    try {
      version = infoVersion(join(dir, folder.name, "api.intercom.io.yaml"))
    } catch {
      continue
    }
    if (version !== undefined) found.push({ version, folder: folder.name })
  }
  return found.sort((a, b) => {
    const na = numbered(a.version)
    const nb = numbered(b.version)
    if (na && nb) return compareNumbered(na, nb)
    return na ? -1 : nb ? 1 : a.version.localeCompare(b.version)
  })
}

/** The newest numbered version: what the stand-in answers in when a request names none. */
export const newestNumbered = (versions: ReadonlyArray<StandInVersion>): StandInVersion => {
  const last = versions.filter((v) => numbered(v.version) !== undefined).at(-1)
  if (last === undefined) throw new Error(`intercom-testing: no numbered API version in ${specDir}`)
  return last
}

export interface PrismRouter {
  readonly url: string
  readonly port: number
  /** The versions served, oldest first. */
  readonly versions: ReadonlyArray<StandInVersion>
  /** The version answering requests without the header. */
  readonly defaultVersion: string
  /** Versions whose Prism has been started (or is starting). */
  readonly started: () => ReadonlyArray<string>
  readonly stop: () => Promise<void>
}

export interface PrismRouterOptions {
  readonly port?: number
  /** Versions to start before the router answers (default: the newest numbered, so the first test is not slow). */
  readonly eager?: ReadonlyArray<string>
  /** How long one Prism may take to load its description. */
  readonly timeoutMs?: number
  readonly dir?: string
}

const sendError = (res: ServerResponse, status: number, code: string, message: string) => {
  res.writeHead(status, { "content-type": "application/json", "x-stand-in-error": code })
  res.end(JSON.stringify({ type: "error.list", request_id: null, errors: [{ code, message }] }))
}

/** Starts the router on 127.0.0.1 (a free port unless told), with its eager versions' Prisms up. */
export const startPrismRouter = async (options: PrismRouterOptions = {}): Promise<PrismRouter> => {
  const versions = standInVersions(options.dir)
  const byVersion = new Map(versions.map((v) => [v.version, v]))
  const fallback = newestNumbered(versions)
  const prisms = new Map<string, Promise<RunningPrism>>()
  const timeoutMs = options.timeoutMs ?? 180_000

  const prismOf = (entry: StandInVersion): Promise<RunningPrism> => {
    let running = prisms.get(entry.version)
    if (running === undefined) {
      running = startPrism({ spec: servableSpec(entry.folder), timeoutMs })
      // A failed start is not kept: the next request tries again.
      running.catch(() => prisms.delete(entry.version))
      prisms.set(entry.version, running)
    }
    return running
  }

  const forward = (req: IncomingMessage, res: ServerResponse, entry: StandInVersion, prism: RunningPrism) => {
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: prism.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${prism.port}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, [answeredVersionHeader]: entry.version })
        answer.pipe(res)
      },
    )
    upstream.on("error", (error) => {
      if (!res.headersSent) {
        sendError(res, 502, "stand_in_unavailable", `The ${entry.version} Prism failed: ${error.message}`)
      } else res.destroy(error)
    })
    req.pipe(upstream)
  }

  const server = createServer((req, res) => {
    const named = req.headers[versionHeaderName]
    const value = Array.isArray(named) ? named[0] : named
    const entry = value === undefined || value === "" ? fallback : byVersion.get(value)
    if (entry === undefined) {
      req.resume()
      return sendError(
        res,
        400,
        unknownVersionCode,
        `The stand-in has no description of Intercom-Version ${JSON.stringify(value)}: it answers in ${
          versions.map((v) => v.version).join(", ")
        }`,
      )
    }
    // The body waits (paused) while a version's Prism starts.
    req.pause()
    prismOf(entry).then(
      (prism) => forward(req, res, entry, prism),
      (error: unknown) => {
        req.resume()
        sendError(
          res,
          502,
          "stand_in_unavailable",
          `The ${entry.version} Prism did not start: ${error instanceof Error ? error.message : String(error)}`,
        )
      },
    )
  })

  const port = options.port ?? (await freePort())
  await new Promise<void>((listening, failed) => {
    server.once("error", failed)
    server.listen(port, "127.0.0.1", () => listening())
  })

  const stop = async () => {
    server.closeAllConnections()
    await new Promise<void>((done) => server.close(() => done()))
    const all = await Promise.allSettled(prisms.values())
    await Promise.all(all.map((r) => (r.status === "fulfilled" ? r.value.stop() : undefined)))
  }
  try {
    for (const version of options.eager ?? [fallback.version]) {
      const entry = byVersion.get(version)
      if (entry === undefined) {
        throw new Error(`intercom-testing: no description of version ${version} in ${options.dir ?? specDir}`)
      }
      await prismOf(entry)
    }
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    versions,
    defaultVersion: fallback.version,
    started: () => [...prisms.keys()],
    stop,
  }
}
