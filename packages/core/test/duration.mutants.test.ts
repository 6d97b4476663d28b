// Durations read as milliseconds without effect's Duration module (internal/duration.ts): every form of
// `DurationInput`, and the same readings as `Duration.toMillis`.
import * as Duration from "effect/Duration"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { DurationInput } from "../src/ClientOptions.ts"
import { durationMillis } from "../src/internal/duration.ts"

const forms: ReadonlyArray<readonly [DurationInput, number]> = [
  [250, 250],
  [0.5, 0.5],
  [-3, -3],
  [NaN, 0],
  [Infinity, Infinity],
  [1_500_000n, 1.5],
  ["1 nano", 1e-6],
  ["3 nanos", 3e-6],
  ["1 micro", 1e-3],
  ["500 micros", 0.5],
  ["1 milli", 1],
  ["7 millis", 7],
  ["1 second", 1_000],
  ["2.5 seconds", 2_500],
  ["-1 seconds", -1_000],
  ["1 minute", 60_000],
  ["2 minutes", 120_000],
  ["1 hour", 3_600_000],
  ["2 hours", 7_200_000],
  ["1 day", 86_400_000],
  ["2 days", 172_800_000],
  ["1 week", 604_800_000],
  ["2 weeks", 1_209_600_000],
  ["Infinity", Infinity],
  ["-Infinity", -Infinity],
  [[1, 500_000_000], 1_500],
  [[0, 2_000_000], 2],
  [[NaN, 1], 0],
  [[1, NaN], 0],
  [{ weeks: 1 }, 604_800_000],
  [{ days: 1 }, 86_400_000],
  [{ hours: 1 }, 3_600_000],
  [{ minutes: 1 }, 60_000],
  [{ seconds: 1 }, 1_000],
  [{ milliseconds: 1 }, 1],
  [{ microseconds: 1_000 }, 1],
  [{ nanoseconds: 2_000_000 }, 2],
  [{ minutes: 1, seconds: 30 }, 90_000],
  [{}, 0],
]

describe("durationMillis", () => {
  it("reads every form of DurationInput in milliseconds", () => {
    for (const [input, millis] of forms) expect(durationMillis(input), String(input)).toBeCloseTo(millis, 9)
  })

  it("reads effect's own Durations", () => {
    expect(durationMillis(Duration.seconds(2) as unknown as DurationInput)).toBe(2_000)
    expect(durationMillis(Duration.nanos(1_500_000n) as unknown as DurationInput)).toBe(1.5)
    expect(durationMillis(Duration.infinity as unknown as DurationInput)).toBe(Infinity)
    expect(durationMillis(Duration.negativeInfinity as unknown as DurationInput)).toBe(-Infinity)
  })

  it("agrees with effect's Duration.toMillis", () => {
    for (const [input] of forms) {
      expect(durationMillis(input), String(input)).toBeCloseTo(Duration.toMillis(input as Duration.Input), 9)
    }
    const units = ["nanos", "micros", "millis", "seconds", "minutes", "hours", "days", "weeks"] as const
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(...units), (n, unit) => {
        const input = `${n} ${unit}` as DurationInput
        expect(durationMillis(input)).toBeCloseTo(Duration.toMillis(input as Duration.Input), 6)
      }),
    )
  })

  it("refuses what is no duration, naming it", () => {
    for (const input of ["soon", "1second", "1 fortnight", "1 Seconds", " 1 second", "1 second "]) {
      expect(() => durationMillis(input as DurationInput), input).toThrow(new Error(`Invalid Input: ${input}`))
    }
    expect(() => durationMillis(null as unknown as DurationInput)).toThrow(new Error("Invalid Input: null"))
    expect(() => durationMillis(true as unknown as DurationInput)).toThrow(new Error("Invalid Input: true"))
    expect(() => durationMillis([1] as unknown as DurationInput)).toThrow(new Error("Invalid Input: 1"))
    expect(() => durationMillis([1, 2, 3] as unknown as DurationInput)).toThrow(Error)
    expect(() => durationMillis(["1", 2] as unknown as DurationInput)).toThrow(Error)
    expect(() => durationMillis([1, "2"] as unknown as DurationInput)).toThrow(Error)
  })
})
