/**
 * A `DurationInput` (effect's `Duration.Input`, restated by shape in ClientOptions) read as milliseconds, without
 * effect's `Duration` module: the retry policy, the rate limiter and the Promise path that reads them count time as
 * plain numbers, so a Promise program bundles no effect data type for it. Same readings as `Duration.toMillis`.
 */
import type { DurationInput } from "../ClientOptions.ts"

const unitMillis: Readonly<Record<string, number>> = {
  nano: 1e-6,
  micro: 1e-3,
  milli: 1,
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
}

// effect's own grammar for `"5 seconds"`.
const textForm = /^(-?\d+(?:\.\d+)?)\s+(nano|micro|milli|second|minute|hour|day|week)s?$/

/** An effect `Duration`'s value, as effect 4 keeps it. */
type DurationValue =
  | { readonly _tag: "Millis"; readonly millis: number }
  | { readonly _tag: "Nanos"; readonly nanos: bigint }
  | { readonly _tag: "Infinity" | "NegativeInfinity" }

const ofDuration = (value: DurationValue): number =>
  value._tag === "Millis"
    ? value.millis
    : value._tag === "Nanos"
    ? Number(value.nanos) / 1e6
    : value._tag === "Infinity"
    ? Infinity
    : -Infinity

const invalid = (input: unknown): never => {
  throw new Error(`Invalid Input: ${String(input)}`)
}

/** `input` in milliseconds (`Infinity` for `"Infinity"`, NaN read as 0); throws on what is no duration. */
export const durationMillis = (input: DurationInput): number => {
  switch (typeof input) {
    case "number":
      return Number.isNaN(input) ? 0 : input
    case "bigint":
      return Number(input) / 1e6
    case "string": {
      if (input === "Infinity") return Infinity
      if (input === "-Infinity") return -Infinity
      const match = textForm.exec(input)
      return match === null ? invalid(input) : Number(match[1]) * unitMillis[match[2]!]!
    }
    case "object": {
      if (input === null) return invalid(input)
      if ("~effect/Duration" in input) return ofDuration((input as unknown as { value: DurationValue }).value)
      if (Array.isArray(input)) {
        const [seconds, nanos] = input as ReadonlyArray<unknown>
        if (input.length !== 2 || typeof seconds !== "number" || typeof nanos !== "number") return invalid(input)
        if (Number.isNaN(seconds) || Number.isNaN(nanos)) return 0
        return seconds * 1_000 + nanos / 1e6
      }
      const parts = input as Extract<DurationInput, { readonly weeks?: number | undefined }>
      return (parts.weeks ?? 0) * unitMillis.week! + (parts.days ?? 0) * unitMillis.day! +
        (parts.hours ?? 0) * unitMillis.hour! + (parts.minutes ?? 0) * unitMillis.minute! +
        (parts.seconds ?? 0) * 1_000 + (parts.milliseconds ?? 0) + (parts.microseconds ?? 0) / 1e3 +
        (parts.nanoseconds ?? 0) / 1e6
    }
  }
  return invalid(input)
}
