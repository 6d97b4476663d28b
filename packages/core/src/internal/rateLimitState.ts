/**
 * The client-side rate limiter as a pure state machine. Intercom reports, on every response, how many requests are
 * left in the current 10-second window (`X-RateLimit-Remaining`) and when it resets (`X-RateLimit-Reset`, unix
 * seconds). A request is admitted while the last report, minus the requests admitted since, leaves room; otherwise it
 * waits for the reset.
 */
import { headerNames } from "./headerNames.ts"
import type { HeaderRecord } from "./retryAfter.ts"

export interface RateLimitState {
  /** `X-RateLimit-Limit` as last reported (informational). */
  readonly limit: number | undefined
  /** Requests admitted so far; each admission's number is its ticket. */
  readonly admitted: number
  /** Ticket of the response whose report is in effect (responses to older tickets carry staler counts). */
  readonly observedTicket: number
  /** `X-RateLimit-Remaining` reported by that response, if any. */
  readonly remaining: number | undefined
  /** When that window ends (epoch ms). */
  readonly resetAt: number | undefined
}

export const initialState: RateLimitState = {
  limit: undefined,
  admitted: 0,
  observedTicket: 0,
  remaining: undefined,
  resetAt: undefined,
}

export type Admission =
  | { readonly _tag: "Admitted"; readonly state: RateLimitState; readonly ticket: number }
  | { readonly _tag: "Wait"; readonly millis: number }

/** Requests admitted after the observed one: the report does not count them yet. */
const unreported = (state: RateLimitState) => Math.max(0, state.admitted - state.observedTicket)

/** Room left in the reported window, or `undefined` when nothing is known (no report, or its window has ended). */
export const room = (state: RateLimitState, nowMillis: number): number | undefined =>
  state.remaining === undefined || state.resetAt === undefined || nowMillis >= state.resetAt
    ? undefined
    : state.remaining - unreported(state)

/** Admit one request now, or say how long to wait before asking again. */
export const admit = (state: RateLimitState, nowMillis: number): Admission => {
  const left = room(state, nowMillis)
  if (left !== undefined && left <= 0) return { _tag: "Wait", millis: state.resetAt! - nowMillis }
  const ticket = state.admitted + 1
  return { _tag: "Admitted", ticket, state: { ...state, admitted: ticket } }
}

const nonNegativeInt = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined
  return Number(value)
}

/**
 * Take in the headers of the response to request `ticket`. The reset time is clamped to one window from now: a reset
 * further away can only come from clock skew, and waiting on it would stall the client.
 */
export const observe = (
  state: RateLimitState,
  ticket: number,
  headers: HeaderRecord,
  nowMillis: number,
  windowMillis: number,
): RateLimitState => {
  const remaining = nonNegativeInt(headers[headerNames.rateLimitRemaining])
  const limit = nonNegativeInt(headers[headerNames.rateLimitLimit]) ?? state.limit
  if (remaining === undefined || ticket <= state.observedTicket) {
    return limit === state.limit
      ? state
      : { ...state, limit }
  }
  const resetSeconds = nonNegativeInt(headers[headerNames.rateLimitReset])
  const reported = resetSeconds === undefined ? undefined : resetSeconds * 1000
  const latest = nowMillis + windowMillis
  const resetAt = reported === undefined || reported > latest ? latest : reported
  return { limit, admitted: state.admitted, observedTicket: ticket, remaining, resetAt }
}
