/** Renders BENCHMARKS.md from the benches' JSON results. */
import type { ColdImportResult } from "./coldImport.ts"
import { type ConsumerTscResult, effectFloor } from "./consumerTsc.ts"
import type { FirstCallResult } from "./firstCall.ts"
import type { CpuResult } from "./cpu.ts"
import type { CpuPartsResult } from "./cpuParts.ts"
import type { DecodeResult } from "./decode.ts"
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
  gateway?: unknown
}

const failed = (r: unknown): r is Failed =>
  typeof r === "object" && r !== null && ("error" in r || "text" in r) && Object.keys(r).length === 1
const why = (r: Failed) => ("error" in r ? `failed: ${r.error}` : `unexpected output:\n\n\`\`\`\n${r.text}\n\`\`\``)
const verdict = (ok: boolean) => (ok ? "met" : "**missed**")

const SDK = "@utdk/intercom"
const RAW = "undici.request (raw)"
const OFFICIAL = "intercom-client 7.0.3"

const throughputSection = (r: ThroughputResult | Failed): Array<string> => {
  if (failed(r)) return [why(r)]
  const rows = Object.entries(r.rps).map(
    ([name, rps]) =>
      `| ${name} | ${Math.round(rps)} | ${fixed(r.ratio[name] ?? Number.NaN)}x | ${r.cpuUs?.[name] === undefined ? "-" : fixed(r.cpuUs[name]!, 1)} |`,
  )
  const ratio = r.ratio[SDK]
  return [
    `\`updateConversation\` against one local keep-alive server (separate process, 127.0.0.1) answering the spec's`,
    `${r.responseBytes}-byte conversation example; ${r.concurrency} requests in flight; ${r.rounds} interleaved rounds of`,
    `${r.seconds} s per client; median requests/s, and the median of the per-round ratios to raw undici. Raw undici and`,
    "the SDK each send through an `Agent` of their own with the same settings. Client CPU: the client process's",
    "main-thread CPU time per request (the server runs apart), which machine noise moves less than requests/s.",
    "",
    "| client | req/s | vs raw undici | client CPU µs / request |",
    "| --- | ---: | ---: | ---: |",
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
    "The steps of the same `updateConversation` call measured one by one (bench/src/cpuParts.ts: core's `prepare` and",
    `\`decodeResponse\`, the compiled validator), interleaved with the whole calls; median of ${r.rounds} rounds of ${r.iterations}.`,
    "A step measured alone runs hotter than inside a call (its code and data stay in cache), so the steps add up to",
    "less than the call: the difference is the interpreter, the port and promise scheduling, and the cache misses of",
    "a real call.",
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
      ? `${SDK} imports in ${fixed(sdk / official)}x the time of intercom-client (target <= 0.5x: ${verdict(sdk <= official / 2)}).`
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
      ? `${SDK}: ${fixed(sdk / official)}x intercom-client (target <= 1x: ${verdict(sdk <= official)}).`
      : "",
  ]
}

const consumerTscSection = (r: ConsumerTscResult | Failed): Array<string> => {
  if (failed(r)) return [why(r)]
  const sdk = r.ms[SDK]
  const official = r.ms["intercom-client"]
  const floor = r.ms[effectFloor]
  return [
    "`tsc --noEmit` (skipLibCheck) of a 3-line consumer: import the client, call `showContact` / `contacts.find`, use",
    `the result; median of ${r.runs} interleaved runs, and the files each check loads.`,
    "",
    "| package | tsc ms | files |",
    "| --- | ---: | ---: |",
    ...Object.entries(r.ms).map(([k, v]) => `| ${k} | ${fixed(v, 0)} | ${r.files[k] ?? ""} |`),
    "",
    sdk !== undefined && official !== undefined && official > 0
      ? `${SDK}: ${fixed(sdk / official)}x intercom-client (target <= 1x: ${verdict(sdk <= official)}).`
      : "",
    ...(floor !== undefined && official !== undefined && official > 0
      ? ["", `${effectFloor}: ${fixed(floor / official)}x intercom-client: what any type that mentions effect costs a consumer.`]
      : []),
  ]
}

