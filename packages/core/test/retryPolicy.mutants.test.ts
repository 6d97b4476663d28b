// The policy as data (internal/retryPolicy.ts): what `make` refuses and says, and how a client's or a call's options
// turn into a policy (`policyOf`).
import { describe, expect, it } from "vitest"
import { defaults, make, policyOf } from "../src/internal/retryPolicy.ts"

describe("make", () => {
  it("refuses nonsense with a RangeError naming the option", () => {
    expect(() => make({ maxRetries: -1 })).toThrow(new RangeError("RetryPolicy.maxRetries must be an integer >= 0"))
    expect(() => make({ maxRetries: 1.5 })).toThrow(RangeError)
    expect(() => make({ jitter: 1.01 })).toThrow(new RangeError("RetryPolicy.jitter must be within [0, 1]"))
    expect(() => make({ jitter: -0.01 })).toThrow(RangeError)
    for (const name of ["initialDelay", "maxDelay", "attemptTimeout", "budget", "maxServerDelay"] as const) {
      expect(() => make({ [name]: -1 }), name).toThrow(new RangeError(`RetryPolicy.${name} must not be negative`))
    }
  })

  it("accepts the bounds: jitter 0 and 1, zero retries and zero durations", () => {
    expect(make({ jitter: 0 }).jitter).toBe(0)
    expect(make({ jitter: 1 }).jitter).toBe(1)
    expect(make({ maxRetries: 0, initialDelay: 0 })).toMatchObject({ maxRetries: 0, initialDelay: 0 })
  })
})

describe("policyOf", () => {
  it("is the base itself when no option shapes the policy", () => {
    expect(policyOf(undefined, defaults)).toBe(defaults)
    expect(policyOf({}, defaults)).toBe(defaults)
  })

  it("takes timeout as the attempt timeout, maxRetries as is, and retry: false as no retry", () => {
    const timed = policyOf({ timeout: 5 }, defaults)
    expect(timed.attemptTimeout).toBe(5)
    expect(timed.maxRetries).toBe(defaults.maxRetries)
    expect(policyOf({ maxRetries: 7 }, defaults).maxRetries).toBe(7)
    expect(policyOf({ retry: false }, defaults).maxRetries).toBe(0)
    expect(policyOf({ retry: { jitter: 0 } }, defaults)).toMatchObject({ jitter: 0, maxRetries: defaults.maxRetries })
    // Without `timeout`, the retry option's own attempt timeout stands.
    expect(policyOf({ retry: { attemptTimeout: 100 } }, defaults).attemptTimeout).toBe(100)
    // maxRetries wins over the retry option's.
    expect(policyOf({ retry: { maxRetries: 1 }, maxRetries: 4 }, defaults).maxRetries).toBe(4)
  })
})
