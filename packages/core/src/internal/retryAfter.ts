/**
 * Reading the server's "wait this long" hints from a response's headers.
 * Pure: the caller passes the current time, so the Effect program can take it from `Clock` (and tests from TestClock).
 */
import { headerNames } from "./headerNames.ts"

/** Response headers: lower-case names. */
export type HeaderRecord = Readonly<Record<string, string | undefined>>

/** Where a server-provided delay came from. */
export type ServerDelaySource = "retry-after" | "x-ratelimit-reset"

export interface ServerDelay {
  readonly millis: number
  readonly source: ServerDelaySource
}

const monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

// RFC 9110 §5.6.7's three forms, as effect's `Headers.parseHttpDate` reads them (read here without effect's DateTime,
// Duration and Headers, which would put them in every Promise program): IMF-fixdate, RFC 850, asctime.
const httpDateForms = [
  // Sun, 06 Nov 1994 08:49:37 GMT
  /^(?:mon|tue|wed|thu|fri|sat|sun), (?<day>\d{2}) (?<month>[a-z]{3}) (?<year>\d{4}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}) gmt$/i,
  // Sunday, 06-Nov-94 08:49:37 GMT
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday), (?<day>\d{2})-(?<month>[a-z]{3})-(?<year>\d{2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}) gmt$/i,
  // Sun Nov  6 08:49:37 1994
  /^(?:mon|tue|wed|thu|fri|sat|sun) (?<month>[a-z]{3}) (?<day> \d|\d{2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}) (?<year>\d{4})$/i,
]

/** An HTTP date (trimmed) as epoch milliseconds, or `undefined` when it is none (or names an impossible day). */
export const httpDateMillis = (text: string): number | undefined => {
  for (const form of httpDateForms) {
    const groups = form.exec(text)?.groups
    if (groups === undefined) continue
    const month = monthNames.indexOf(groups.month!.toLowerCase())
    const hour = Number(groups.hour)
    const minute = Number(groups.minute)
    const second = Number(groups.second)
    // 23:59:60 is a leap second, read as the second after.
    if (month === -1 || hour > 23 || minute > 59 || second > 60) return undefined
    let year = Number(groups.year)
    // RFC 850's two-digit years: 70-99 are 19xx, the rest 20xx.
    if (groups.year!.length === 2) year += year < 70 ? 2000 : 1900
    const day = Number(groups.day)
    const date = new Date(0)
    date.setUTCFullYear(year, month, day)
    // An impossible day (31 Feb, day 00) rolls over into another month, and so onto another day of the month.
    if (date.getUTCDate() !== day) return undefined
    return date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000
  }
  return undefined
}

/** `Retry-After`: whole seconds or an HTTP date. A date in the past means "now" (0), garbage means no hint. */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): number | undefined => {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) {
    const millis = Number(text) * 1000
    return Number.isFinite(millis) ? millis : undefined
  }
  const date = httpDateMillis(text)
  return date === undefined ? undefined : Math.max(0, date - nowMillis)
}

/**
 * `X-RateLimit-Reset`: the unix time (seconds) at which Intercom's current window resets. Values that cannot be a
 * unix time in seconds (too small, fractional garbage, milliseconds) are no hint at all.
 */
export const parseRateLimitReset = (value: string | undefined, nowMillis: number): number | undefined => {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined
  const seconds = Number(value)
  if (seconds < 1_000_000_000 || seconds > 100_000_000_000) return undefined
  return Math.max(0, seconds * 1000 - nowMillis)
}

/**
 * The delay the server asked for, if any. `Retry-After` counts on every status; `X-RateLimit-Reset` only on a 429
 * (on other responses it just describes the window). When both are present the later one wins: retrying before
 * either would be answered with another 429.
 */
export const serverDelay = (status: number, headers: HeaderRecord, nowMillis: number): ServerDelay | undefined => {
  const retryAfter = parseRetryAfter(headers[headerNames.retryAfter], nowMillis)
  const reset = status === 429 ? parseRateLimitReset(headers[headerNames.rateLimitReset], nowMillis) : undefined
  if (retryAfter === undefined && reset === undefined) return undefined
  if (reset === undefined || (retryAfter !== undefined && retryAfter >= reset)) {
    return { millis: retryAfter!, source: "retry-after" }
  }
  return { millis: reset, source: "x-ratelimit-reset" }
}
