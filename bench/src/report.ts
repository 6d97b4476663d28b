/** Renders BENCHMARKS.md from the benches' JSON results. */
import type { ColdImportResult } from "./coldImport.ts"
import { type ConsumerTscResult, effectFloor } from "./consumerTsc.ts"
import type { FirstCallResult } from "./firstCall.ts"
import type { CpuResult } from "./cpu.ts"
import type { CpuPartsResult } from "./cpuParts.ts"
import type { DecodeResult } from "./decode.ts"
import { type InstallSize, official as officialInstall } from "./installSize.ts"
import type { BundleSize } from "./size.ts"
import { fixed, kb } from "./stats.ts"
import type { ThroughputResult } from "./throughput.ts"

type Failed = { readonly error: string } | { readonly text: string }

export interface Results {
  throughput?: ThroughputResult | Failed
  cpu?: CpuResult | Failed
  cpuParts?: CpuPartsResult | Failed
  decode?: DecodeResult | Failed
  coldImport?: ColdImportResult | Failed
  firstCall?: FirstCallResult | Failed
  consumerTsc?: ConsumerTscResult | Failed
  size?: Record<string, BundleSize | { error: string }> | Failed
  installSize?: Record<string, InstallSize> | Failed
  gateway?: unknown
}

const failed = (r: unknown): r is Failed =>
  typeof r === "object" && r !== null && ("error" in r || "text" in r) && Object.keys(r).length === 1
const why = (r: Failed) => ("error" in r ? `failed: ${r.error}` : `unexpected output:\n\n\`\`\`\n${r.text}\n\`\`\``)
const verdict = (ok: boolean) => (ok ? "met" : "**missed**")

const SDK = "@utdk/intercom"
const OFFICIAL = "intercom-client 7.0.3"

const spread = (range: readonly [number, number] | undefined): string =>
  range === undefined ? "-" : `${fixed(range[0])}-${fixed(range[1])}x`

const throughputSection = (r: ThroughputResult | Failed): Array<string> => {
  if (failed(r)) return [why(r)]
  const rows = Object.entries(r.rps).map(
    ([name, rps]) =>
      `| ${name} | ${Math.round(rps)} | ${fixed(r.ratio[name] ?? Number.NaN)}x | ${spread(r.ratioSpread?.[name])} | ${
        r.cpuUs?.[name] === undefined ? "-" : fixed(r.cpuUs[name]!, 1)
      } |`,
  )
  const ratio = r.ratio[SDK]
  return [
    `\`updateConversation\` against one local keep-alive server (separate process, 127.0.0.1) answering the spec's`,
    `${r.responseBytes}-byte conversation example; ${r.concurrency} requests in flight; ${r.rounds} interleaved rounds of`,
    `${r.seconds} s per client (short rounds: the load of a shared machine swings within seconds); median requests/s, and`,
    "the median of the per-round ratios to raw undici. Raw undici and",
    "the SDK each send through an `Agent` of their own with the same settings. Client CPU: the client process's",
    "main-thread CPU time per request (the server runs apart), which machine noise moves less than requests/s.",
    "",
    "| client | req/s | vs raw undici | per-round ratios, 25th-75th percentile | client CPU µs / request |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    ratio === undefined
      ? `Target >= 0.80x raw undici: not measured (${SDK} missing).`
      : `Target >= 0.80x raw undici: ${fixed(ratio)}x, ${verdict(ratio >= 0.8)}.` +
        (r.ratio[OFFICIAL] ? ` ${SDK} is ${fixed(ratio / r.ratio[OFFICIAL]!, 1)}x the official SDK.` : ""),
  ]
}

