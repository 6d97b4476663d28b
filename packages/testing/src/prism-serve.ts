/**
 * Starts the stand-in Intercom for a whole test run (one router in front of one Prism per API version, see
 * `./prismRouter.ts`) and prints its URL as the first line of stdout once the newest version's Prism is up; stops it
 * when stdin closes or on SIGTERM/SIGINT. `scripts/test.sh` exports the URL as `PRISM_URL` for every package's global
 * setup: requests without `Intercom-Version` get the newest version's answers, as from a single Prism.
 */
import { startPrismRouter } from "./prismRouter.ts"

const router = await startPrismRouter({ timeoutMs: 180_000 })
process.stdout.write(`${router.url}\n`)
const stop = () => void router.stop().then(() => process.exit(0))
process.on("SIGTERM", stop)
process.on("SIGINT", stop)
process.stdin.on("end", stop)
process.stdin.resume()
