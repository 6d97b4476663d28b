/**
 * A value built at its first use, then kept. The generated models and descriptors build their schemas this way, so
 * importing the registry builds none of its ~300 models: each operation's schemas are built when it is first called.
 */
export const lazy = <A>(build: () => A): () => A => {
  let built = false
  let value: A
  return () => {
    if (!built) {
      value = build()
      built = true
    }
    return value
  }
}
