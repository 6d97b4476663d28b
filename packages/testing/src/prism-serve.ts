/**
 * Starts one Prism for a whole test run and prints its URL as the first line of stdout; stops it when stdin closes
 * or on SIGTERM/SIGINT. `scripts/test.sh` exports the URL as `PRISM_URL` for every package's global setup.
 */
import { startPrism } from "./prism.ts"

const prism = await startPrism({ timeoutMs: 180_000 })
process.stdout.write(`${prism.url}\n`)
const stop = () => void prism.stop().then(() => process.exit(0))
process.on("SIGTERM", stop)
process.on("SIGINT", stop)
process.stdin.on("end", stop)
process.stdin.resume()
