/**
 * Structured gateway logs. Entries are plain objects turned into one JSON line; every line goes through
 * {@link redact} so tokens and session keys never reach a log, whichever field they slipped into.
 *
 * @since 0.1.0
 */

/** @category models */
export type LogLevel = "debug" | "info" | "warn" | "error"

/** @category models */
export interface LogEntry {
  readonly level: LogLevel
  readonly event: string
  /** Added by the logger itself. */
  readonly time?: never
  readonly [field: string]: unknown
}

/** Receives one redacted JSON line per entry. @category models */
export type LogSink = (line: string) => void

/** @category models */
export interface GatewayLogger {
  readonly log: (entry: LogEntry) => void
  /** Adds a secret (a token) whose exact value must never be written. */
  readonly addSecret: (secret: string) => void
}

const levels: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }
const patterns: ReadonlyArray<RegExp> = [
  /igs_[A-Za-z0-9_-]+/g, // session keys
  /(bearer|basic)\s+[^\s",}]+/gi, // Authorization values
]

// One scan for any of `patterns` (derived from them, case-insensitive: a superset of their matches).
const mayHoldPattern = new RegExp(patterns.map((pattern) => pattern.source).join("|"), "i")

/**
 * Replaces known secrets and anything shaped like a session key or an Authorization value with `[redacted]`.
 *
 * @category redaction
 */
export const redact = (text: string, secrets: Iterable<string>): string => {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join("[redacted]")
  }
  // Most lines hold nothing shaped like a secret: one scan for all the patterns skips them.
  // Stryker disable next-line ConditionalExpression: a shortcut; the patterns below find nothing in such a line either.
  if (!mayHoldPattern.test(out)) return out
  for (const pattern of patterns) {
    out = out.replace(pattern, (match) => (match.startsWith("igs_") ? "igs_[redacted]" : "[redacted]"))
  }
  return out
}

/**
 * The current time as `Date#toISOString` gives it, formatting the date only once a second: a full formatting costs
 * more than the rest of a request's log line.
 */
const makeIsoClock = (): () => string => {
  let second = Number.NaN
  // Stryker disable next-line StringLiteral: set on the first call (`second` starts as NaN).
  let prefix = ""
  return () => {
    const ms = Date.now()
    const s = Math.floor(ms / 1000)
    // Stryker disable next-line ConditionalExpression: formatting every time gives the same text (the cache is for speed).
    if (s !== second) {
      second = s
      const iso = new Date(s * 1000).toISOString()
      prefix = iso.slice(0, iso.length - 4) // up to and including the "." before "000Z"
    }
    const fraction = ms - s * 1000
    return `${prefix}${fraction < 10 ? "00" : fraction < 100 ? "0" : ""}${fraction}Z`
  }
}

/**
 * Makes a logger writing JSON lines at or above `level` to `sink`.
 *
 * @category constructors
 */
export const makeLogger = (options: {
  readonly sink: LogSink
  readonly level?: LogLevel
  readonly secrets?: ReadonlyArray<string>
  readonly now?: () => Date
}): GatewayLogger => {
  const threshold = levels[options.level ?? "info"]
  // Stryker disable next-line ArrayDeclaration: the mutant's sentinel text is in no log line.
  const secrets = new Set(options.secrets ?? [])
  const clock = options.now
  const time = clock === undefined ? makeIsoClock() : () => clock().toISOString()
  return {
    log: (entry) => {
      if (levels[entry.level] < threshold) return
      // `time` first, then the entry's own fields (never named `time`): the entry is not copied to add it.
      options.sink(redact(`{"time":"${time()}",${JSON.stringify(entry).slice(1)}`, secrets))
    },
    addSecret: (secret) => {
      secrets.add(secret)
    },
  }
}

/** A logger that drops everything. @category constructors */
export const silentLogger: GatewayLogger = { log: () => {}, addSecret: () => {} }
