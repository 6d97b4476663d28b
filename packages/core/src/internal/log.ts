/**
 * Where the SDK's events go: a console-compatible `logger` filtered by `logLevel` (Promise clients), or Effect's own
 * logger (the Effect API, whose minimum log level then decides). Events carry the operation, method, path, status,
 * attempt, waits and `request_id`: never a header, a token or a body.
 */
import * as Effect from "effect/Effect"
import type { Logger, LogLevel } from "../ClientOptions.ts"

import { logLevels } from "../ClientOptions.ts"

export type { Logger, LogLevel } from "../ClientOptions.ts"
export { logLevels } from "../ClientOptions.ts"

export const isLogLevel = (value: unknown): value is LogLevel =>
  typeof value === "string" && logLevels.includes(value as LogLevel)

type Fields = Readonly<Record<string, string | number | boolean | undefined>>

/** One event: a message and its fields (printed as `key=value`, undefined ones left out). */
export interface LogSink {
  /** `false` when an event of this level would be dropped: callers skip building it. */
  readonly enabled: (level: Exclude<LogLevel, "off">) => boolean
  readonly emit: (level: Exclude<LogLevel, "off">, message: string, fields: Fields) => Effect.Effect<void>
  /** The same, at once, for the Promise interpreter (a no-op on Effect's logger, which needs a fiber). */
  readonly emitUnsafe: (level: Exclude<LogLevel, "off">, message: string, fields: Fields) => void
  /** Effect's logger: attempts also get a span each. */
  readonly effect: boolean
}

const rank = (level: LogLevel): number => logLevels.indexOf(level)

const formatLine = (message: string, fields: Fields): string => {
  let line = `[intercom] ${message}`
  for (const key in fields) {
    const value = fields[key]
    if (value !== undefined) line += ` ${key}=${value}`
  }
  return line
}

/** Prints one line per event on `logger`, for events at `level` or above. */
export const loggerSink = (logger: Logger, level: LogLevel): LogSink => {
  const emitUnsafe = (event: Exclude<LogLevel, "off">, message: string, fields: Fields) => {
    if (rank(event) <= rank(level)) logger[event](formatLine(message, fields))
  }
  return {
    enabled: (event) => rank(event) <= rank(level),
    emit: (event, message, fields) =>
      rank(event) <= rank(level) ? Effect.sync(() => emitUnsafe(event, message, fields)) : Effect.void,
    emitUnsafe,
    effect: false,
  }
}

const effectLevel = { error: "Error", warn: "Warn", info: "Info", debug: "Debug" } as const

/** Sends events to Effect's logger (annotated with the fields), for events at `level` or above. */
export const effectSink = (level: LogLevel): LogSink => ({
  enabled: (event) => rank(event) <= rank(level),
  emit: (event, message, fields) => {
    if (rank(event) > rank(level)) return Effect.void
    const annotations: Record<string, unknown> = {}
    for (const key in fields) if (fields[key] !== undefined) annotations[`intercom.${key}`] = fields[key]
    return Effect.logWithLevel(effectLevel[event])(`intercom: ${message}`).pipe(Effect.annotateLogs(annotations))
  },
  emitUnsafe: () => {},
  effect: true,
})

/** Nothing is logged. */
export const silentSink: LogSink = {
  enabled: () => false,
  emit: () => Effect.void,
  emitUnsafe: () => {},
  effect: false,
}
