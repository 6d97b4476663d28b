// Request building on descriptors made here, for what no registry operation has today (multipart and form bodies,
// header parameters, a whole non-object body, unions and records as bodies) and for the exact shape of what a call
// refuses or reports: each refusal names the argument, strict mode lists every problem, warn mode reports them.
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import type { RequestOptions } from "../src/ClientOptions.ts"
import { buildRequest } from "../src/internal/buildRequest.ts"
import { resolveConfig } from "../src/internal/config.ts"
import type { BodyDescriptor, OperationDescriptor, ParameterDescriptor } from "../src/Operation.ts"

const config = (() => {
  const resolved = resolveConfig({ token: "tok", baseUrl: "https://api.test", version: "2.14" }, { requireToken: true })
  if (Result.isFailure(resolved)) throw resolved.failure
  return resolved.success
})()

const param = (
  name: string,
  where: ParameterDescriptor["in"],
  schema: Schema.Top,
  extra: Partial<ParameterDescriptor> = {},
): ParameterDescriptor => ({
  name,
  key: name,
  in: where,
  required: where === "path",
  schema,
  ...extra,
})

const operation = (
  path: string,
  parameters: ReadonlyArray<ParameterDescriptor>,
  body?: Partial<BodyDescriptor> & { schema: Schema.Top },
): OperationDescriptor =>
  ({
    name: "makeThing",
    operationId: "makeThing",
    method: "POST",
    path,
    summary: "",
    tags: [],
    deprecated: false,
    parameters,
    body: body === undefined
      ? undefined
      : { contentType: "application/json", required: false, flat: true, renamed: {}, ...body },
    success: { status: 200, schema: undefined },
    errorStatuses: [],
    pagination: "none",
    retrySafe: false,
    searchQuery: false,
    accept: "application/json",
  }) as unknown as OperationDescriptor

const build = (op: OperationDescriptor, args: unknown, options?: RequestOptions) =>
  buildRequest(op, args, config, options)
const ok = (op: OperationDescriptor, args: unknown, options?: RequestOptions) => {
  const result = build(op, args, options)
  if (Result.isFailure(result)) throw result.failure
  return result.success
}
const refused = (op: OperationDescriptor, args: unknown, options?: RequestOptions) => {
  const result = build(op, args, options)
  if (Result.isSuccess(result)) throw new Error(`built ${result.success.url}`)
  return result.failure
}

const Thing = Schema.Struct({
  name: Schema.String,
  count: Schema.optional(Schema.Number),
  inner: Schema.optional(Schema.Struct({ n: Schema.Number })),
})

describe("query and header parameters", () => {
  const op = operation("/things", [
    param("tags", "query", Schema.Array(Schema.String)),
    param("filter", "query", Schema.Struct({ a: Schema.String }), { style: "deepObject" }),
    param("plain", "query", Schema.Struct({ k: Schema.String })),
    param("n", "query", Schema.Number),
    param("X-Trace-Id", "header", Schema.String, { key: "trace" }),
  ])

  it("serializes arrays, deepObject and form objects, leaving out null and undefined", () => {
    const request = ok(op, { tags: ["a", null, undefined, "b"], filter: { a: "x" }, plain: { k: "v" }, n: null })
    expect(request.url).toBe("https://api.test/things?tags=a&tags=b&filter%5Ba%5D=x&k=v")
    expect(ok(op, { n: 3 }).url).toBe("https://api.test/things?n=3")
    expect(ok(op, {}).url).toBe("https://api.test/things")
  })

  it("leaves out a record parameter's undefined and null entries", () => {
    const open = operation("/things", [param("meta", "query", Schema.Record(Schema.String, Schema.Unknown))])
    expect(ok(open, { meta: { a: "1", b: undefined, c: null } }).url).toBe("https://api.test/things?a=1")
  })

  it("sends an object parameter's undeclared keys as written, as a body's are", () => {
    expect(ok(op, { filter: { a: "x", extra: "y" } }).url).toBe(
      "https://api.test/things?filter%5Ba%5D=x&filter%5Bextra%5D=y",
    )
  })

  it("sends a header parameter under its lower-case name, and none when not given or null", () => {
    expect(ok(op, { trace: "t-1" }).headers["x-trace-id"]).toBe("t-1")
    expect(ok(op, {}).headers).not.toHaveProperty("x-trace-id")
    expect(ok(op, { trace: null }).headers).not.toHaveProperty("x-trace-id")
  })

  it("reports a missing required query or header parameter in warn mode and refuses it in strict mode", () => {
    const required = operation("/things", [
      param("q", "query", Schema.String, { required: true }),
      param("X-H", "header", Schema.String, { key: "h", required: true }),
    ])
    const request = ok(required, {})
    expect(request.url).toBe("https://api.test/things")
    expect(request.validation).toEqual([
      { operation: "makeThing", in: "request", path: "q", expected: "a value", got: "missing" },
      { operation: "makeThing", in: "request", path: "h", expected: "a value", got: "missing" },
    ])
    const error = refused(required, {}, { validateRequests: "strict" })
    expect(error.issues).toEqual([
      { path: "q", message: "Missing required query parameter" },
      { path: "h", message: "Missing required header parameter" },
    ])
    expect(error.message).toBe(
      "makeThing: invalid argument `q`: Missing required query parameter; `h`: Missing required header parameter",
    )
  })
})

