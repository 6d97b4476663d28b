/**
 * What a Promise user's install weighs: `npm i` of the packed `@utdk/intercom` (with the packed core it depends on;
 * everything else from the registry) in an empty folder, beside `npm i intercom-client` in another, in the same run.
 * Reports `du -sk node_modules` (on disk, blocks included) and its apparent size (the files' bytes), and the files.
 *
 *   node src/installSize.ts      prints one JSON line (needs the packages built and the npm registry)
 */
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface InstallSize {
  /** `du -sk node_modules`, in bytes. */
  readonly disk: number
  /** `du -s --apparent-size --block-size=1 node_modules`. */
  readonly apparent: number
  readonly files: number
  /** What `npm ls --all` lists, one name@version a package. */
  readonly packages: ReadonlyArray<string>
}

const root = new URL("../../", import.meta.url).pathname
export const official = "intercom-client@7.0.3"

const sh = (command: string, args: ReadonlyArray<string>, cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 })

const measure = (dir: string, install: ReadonlyArray<string>): InstallSize => {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "install-size", private: true, type: "module" }))
  sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...install], dir)
  const firstNumber = (text: string) => Number(text.trim().split(/\s+/)[0])
  const tree = JSON.parse(sh("npm", ["ls", "--all", "--json"], dir)) as { dependencies?: Record<string, Tree> }
  return {
    disk: firstNumber(sh("du", ["-sk", "node_modules"], dir)) * 1024,
    apparent: firstNumber(sh("du", ["-s", "--apparent-size", "--block-size=1", "node_modules"], dir)),
    files: Number(sh("sh", ["-c", "find node_modules -type f | wc -l"], dir).trim()),
    packages: [...new Set(flatten(tree.dependencies))].sort(),
  }
}

interface Tree {
  readonly version?: string
  readonly dependencies?: Record<string, Tree>
}
const flatten = (deps: Record<string, Tree> | undefined): Array<string> =>
  // An optional peer left uninstalled (effect, for a Promise user) is listed without a version: not installed.
  Object.entries(deps ?? {}).flatMap((
    [name, t],
  ) => (t.version === undefined ? [] : [`${name}@${t.version}`, ...flatten(t.dependencies)]))

export const runInstallSizes = (): Record<string, InstallSize> => {
  const work = mkdtempSync(join(tmpdir(), "intercom-install-size-"))
  try {
    const packed = join(work, "packed")
    const tarballs = ["core", "node"].map(
      (pkg) =>
        (JSON.parse(sh("pnpm", ["pack", "--pack-destination", packed, "--json"], join(root, "packages", pkg))) as {
          filename: string
        })
          .filename,
    )
    return {
      "@utdk/intercom (packed), Promise user": measure(join(work, "sdk"), tarballs),
      [official]: measure(join(work, "official"), [official]),
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (import.meta.main) console.log(JSON.stringify(runInstallSizes()))