const sizeSection = (r: Results["size"]): Array<string> => {
  if (r === undefined) return []
  if (failed(r)) return [why(r)]
  const rows = Object.entries(r as Record<string, BundleSize | { error: string }>).map(([name, s]) =>
    "error" in s ? `| ${name} | failed: ${s.error} | |` : `| ${name} | ${kb(s.bytes)} | ${kb(s.gzip)} |`,
  )
  return [
    "esbuild 0.28, `--bundle --minify --format=esm --platform=browser`, gzip level 9. Budgets (enforced by",
    "`packages/browser/test/size.test.ts` in CI): one operation <= 150 KB and <= 50 KB gzip.",
    "",
    "| program | minified | gzip |",
    "| --- | ---: | ---: |",
    ...rows,
  ]
}

const gatewaySection = (r: unknown): Array<string> => {
  if (failed(r)) return [why(r)]
  if (typeof r !== "object" || r === null) return [String(r)]
  const g = r as Record<string, unknown>
  if (typeof g.markdown === "string") return [g.markdown]
  return ["| figure | value |", "| --- | ---: |", ...Object.entries(g).map(([k, v]) => `| ${k} | ${typeof v === "number" ? fixed(v) : JSON.stringify(v)} |`)]
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
  if (r.gateway !== undefined) sections.push(["Gateway overhead (bench/gateway.ts)", gatewaySection(r.gateway)])
  const notes = [
    "## Where the time goes (profiles: `node --cpu-prof`, sampling 100 µs, over the in-memory benches)",
    "",
    "- The call runs as one pure description (`packages/core/src/internal/callSteps.ts`) with two interpreters. The",
    "  Promise facade's (`promiseInterpreter.ts`) is plain async code: prepare → one send through the transport",
    "  port → decode; the retry rules (`decide`, `serverDelay`, the limiter's state) run only after a failed attempt.",
    "  The Effect client's (`execute.ts` over `retryLoop.ts`) keeps fibers, interruption, `Clock` and spans, but makes",
    "  its call span only when a tracer is installed and admits through the rate limiter without a racing timeout",
    "  (that `Effect.timeoutOption` forked two fibers and a timer per call). The transport port enforces the",
    "  attempt timeout itself (one timer, one `AbortController`), for undici, fetch and a user's effect `HttpClient`.",
    "- Promise facade, `updateConversation` over an in-memory port: `JSON.parse` of the 2 KB answer is about 65% of",
    "  the samples; building the request (argument validation by compiled validators, `JSON.stringify` of the body,",
    "  URL and headers) about 12%; the interpreter itself (prepare, clock reads, the limiter's admission) about 8%;",
    "  validating the answer about 5%. What is left beyond `JSON.parse` is work every correct call needs (the request",
    "  and the validation), in the same order of magnitude as the parse.",
    "- Effect client over the same port: `JSON.parse` about 47%; Effect's run loop, primitives and exits (the",
    "  fiber `Effect.runPromise` starts, the retry loop's generator, `Clock` reads) about 20%; request building about",
    "  9%. That 20% is what an Effect program costs, and what the Promise facade no longer pays.",
    "- Decoding the 150-conversation page: `JSON.parse` about 82%, validation about 8% (it was ~30% with the closure",
    "  validator: the validator is now JavaScript compiled from the schema, with constant property names, so V8's",
    "  property loads are monomorphic), the rest of the call about 3%.",
    "- Cold import: the registry is one bundled module (`scripts/bundleRegistry.ts`) instead of ~550, and no schema",
    "  is built at import (models and descriptor schemas are built at first use). What is left is mostly `effect`",
    "  itself (Schema, Effect, Context) and undici; meeting 0.5x needs the Promise client to load the engine with a",
    "  dynamic `import()` at its first call.",
    "",
  ]
  return [
    "# Benchmarks",
    "",
    `Produced by \`${meta.command}\` on ${meta.date} (${meta.machine})${meta.quick ? ", quick mode (fewer rounds)" : ""}.`,
    "Every ratio compares against a baseline measured in the same run and process; machines here are shared and",
    "noisy, so absolute numbers move between runs more than the ratios do. Sources: `bench/`.",
    "",
    ...sections.flatMap(([title, body]) => [`## ${title}`, "", ...body, ""]),
    ...notes,
  ].join("\n")
}
