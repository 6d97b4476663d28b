/**
 * Every operation's descriptor, for the function form (`@utdk/intercom-browser/request`): import the ones you call
 * and bundlers leave the others out (each is a pure constant). These are the compact descriptors: their checks (the
 * spec's rules for arguments and answers, generated from the Schemas) need no effect, so a page that sends one
 * operation ships neither Schema nor the fiber runtime. From this package, so that it resolves under pnpm's strict
 * layout, where `@utdk/intercom-core` is not the app's own dependency.
 *
 * ```ts
 * import { updateConversation } from "@utdk/intercom-browser/operations"
 * import { request } from "@utdk/intercom-browser/request"
 * ```
 *
 * @since 0.3.0
 */
export * from "@utdk/intercom-core/compact/operations"