const cpuSection = (r: CpuResult | Failed): Array<string> => {
  if (failed(r)) return [why(r)]
  return [
    "`updateConversation({ conversation_id, read: true })` end to end, answered from memory with the spec's",
    "conversation: argument validation, request building, body encoding, the call's interpreter (limiter, retry",
    "policy, timeout), response parsing and validation. The port rows send through an in-memory transport port (no",
    "HTTP library); the others through an in-memory effect `HttpClient` (`HttpClient.make`), whose own cost the",
    "bare-client row shows. Main-thread CPU time (`process.threadCpuUsage`), so time spent descheduled on a busy",
    `machine does not count; median of ${r.rounds} interleaved rounds of ${r.iterations} sequential calls. "SDK's own"`,
    "is, per round, the row minus its baseline measured in the same round (`JSON.parse` of the body for the port",
    "rows, the bare HttpClient for the HttpClient rows), then the median over the rounds: the total is the figure",
    "a caller pays, the SDK's own is what the SDK adds to what any client must do with the answer.",
    "",
    "| path | total CPU µs per call | SDK's own µs (minus baseline) |",
    "| --- | ---: | ---: |",
    ...r.rows.map((row) => `| ${row.name} | ${fixed(row.us)} | ${row.sdkUs === undefined ? "-" : fixed(row.sdkUs)} |`),
    "",
    `Targets (SDK work only): Promise <= 15 µs: ${fixed(r.promiseSdkUs)} µs, ${verdict(r.promiseSdkUs <= 15)} ` +
    `(total ${fixed(r.promiseUs)} µs with the ${fixed(r.parseUs)} µs \`JSON.parse\`); Effect <= 30 µs: ` +
    `${fixed(r.effectSdkUs)} µs, ${verdict(r.effectSdkUs <= 30)} (total ${fixed(r.effectUs)} µs).`,
  ]
}

const cpuPartsSection = (r: CpuPartsResult | Failed): Array<string> => {
  if (failed(r)) return [why(r)]
  return [
    "The steps of the same `updateConversation` call measured one by one through public entry points",
    `(bench/src/cpuParts.ts), interleaved with the whole calls; median of ${r.rounds} rounds of ${r.iterations}.`,
    "A step measured alone runs hotter than inside a call (its code and data stay in cache), and `buildRequest`",
    "resolves the client options each time, which a client does once: the steps are not parts that add up to a call.",
    "",
    "| step | CPU µs |",
    "| --- | ---: |",
    ...Object.entries(r.us).map(([name, us]) => `| ${name} | ${fixed(us)} |`),
  ]
}

const decodeSection = (r: DecodeResult | Failed): Array<string> => {
  if (failed(r)) return [why(r)]
  return [
    `A \`listConversations\` page of ${r.conversations} conversations (${kb(r.bytes)} of JSON, built from the spec's`,
    `example). Main-thread CPU time; median of ${r.rounds} interleaved rounds, ratios taken per round.`,
    "",
    "| work | CPU ms per page | vs JSON.parse |",
    "| --- | ---: | ---: |",
    ...r.rows.map((row) => `| ${row.name} | ${fixed(row.ms, 3)} | ${fixed(row.ratio)}x |`),
    "",
    `Target <= 1.3x JSON.parse (Promise facade, whole call): ${fixed(r.ratio)}x, ${verdict(r.ratio <= 1.3)}.`,
  ]
}

const importSection = (r: ColdImportResult | Failed): Array<string> => {
  if (failed(r)) return [why(r)]
  const sdk = r.importMs[SDK]
  const official = r.importMs["intercom-client"]
  return [
    `A fresh \`node\` process running \`await import(pkg)\`, minus an empty process (${fixed(r.emptyMs, 1)} ms);`,
    `median of ${r.runs} interleaved runs.`,
    "",
    "| package | import ms | process ms |",
    "| --- | ---: | ---: |",
    ...Object.keys(r.totalMs).map((k) => `| ${k} | ${fixed(r.importMs[k]!, 1)} | ${fixed(r.totalMs[k]!, 1)} |`),
    "",
    sdk !== undefined && official !== undefined && official > 0
      ? `${SDK} imports in ${fixed(sdk / official)}x the time of intercom-client (target <= 0.5x: ${
        verdict(sdk <= official / 2)
      }).`
      : "",
  ]
}

