/**
 * @utdk/intercom-core: typed Effect programs for every Intercom REST API operation.
 *
 * @since 0.1.0
 */
export type * from "./Operation.ts"
export { apiVersion, operationList, operations } from "./generated/registry.ts"
export type { OperationName, Operations } from "./generated/registry.ts"
export type * from "./generated/operations.ts"
export * as Models from "./generated/models.ts"
