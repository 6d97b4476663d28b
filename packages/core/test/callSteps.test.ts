// The pure steps of the retry and rate-limit loop that both interpreters (Effect, Promise) drive.
import { describe, expect, it } from "vitest"
import { afterFailure, beforeAttempt } from "../src/internal/callSteps.ts"
import { make } from "../src/internal/retryPolicy.ts"

const policy = make({ attemptTimeout: 3_000, budget: 10_000, jitter: 0, initialDelay: 500 })

describe("beforeAttempt", () => {
  it("sends at once when the limiter admits, under the attempt timeout or what is left of the budget", () => {
    expect(beforeAttempt(policy, 0, 0, undefined)).toEqual({ _tag: "Send", timeoutMillis: 3_000 })
    expect(beforeAttempt(policy, 8_500, 0, () => undefined)).toEqual({ _tag: "Send", timeoutMillis: 1_500 })
  })

  it("waits for the limiter, never longer than what is left of the budget", () => {
    expect(beforeAttempt(policy, 1_000, 0, () => 2_000)).toEqual({ _tag: "Wait", millis: 2_000 })
    expect(beforeAttempt(policy, 9_000, 0, () => 60_000)).toEqual({ _tag: "Wait", millis: 1_000 })
  })

  it("gives up once the budget is spent, without asking the limiter (which would admit a request never sent)", () => {
    let asked = 0
    const admit = () => {
      asked++
      return undefined
    }
    expect(beforeAttempt(policy, 10_000, 0, admit)).toEqual({ _tag: "OutOfTime" })
    expect(beforeAttempt(policy, 12_000, 0, admit)).toEqual({ _tag: "OutOfTime" })
    expect(asked).toBe(0)
  })
})

describe("afterFailure", () => {
  const failure = { _tag: "Response", status: 503, headers: {} } as const

  it("retries a retry-safe call after the backoff, and says how it failed", () => {
    expect(afterFailure(policy, failure, true, 1, 0, 0, 0)).toEqual({
      _tag: "Retry",
      delayMillis: 500,
      reason: "backoff",
      failure: "503",
    })
    expect(afterFailure(policy, { _tag: "Timeout" }, true, 1, 0, 0, 0)).toMatchObject({
      _tag: "Retry",
      failure: "Timeout",
    })
  })

  it("stops a call that is not retry-safe, and any failure no retry can fix", () => {
    expect(afterFailure(policy, failure, false, 1, 0, 0, 0)).toEqual({ _tag: "Stop", reason: "not-idempotent" })
    expect(afterFailure(policy, undefined, true, 1, 0, 0, 0)).toEqual({ _tag: "Stop", reason: "final" })
  })
})