const firstCallSection = (r: FirstCallResult | Failed): Array<string> => {
  if (failed(r)) return [why(r)]
  const sdk = r.ms[SDK]
  const official = r.ms["intercom-client"]
  return [
    "A fresh `node` process that imports the client, calls `identifyAdmin` (intercom-client: `admins.identify`) on a",
    `local server and exits, minus an empty process (${fixed(r.emptyMs, 1)} ms); median of ${r.runs} interleaved runs.`,
    "",
    "| package | import + first call ms |",
    "| --- | ---: |",
    ...Object.entries(r.ms).map(([k, v]) => `| ${k} | ${fixed(v, 1)} |`),
    "",
    sdk !== undefined && official !== undefined && official > 0
      ? `${SDK} (Promise root): ${fixed(sdk / official)}x intercom-client (target <= 1x: ${verdict(sdk <= official)}).`
      : "",
    ...Object.keys(r.ms).filter((k) => k.startsWith(`${SDK} pinned to `)).map((k) =>
      official !== undefined && official > 0
        ? `\n${k}: ${fixed(r.ms[k]! / official)}x intercom-client (target <= 1x: ${verdict(r.ms[k]! <= official)}).`
        : ""
    ),
    ...(r.ms[`${SDK}/effect`] !== undefined && official !== undefined && official > 0
      ? ["", `${SDK}/effect (Effect service): ${fixed(r.ms[`${SDK}/effect`]! / official)}x intercom-client.`]
      : []),
  ]
}

const consumerTscSection = (r: ConsumerTscResult | Failed): Array<string> => {
  if (failed(r)) return [why(r)]
  const sdk = r.ms[SDK]
  const official = r.ms["intercom-client"]
  const floor = r.ms[effectFloor]
  return [
    "`tsc --noEmit` (skipLibCheck) of a 3-line consumer: import the client, call `showContact` / `contacts.find`, use",
    `the result; median of ${r.runs} interleaved runs, and the files each check loads (TypeScript's lib files included).`,
    "",
    "| package | tsc ms | files |",
    "| --- | ---: | ---: |",
    ...Object.entries(r.ms).map(([k, v]) => `| ${k} | ${fixed(v, 0)} | ${r.files[k] ?? ""} |`),
    "",
    sdk !== undefined && official !== undefined && official > 0
      ? `${SDK} (Promise root): ${fixed(sdk / official)}x intercom-client (target <= 1x: ${verdict(sdk <= official)}).`
      : "",
    ...Object.keys(r.ms).filter((k) => k.startsWith(`${SDK} pinned to `)).map((k) =>
      official !== undefined && official > 0
        ? `\n${k}: ${fixed(r.ms[k]! / official)}x intercom-client (target <= 1x: ${verdict(r.ms[k]! <= official)}).`
        : ""
    ),
    ...(r.ms[`${SDK}/effect`] !== undefined && official !== undefined && official > 0
      ? ["", `${SDK}/effect (Effect service): ${fixed(r.ms[`${SDK}/effect`]! / official)}x intercom-client.`]
      : []),
    ...(floor !== undefined && official !== undefined && official > 0
      ? [
        "",
        `${effectFloor}: ${
          fixed(floor / official)
        }x intercom-client: what any type that mentions effect costs a consumer.`,
      ]
      : []),
  ]
}

