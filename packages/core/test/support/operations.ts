// Hand-written descriptors in the generated shape, so the runtime is tested on every descriptor feature
// (path/query/header parameters, renamed and non-flat bodies, 204s) independently of the generator's output.
import * as Schema from "effect/Schema"
import type { Operation, OperationDescriptor } from "../../src/Operation.ts"

const open = <F extends Schema.Struct.Fields>(fields: F) =>
  Schema.StructWithRest(Schema.Struct(fields), [Schema.Record(Schema.String, Schema.Unknown)])

export const Conversation = open({
  type: Schema.String,
  id: Schema.String,
  title: Schema.optionalKey(Schema.NullOr(Schema.String)),
  read: Schema.optionalKey(Schema.Boolean),
  source: Schema.optionalKey(open({ author: Schema.optionalKey(open({ id: Schema.String })) })),
})

export interface Conversation {
  readonly type: string
  readonly id: string
  readonly title?: string | null
  readonly read?: boolean
  readonly source?: { readonly author?: { readonly id: string } }
  readonly [key: string]: unknown
}

const base = (fields: Partial<OperationDescriptor> & Pick<OperationDescriptor, "name" | "method" | "path">) =>
  ({
    operationId: fields.name,
    summary: fields.name,
    tags: ["Test"],
    deprecated: false,
    parameters: [],
    body: undefined,
    success: { status: 200, schema: Conversation },
    errorStatuses: [400, 401, 404, 429],
    pagination: "none",
    searchQuery: false,
    accept: "application/json",
    retrySafe: fields.method !== "POST",
    ...fields,
  }) as OperationDescriptor

const version = {
  name: "Intercom-Version",
  key: "Intercom-Version",
  in: "header",
  required: false,
  schema: Schema.String,
} as const

export const updateConversation: Operation<
  {
    readonly conversation_id: string
    readonly display_as?: string
    readonly "Intercom-Version"?: string
    readonly read?: boolean
    readonly title?: string
    readonly custom_attributes?: Record<string, unknown>
  },
  Conversation
> = base({
  name: "updateConversation",
  method: "PUT",
  path: "/conversations/{conversation_id}",
  parameters: [
    version,
    { name: "conversation_id", key: "conversation_id", in: "path", required: true, schema: Schema.String },
    { name: "display_as", key: "display_as", in: "query", required: false, schema: Schema.String },
  ],
  body: {
    contentType: "application/json",
    required: false,
    flat: true,
    renamed: {},
    schema: open({
      read: Schema.optionalKey(Schema.Boolean),
      title: Schema.optionalKey(Schema.String),
      custom_attributes: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
    }),
  },
})

export const listThings: Operation<
  {
    readonly ids?: ReadonlyArray<number>
    readonly filter?: Record<string, string>
    readonly deep?: Record<string, string>
    readonly per_page?: number
  },
  unknown
> = base({
  name: "listThings",
  method: "GET",
  path: "/things",
  parameters: [
    { name: "ids", key: "ids", in: "query", required: false, style: "form", schema: Schema.Array(Schema.Int) },
    {
      name: "filter",
      key: "filter",
      in: "query",
      required: false,
      style: "form",
      schema: Schema.Record(Schema.String, Schema.String),
    },
    {
      name: "deep",
      key: "deep",
      in: "query",
      required: false,
      style: "deepObject",
      schema: Schema.Record(Schema.String, Schema.String),
    },
    { name: "per_page", key: "per_page", in: "query", required: false, schema: Schema.Int },
  ],
  success: { status: 200, schema: undefined },
})

export const createThing: Operation<
  { readonly id: string; readonly body_id: string; readonly name?: string },
  Conversation
> = base({
  name: "createThing",
  method: "POST",
  path: "/things/{id}",
  parameters: [{ name: "id", key: "id", in: "path", required: true, schema: Schema.String }],
  body: {
    contentType: "application/json",
    required: true,
    flat: true,
    renamed: { body_id: "id" },
    schema: open({ id: Schema.String, name: Schema.optionalKey(Schema.String) }),
  },
})

export const replaceTags: Operation<{ readonly body: ReadonlyArray<string> }, Conversation> = base({
  name: "replaceTags",
  method: "PUT",
  path: "/tags",
  body: {
    contentType: "application/json",
    required: true,
    flat: false,
    renamed: {},
    schema: Schema.Array(Schema.String),
  },
})

export const deleteThing: Operation<{ readonly id: string }, void> = base({
  name: "deleteThing",
  method: "DELETE",
  path: "/things/{id}",
  parameters: [{ name: "id", key: "id", in: "path", required: true, schema: Schema.String }],
  success: { status: 204, schema: undefined },
})

export const getMe: Operation<{ readonly "Intercom-Version"?: string }, Conversation> = base({
  name: "getMe",
  method: "GET",
  path: "/me",
  parameters: [version],
})

export const testOperations = { updateConversation, listThings, createThing, replaceTags, deleteThing, getMe }
