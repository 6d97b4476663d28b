/** Small statistics and formatting helpers shared by the benches. */

/** @category statistics */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** @category statistics */
export const percentile = (values: ReadonlyArray<number>, p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** @category formatting */
export const fixed = (n: number, digits = 2): string => n.toFixed(digits)

/** @category formatting */
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`

/** Lets the event loop and the GC settle between measurements. */
export const settle = async (): Promise<void> => {
  globalThis.gc?.()
  await new Promise((r) => setTimeout(r, 50))
}