const sizeSection = (r: Results["size"]): Array<string> => {
  if (r === undefined) return []
  if (failed(r)) return [why(r)]
  const rows = Object.entries(r as Record<string, BundleSize | { error: string }>).map(([name, s]) =>
    "error" in s ? `| ${name} | failed: ${s.error} | |` : `| ${name} | ${kb(s.bytes)} | ${kb(s.gzip)} |`
  )
  return [
    "esbuild 0.28, `--bundle --minify --format=esm --platform=browser`, gzip level 9. Budget (enforced by",
    "`packages/browser/test/size.test.ts` in CI): one operation at most intercom-client's one call gzipped (31.1 KB),",
    "with none of effect's Schema machinery (its checks are the compact ones the generator derives from the Schemas).",
    "",
    "| program | minified | gzip |",
    "| --- | ---: | ---: |",
    ...rows,
  ]
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

const installSection = (r: Results["installSize"]): Array<string> => {
  if (r === undefined) return []
  if (failed(r)) return [why(r)]
  const sizes = r as Record<string, InstallSize>
  const official = sizes[officialInstall]
  const ratio = (
    ours: number,
    theirs: number | undefined,
  ) => (theirs === undefined || theirs === 0 ? "" : ` (${fixed(ours / theirs)}x)`)
  const rows = Object.entries(sizes).map(
    ([name, s]) =>
      `| ${name} | ${mb(s.disk)}${ratio(s.disk, official?.disk)} | ${mb(s.apparent)}${
        ratio(s.apparent, official?.apparent)
      } | ${s.files} | ${s.packages.join(", ")} |`,
  )
  return [
    "`npm i` in an empty folder, both in the same run (bench/src/installSize.ts): the packed `@utdk/intercom` with",
    "its packed core (no effect: it is an optional peer), and intercom-client from the registry. On disk is",
    "`du -sk node_modules`; files is its apparent size (`du --apparent-size`). Budget: at most intercom-client's, both.",
    "",
    "| install | on disk | files' bytes | files | packages |",
    "| --- | ---: | ---: | ---: | --- |",
    ...rows,
  ]
}

const gatewaySection = (r: unknown): Array<string> => {
  if (failed(r)) return [why(r)]
  if (typeof r !== "object" || r === null) return [String(r)]
  const g = r as Record<string, unknown>
  if (typeof g.markdown === "string") return [g.markdown]
  return [
    "| figure | value |",
    "| --- | ---: |",
    ...Object.entries(g).map(([k, v]) => `| ${k} | ${typeof v === "number" ? fixed(v) : JSON.stringify(v)} |`),
  ]
}

export const renderReport = (
  r: Results,
  meta: { command: string; machine: string; date: string; quick: boolean },
): string => {
  const sections: Array<[string, Array<string>]> = []
  if (r.throughput) sections.push(["Node throughput", throughputSection(r.throughput)])
  if (r.cpu) sections.push(["CPU per call (in-memory transport)", cpuSection(r.cpu)])
  if (r.cpuParts) sections.push(["Where one call's CPU goes (steps measured alone)", cpuPartsSection(r.cpuParts)])
  if (r.decode) sections.push(["Decoding a 150-conversation page", decodeSection(r.decode)])
  if (r.coldImport) sections.push(["Cold import", importSection(r.coldImport)])
  if (r.firstCall) sections.push(["Cold import + first call", firstCallSection(r.firstCall)])
  if (r.consumerTsc) sections.push(["Type-checking a consumer", consumerTscSection(r.consumerTsc)])
  if (r.size) sections.push(["Browser bundle size", sizeSection(r.size)])
  if (r.installSize) sections.push(["Install size (Promise user)", installSection(r.installSize)])
  if (r.gateway !== undefined) sections.push(["Gateway overhead (bench/gateway.ts)", gatewaySection(r.gateway)])
  return [
    "# Benchmarks",
    "",
    `Produced by \`${meta.command}\` on ${meta.date} (${meta.machine})${
      meta.quick ? ", quick mode (fewer rounds)" : ""
    }.`,
    "Every ratio compares against a baseline measured in the same run and process; machines here are shared and",
    "noisy, so absolute numbers move between runs more than the ratios do. Sources: `bench/`.",
    "",
    ...sections.flatMap(([title, body]) => [`## ${title}`, "", ...body, ""]),
  ].join("\n")
}
