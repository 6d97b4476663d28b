/**
 * The effect-free pieces of sending a request by hand: the response size checks against a stated `content-length`
 * and the light abort signal `undici.request` accepts. The gateway's web handler uses them without loading effect or
 * its HTTP client (which `Transport` brings).
 *
 * @since 0.2.0
 */
export {
  checkDeclaredLength,
  exceedsDeclaredLength,
  fitsDeclaredLength,
  ResponseTooLarge,
  readCapped,
} from "./internal/readBody.ts"
export { type AttemptController, type LightAbortSignal, makeLightAbort } from "./internal/lightAbort.ts"
