// The spec's examples and random one-value mutations of them (fast-check drives which value and what replaces it), for
// the tests that hold a checker to Effect's parser on values near the spec's examples.

type Media = Record<string, { examples?: Record<string, { value?: unknown }>; example?: unknown }>

/** An operation of the dereferenced spec, as far as its examples go. */
export interface SpecOperation {
  readonly responses?: Record<string, { content?: Media }>
  readonly requestBody?: { content?: Media }
}

/** The named examples of a media type, then its single `example`. */
export const examplesOf = (media: Media[string] | undefined): Array<readonly [string, unknown]> => [
  ...Object.entries(media?.examples ?? {}).map(([name, e]) => [name, e.value] as const),
  ...(media?.example === undefined ? [] : [["example", media.example] as const]),
]

/** Every path to a value inside `value` (object keys, array indexes). */
export const valuePaths = (value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> => {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...valuePaths(item, [...prefix, i])])
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...valuePaths(v, [...prefix, k])])
  }
  return []
}

/** A copy of `root` with the value at `path` replaced, or deleted (`remove`, in objects). */
export const mutateAt = (
  root: unknown,
  path: ReadonlyArray<string | number>,
  replacement: unknown,
  remove: boolean,
): unknown => {
  const copy = structuredClone(root)
  let target = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (remove && !Array.isArray(target)) delete target[last]
  else target[last] = replacement
  return copy
}
