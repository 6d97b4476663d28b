/**
 * The type-level functions the generated method declarations are written with (`IntercomMethods<K>`), apart from
 * `PromiseApi.ts` and `IntercomClient.ts`, which instantiate them, so that the generated declarations import
 * neither.
 *
 * @since 0.3.0
 */

/**
 * What the documented methods return and take, as a type-level function of a method's result `A`: `return` reads
 * `this["A"]` (`Promise<A>`, `Effect<A, IntercomError>`, ...), `options` is the per-call options' type. The generated
 * `IntercomMethods<K>` is written once and instantiated per kind, so every client keeps the spec's docs on hover.
 *
 * @category type-level
 */
export interface MethodKind {
  readonly A: unknown
  readonly return: unknown
  readonly options: unknown
}

/**
 * The return type of a method of kind `K` whose result is `A`.
 *
 * @category type-level
 */
export type MethodReturn<K extends MethodKind, A> = (K & { readonly A: A })["return"]

/** The declared properties of a type, without its index signature (generated models keep unknown fields). */
type Declared<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]-?: T[K] }

/**
 * The item type of a page type: the element type of its array-valued properties. A union of page types (an answer
 * that is one object or a list of them) gives the items of each member.
 *
 * @category type-level
 */
export type ItemOf<Page> = Page extends unknown ? PageItems<NonNullable<Page>> : never

type PageItems<Page> = {
  [K in keyof Declared<Page>]: NonNullable<Declared<Page>[K]> extends ReadonlyArray<infer Item> ? Item : never
}[keyof Declared<Page>]
