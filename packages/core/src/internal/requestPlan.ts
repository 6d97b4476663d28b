/**
 * What building a request needs from an operation that does not depend on the arguments, computed once per
 * descriptor at its first call: the path template split at its parameters, the parameter keys. And per client, the headers every request of that client carries.
 */
import * as Redacted from "effect/Redacted"
import type { OperationDescriptor, ParameterDescriptor } from "../Operation.ts"
import type { ResolvedConfig } from "./config.ts"
import { versionHeader } from "./version.ts"

export interface ParameterPlan {
  readonly parameter: ParameterDescriptor
  /** Its index in the operation's parameters (what its checks are asked by). */
  readonly index: number
  /** For path parameters: the indexes in {@link RequestPlan.pathParts} its value goes to. */
  readonly pathSlots: ReadonlyArray<number>
  /** `true` for the `Intercom-Version` header parameter: the client's version rule judges it, not its schema. */
  readonly isVersion: boolean
}

export interface RequestPlan {
  readonly parameters: ReadonlyArray<ParameterPlan>
  /** Keys of the flat argument object that are parameters (the others belong to the body). */
  readonly parameterKeys: ReadonlySet<string>
  /** The path template split at its `{name}` placeholders: literal text at even indexes, placeholders at odd ones. */
  readonly pathParts: ReadonlyArray<string>
}

const plans = new WeakMap<OperationDescriptor, RequestPlan>()

const makePlan = (operation: OperationDescriptor): RequestPlan => {
  const pathParts = operation.path.split(/\{([^}]*)\}/)
  return {
    parameters: operation.parameters.map((parameter, index) => ({
      parameter,
      index,
      pathSlots: parameter.in === "path"
        ? pathParts.flatMap((part, i) => (i % 2 === 1 && part === parameter.name ? [i] : []))
        : [],
      isVersion: parameter.in === "header" && parameter.name.toLowerCase() === versionHeader,
    })),
    parameterKeys: new Set(operation.parameters.map((parameter) => parameter.key)),
    pathParts,
  }
}

/** The plan of `operation`, made at its first call. */
export const requestPlanOf = (operation: OperationDescriptor): RequestPlan => {
  let plan = plans.get(operation)
  if (plan === undefined) {
    plan = makePlan(operation)
    plans.set(operation, plan)
  }
  return plan
}

/** What every request of a client carries: its `headers` option (lower-case names) and its `authorization`. */
export interface ClientHeaders {
  readonly headers: Readonly<Record<string, string>>
  readonly authorization: string | undefined
}

const clientHeaders = new WeakMap<ResolvedConfig, ClientHeaders>()

/** The headers of every request of a client, computed at its first call. */
export const clientHeadersOf = (config: ResolvedConfig): ClientHeaders => {
  let cached = clientHeaders.get(config)
  if (cached === undefined) {
    const headers: Record<string, string> = {}
    for (const [key, value] of Object.entries(config.headers)) headers[key.toLowerCase()] = value
    cached = {
      headers,
      authorization: config.token === undefined ? undefined : `Bearer ${Redacted.value(config.token)}`,
    }
    clientHeaders.set(config, cached)
  }
  return cached
}
