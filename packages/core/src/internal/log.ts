/**
 * Where the SDK's events go: a console-compatible `logger` filtered by `logLevel` (Promise clients), or Effect's own
 * logger (the Effect API, whose minimum log level then decides). Events carry the operation, method, path, status,
 * attempt, waits and `request_id`: never a header, a token or a body. A sink is plain functions (the Promise path
 * loads no effect); `observeEffect.ts` gives the Effect interpreter its Effect form.
 */
import type { Logger, LogLevel } from "../ClientOptions.ts"

import { logLevels } from "../ClientOptions.ts"

export type { Logger, LogLevel } from "../ClientOptions.ts"
export { logLevels } from "../ClientOptions.ts"

export const isLogLevel = (value: unknown): value is LogLevel =>
  typeof value === "string" && logLevels.includes(value as LogLevel)

export type Fields = Readonly<Record<string, string | number | boolean | undefined>>

/** One event: a message and its fields (printed as `key=value`, undefined ones left out). */
export interface LogSink {
  /** `false` when an event of this level would be dropped: callers skip building it. */
  readonly enabled: (level: Exclude<LogLevel, "off">) => boolean
  /** Prints the event at once (a no-op on Effect's logger, which needs a fiber: see `observeEffect.ts`). */
  readonly emit: (level: Exclude<LogLevel, "off">, message: string, fields: Fields) => void
  /** Effect's logger: events go to it from a fiber, and attempts also get a span each. */
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
  const enabled = (event: Exclude<LogLevel, "off">) => rank(event) <= rank(level)
  return {
    enabled,
    emit: (event, message, fields) => {
      if (enabled(event)) logger[event](formatLine(message, fields))
    },
    effect: false,
  }
}

/** Marks events for Effect's logger (`observeEffect.ts` sends them, annotated with the fields), at `level` or above. */
export const effectSink = (level: LogLevel): LogSink => ({
  enabled: (event) => rank(event) <= rank(level),
  emit: () => {},
  effect: true,
})
