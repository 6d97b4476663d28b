/**
 * @utdk/intercom-core: typed Effect programs for every Intercom REST API operation.
 *
 * @since 0.1.0
 */
export type * from "./Operation.ts"
