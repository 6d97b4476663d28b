/**
 * The Effect interpreter's side of `observe.ts`: the same lines, emitted from a fiber (to a `logger` through
 * `Effect.sync`, or to Effect's own logger annotated with the fields), and a span per attempt on Effect's logger. Only
 * `execute.ts` loads it, so the Promise path carries none of effect's runtime for its logging.
 */
import * as Effect from "effect/Effect"
import * as References from "effect/References"
import * as Tracer from "effect/Tracer"
import type { IntercomError } from "../IntercomError.ts"
import type { OperationDescriptor } from "../Operation.ts"
import type { ResolvedConfig } from "./config.ts"
import type { Fields, LogLevel, LogSink } from "./log.ts"
import { attemptFields, type LogLine, messageOf, pathOf, unreported } from "./observe.ts"
import type { AttemptInfo } from "./retryLoop.ts"
import type { RawResponse, WireRequest } from "./transport.ts"
import { issueFields, type ValidationIssue } from "./validation.ts"

const effectLevel = { error: "Error", warn: "Warn", info: "Info", debug: "Debug" } as const

/**
 * One event as an Effect: printed on the sink's `logger`, or sent to Effect's logger with the fields as `intercom.*`
 * annotations; nothing when the sink drops events of `level`.
 */
export const emitEffect = (
  log: LogSink,
  level: Exclude<LogLevel, "off">,
  message: string,
  fields: Fields,
): Effect.Effect<void> => {
  if (!log.enabled(level)) return Effect.void
  if (!log.effect) return Effect.sync(() => log.emit(level, message, fields))
  const annotations: Record<string, unknown> = {}
  for (const key in fields) if (fields[key] !== undefined) annotations[`intercom.${key}`] = fields[key]
  return Effect.logWithLevel(effectLevel[level])(`intercom: ${message}`).pipe(Effect.annotateLogs(annotations))
}

/** A line of `observe.ts` (`retryLine`, `rateLimitWaitLine`) as an Effect. */
export const emitLine = (log: LogSink, [level, message, fields]: LogLine): Effect.Effect<void> =>
  emitEffect(log, level, message, fields)

/**
 * Wraps each attempt of the Effect interpreter so that it logs its line at debug and, on Effect's logger, runs in its
 * own span. When neither would be seen (debug off, not Effect's logger), the attempt runs as is.
 */
export const attemptEvents = (config: ResolvedConfig, operation: OperationDescriptor, request: WireRequest) => {
  const { log } = config
  if (!log.enabled("debug") && !log.effect) {
    return <E extends IntercomError>(sent: Effect.Effect<RawResponse, E>, _info: AttemptInfo) => sent
  }
  const path = pathOf(config, request)
  const observed = <E extends IntercomError>(
    sent: Effect.Effect<RawResponse, E>,
    info: AttemptInfo,
  ): Effect.Effect<RawResponse, E> => {
    const logged = Effect.suspend(() => {
      const start = Date.now()
      const line = (outcome: RawResponse | IntercomError) => {
        const fields = attemptFields(
          operation,
          request,
          path,
          outcome,
          info.attempt,
          info.waitMillis,
          Date.now() - start,
        )
        const annotate = log.effect
          ? Effect.annotateCurrentSpan({
            "http.response.status_code": fields.status,
            "intercom.request_id": fields.request_id,
          })
          : Effect.void
        return Effect.andThen(annotate, emitEffect(log, "debug", "attempt", fields))
      }
      return sent.pipe(Effect.tap(line), Effect.tapError(line))
    })
    return log.effect
      ? logged.pipe(
        Effect.withSpan(
          `Intercom.${operation.name}.attempt`,
          {
            attributes: {
              "intercom.operation": operation.name,
              "http.request.method": request.method,
              "url.path": path,
              "intercom.attempt": info.attempt,
              "intercom.wait_ms": info.waitMillis,
            },
          },
          { captureStackTrace: false },
        ),
      )
      : logged
  }
  if (!log.effect) return observed
  // On Effect's logger, the line and the span cost as much as the rest of the call: only when someone can see them
  // (a tracer is installed, or the fiber's minimum level lets debug lines through).
  return <E extends IntercomError>(
    sent: Effect.Effect<RawResponse, E>,
    info: AttemptInfo,
  ): Effect.Effect<RawResponse, E> =>
    Effect.withFiber((fiber) =>
      fiber.getRef(Tracer.Tracer) === Tracer.nativeTracer && !debugVisible.has(fiber.getRef(References.MinimumLogLevel))
        ? sent
        : observed(sent, info)
    )
}

const debugVisible: ReadonlySet<string> = new Set(["All", "Trace", "Debug"])

/** Logs the new mismatches at warn (Effect interpreter). */
export const reportValidation = (config: ResolvedConfig, issues: ReadonlyArray<ValidationIssue>): Effect.Effect<void> =>
  issues.length === 0 || !config.log.enabled("warn")
    ? Effect.void
    : Effect.forEach(
      unreported(config, issues),
      (issue) => emitEffect(config.log, "warn", messageOf(issue), issueFields(issue)),
      {
        discard: true,
      },
    )
