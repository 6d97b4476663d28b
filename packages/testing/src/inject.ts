// The URL of the shared Prism stand-in, as the vitest global setup provided it.
import { inject } from "vitest"

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string
  }
}

/** URL of the Prism started by the global setup (`@utdk/intercom-testing/prism-setup`). */
export const prismUrl = (): string => inject("prismUrl")