describe("path parameters", () => {
  const op = operation("/things/{id}", [
    param("id", "path", Schema.Union([Schema.String, Schema.Struct({ x: Schema.Number })])),
  ])

  it("refuses a missing or object path parameter in every mode, naming it", () => {
    expect(refused(op, {}).issues).toEqual([{ path: "id", message: "Missing required path parameter" }])
    expect(refused(op, { id: { x: 1 } }).issues).toEqual([{ path: "id", message: "Expected an id, got object" }])
  })

  it("fills each call's own value into the template", () => {
    expect(ok(op, { id: "a" }).url).toBe("https://api.test/things/a")
    expect(ok(op, { id: "b" }).url).toBe("https://api.test/things/b")
  })

  it("refuses an unknown argument of an operation without a body, and takes its parameters", () => {
    expect(refused(op, { id: "a", other: 1 }).issues).toEqual([{
      path: "other",
      message: expect.stringMatching(/^Unknown argument/),
    }])
    expect(ok(op, { id: "a", other: undefined }).url).toBe("https://api.test/things/a")
  })
})

describe("flat bodies", () => {
  it("sends the fields as JSON, parameters and undefined values left out", () => {
    const op = operation("/things/{id}", [param("id", "path", Schema.String)], { schema: Thing })
    const request = ok(op, { id: "1", name: "n", count: undefined, notAField: undefined })
    expect(JSON.parse(request.body as string)).toEqual({ name: "n" })
    expect(request.headers["content-type"]).toBe("application/json")
  })

  it("sends no optional body when no field is given, but still checks it; a required one is sent empty", () => {
    const optional = operation("/things", [], { schema: Thing })
    const none = ok(optional, {})
    expect(none.body).toBeUndefined()
    expect(none.headers).not.toHaveProperty("content-type")
    expect(none.validation).toEqual([{
      operation: "makeThing",
      in: "request",
      path: "name",
      expected: "a value",
      got: "missing",
    }])
    const required = operation("/things", [], {
      schema: Schema.Struct({ name: Schema.optional(Schema.String) }),
      required: true,
    })
    expect(ok(required, {}).body).toBe("{}")
  })

  it("reports a mismatch under the caller's name for a renamed field, with what was given", () => {
    const op = operation("/things", [], { schema: Thing, renamed: { callerName: "name" } })
    expect(JSON.parse(ok(op, { callerName: "n" }).body as string)).toEqual({ name: "n" })
    const request = ok(op, { callerName: 5, inner: { n: "x" } })
    expect(JSON.parse(request.body as string)).toEqual({ name: 5, inner: { n: "x" } })
    expect(request.validation).toEqual([
      { operation: "makeThing", in: "request", path: "callerName", expected: "string", got: "number 5" },
      { operation: "makeThing", in: "request", path: "inner.n", expected: "number", got: "string" },
    ])
    const error = refused(op, { callerName: 5 }, { validateRequests: "strict" })
    expect(error.field).toBe("callerName")
    expect(error.issues).toEqual([{ path: "callerName", message: "Expected string, got number 5" }])
  })

  it("knows a union's fields, and takes any field for a record or a union with one", () => {
    const union = operation("/things", [], {
      schema: Schema.Union([Schema.Struct({ a: Schema.String }), Schema.Struct({ b: Schema.String })]),
    })
    expect(JSON.parse(ok(union, { a: "1" }).body as string)).toEqual({ a: "1" })
    expect(JSON.parse(ok(union, { b: "1" }).body as string)).toEqual({ b: "1" })
    expect(refused(union, { c: "1" }).issues).toEqual([{
      path: "c",
      message: expect.stringMatching(/^Unknown argument/),
    }])
    const record = operation("/things", [], { schema: Schema.Record(Schema.String, Schema.String) })
    expect(JSON.parse(ok(record, { anything: "1" }).body as string)).toEqual({ anything: "1" })
    const open = operation("/things", [], {
      schema: Schema.Union([Schema.Struct({ a: Schema.String }), Schema.Record(Schema.String, Schema.String)]),
    })
    expect(JSON.parse(ok(open, { z: "1" }).body as string)).toEqual({ z: "1" })
    const anything = operation("/things", [], { schema: Schema.Unknown })
    expect(JSON.parse(ok(anything, { z: "1" }).body as string)).toEqual({ z: "1" })
    const lazy = operation("/things", [], { schema: Schema.suspend(() => Schema.Struct({ a: Schema.String })) })
    expect(refused(lazy, { c: "1" }).issues).toEqual([{
      path: "c",
      message: expect.stringMatching(/^Unknown argument/),
    }])
  })
})

