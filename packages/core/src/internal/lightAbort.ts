// Abort controllers without effect, so the gateway's web handler can use them without loading effect.

/**
 * What aborts one attempt: an `AbortController`, {@link makeLightAbort}'s for a library that takes it, or an HTTP
 * library's own per-request object (the Node client's undici dispatch handler is its own controller and signal).
 */
export interface AttemptController<S> {
  readonly signal: S
  readonly abort: (reason?: unknown) => void
}

/**
 * An abort signal as undici's `request` accepts one (any object with `addEventListener`; undici reads `reason` when
 * it fires), without `AbortController` and Node's `EventTarget`: those cost the Node client about a tenth of its
 * throughput when it sent through `undici.request` (0.73-0.78x raw undici with them, 0.85x without a signal). It has
 * no `aborted` property on purpose: undici hands a signal that has one to Node's native listener, which takes only a
 * real `AbortSignal`.
 */
export interface LightAbortSignal {
  reason: unknown
  readonly addEventListener: (type: "abort", listener: () => void) => void
  readonly removeEventListener: (type: "abort", listener: () => void) => void
}

/** A controller for {@link LightAbortSignal}: aborts once; a listener added after the abort runs at once. */
export const makeLightAbort = (): AttemptController<LightAbortSignal> => {
  let listener: (() => void) | undefined
  let aborted = false
  const signal: LightAbortSignal = {
    reason: undefined,
    addEventListener: (_type, added) => {
      if (aborted) added()
      else listener = added
    },
    removeEventListener: (_type, removed) => {
      if (listener === removed) listener = undefined
    },
  }
  return {
    signal,
    abort: (reason) => {
      if (aborted) return
      aborted = true
      signal.reason = reason ?? new DOMException("This operation was aborted", "AbortError")
      const run = listener
      listener = undefined
      run?.()
    },
  }
}
