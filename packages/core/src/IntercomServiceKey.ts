/**
 * The `Intercom` service's key: the one string by which an Effect `Context` finds the client. Kept apart from the
 * service class (whose layers load the registry) so a platform's client class can be the same service without
 * loading anything at import.
 *
 * @since 0.1.0
 */

/** @category services */
export const intercomServiceKey = "@utdk/intercom-core/Intercom" as const
