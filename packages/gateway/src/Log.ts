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

// Every match of `patterns` contains one of these (case-insensitively).
const mayHoldPattern = /igs_|bearer|basic/i

/**
 * Replaces known secrets and anything shaped like a session key or an Authorization value with `[redacted]`.
 *
 * @category redaction
 */
export const redact = (text: string, secrets: Iterable<string>): string => {
  let out = text
  for (const secret of secrets) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join("[redacted]")
  // Most lines hold nothing shaped like a secret: one case-insensitive scan for the patterns' prefixes skips them.
  if (!mayHoldPattern.test(out)) return out
  for (const pattern of patterns) out = out.replace(pattern, (match) => (match.startsWith("igs_") ? "igs_[redacted]" : "[redacted]"))
  return out
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
  const secrets = new Set(options.secrets ?? [])
  const now = options.now ?? (() => new Date())
  return {
    log: (entry) => {
      if (levels[entry.level] < threshold) return
      options.sink(redact(JSON.stringify({ time: now().toISOString(), ...entry }), secrets))
    },
    addSecret: (secret) => {
      secrets.add(secret)
    },
  }
}

/** A logger that drops everything. @category constructors */
export const silentLogger: GatewayLogger = { log: () => {}, addSecret: () => {} }
