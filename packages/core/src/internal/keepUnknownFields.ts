/** Keeping the fields a decoded body has beyond its schema's, so a caller loses nothing Intercom sent. */
const isPlainObject = (u: unknown): u is Record<string, unknown> => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return false
  const proto = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

// `JSON.parse` makes "__proto__" an own key; assigning it would set the prototype instead.
const define = (target: Record<string, unknown>, key: string, value: unknown): void => {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  } else target[key] = value
}

/**
 * Schema decoding (and encoding) drops object keys the schema does not declare. Intercom adds fields faster than
 * specs follow, so a client must not lose them: this puts back every key of `raw` that `parsed` lacks, recursively,
 * keeping what the schema produced for the keys it knows. Values the schema transformed (not plain objects or
 * arrays on both sides) are taken from `parsed`.
 */
export const keepUnknownFields = (raw: unknown, parsed: unknown): unknown => {
  if (raw === parsed) return parsed
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    return raw.length === parsed.length ? parsed.map((item, i) => keepUnknownFields(raw[i], item)) : parsed
  }
  if (!isPlainObject(raw) || !isPlainObject(parsed)) return parsed
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(raw)) {
    define(out, key, Object.hasOwn(parsed, key) ? keepUnknownFields(raw[key], parsed[key]) : raw[key])
  }
  for (const key of Object.keys(parsed)) {
    if (!Object.hasOwn(raw, key)) define(out, key, parsed[key])
  }
  return out
}