describe("a whole body (not flat)", () => {
  const op = operation("/things", [param("X-H", "header", Schema.String, { key: "h" })], {
    schema: Schema.Array(Schema.String),
    flat: false,
    required: true,
  })

  it("sends `body` as JSON and refuses other arguments", () => {
    expect(ok(op, { body: ["a"], h: "x" }).body).toBe("[\"a\"]")
    expect(refused(op, { body: ["a"], other: 1 }).issues).toEqual([{
      path: "other",
      message: expect.stringMatching(/^Unknown argument/),
    }])
    expect(ok(op, { body: ["a"], other: undefined }).body).toBe("[\"a\"]")
  })

  it("reports a missing required body in warn mode, sending none, and refuses it in strict mode", () => {
    const request = ok(op, {})
    expect(request.body).toBeUndefined()
    expect(request.headers).not.toHaveProperty("content-type")
    expect(request.validation).toEqual([{
      operation: "makeThing",
      in: "request",
      path: "body",
      expected: "a value",
      got: "missing",
    }])
    expect(refused(op, {}, { validateRequests: "strict" }).issues).toEqual([{
      path: "body",
      message: "Missing required body",
    }])
  })

  it("reports a mismatch at body's path", () => {
    const request = ok(op, { body: ["a", 2] })
    expect(request.body).toBe("[\"a\",2]")
    expect(request.validation).toEqual([{
      operation: "makeThing",
      in: "request",
      path: "body[1]",
      expected: "string",
      got: "number 2",
    }])
  })

  it("refuses extra body fields", () => {
    expect(refused(op, { body: [] }, { extraBody: { a: 1 } }).issues).toEqual([{
      path: "options.extraBody",
      message: "This operation has no JSON object body to add fields to",
    }])
  })
})

describe("multipart and form bodies", () => {
  const Form = Schema.Struct({
    name: Schema.String,
    file: Schema.optional(Schema.Unknown),
    list: Schema.optional(Schema.Array(Schema.String)),
    meta: Schema.optional(Schema.Unknown),
  })

  it("sends multipart fields as FormData (no content type: the boundary is the transport's), arrays repeated, nulls left out", () => {
    const op = operation("/upload", [], { schema: Form, contentType: "multipart/form-data", required: true })
    const file = new Blob(["bytes"], { type: "text/plain" })
    const request = ok(op, { name: "n", file, list: ["a", null, undefined, "b"], meta: null })
    expect(request.body).toBeInstanceOf(FormData)
    const form = request.body as FormData
    expect(form.getAll("name")).toEqual(["n"])
    expect(form.getAll("list")).toEqual(["a", "b"])
    expect(form.has("meta")).toBe(false)
    expect(form.get("file")).toBeInstanceOf(Blob)
    expect(request.headers).not.toHaveProperty("content-type")
    expect(refused(op, { name: "n" }, { extraBody: { a: 1 } }).issues[0]?.path).toBe("options.extraBody")
  })

  it("sends form fields url-encoded, objects as JSON, nulls left out", () => {
    const op = operation("/form", [], {
      schema: Form,
      contentType: "application/x-www-form-urlencoded",
      required: true,
    })
    const request = ok(op, { name: "a b", meta: { k: 1 }, file: null })
    expect(request.body).toBe("name=a+b&meta=%7B%22k%22%3A1%7D")
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded")
  })
})

describe("options", () => {
  const op = operation("/things", [], { schema: Thing })

  it("refuses an unknown validateRequests mode and a bad version, naming the option", () => {
    const mode = refused(op, { name: "n" }, { validateRequests: "loose" as never })
    expect(mode.issues).toEqual([{ path: "options.validateRequests", message: "Expected one of strict, warn, off" }])
    const version = refused(op, { name: "n" }, { version: "9.99" as never })
    expect(version.field).toBe("options.version")
    expect(version.issues[0]?.message).toMatch(/9\.99/)
  })

  it("strict mode builds a request that fits; off mode reports nothing", () => {
    expect(ok(op, { name: "n" }, { validateRequests: "strict" }).validation).toEqual([])
    expect(ok(op, { name: 5 }, { validateRequests: "off" }).validation).toEqual([])
  })

  it("merges extra body fields into an empty optional body as JSON", () => {
    const request = ok(op, {}, { extraBody: { x: 1 } })
    expect(request.body).toBe("{\"x\":1}")
    expect(request.headers["content-type"]).toBe("application/json")
  })

  it("leaves out undefined per-call query values", () => {
    expect(ok(op, { name: "n" }, { extraQuery: { a: undefined as never, b: "1" } }).url).toBe(
      "https://api.test/things?b=1",
    )
  })

  it("refuses arguments that are not an object with one issue at the root", () => {
    const error = refused(op, "x")
    expect(error.field).toBe("(arguments)")
    expect(error.issues).toEqual([{ path: "(arguments)", message: "Expected one object of arguments" }])
  })
})
