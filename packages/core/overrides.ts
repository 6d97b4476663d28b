/**
 * Corrections applied to Intercom's OpenAPI description before generation. Data only: every entry says what it
 * changes and why. Operations are named by the spec's operationId (or the one given in `operationIds`).
 * The generator fails when an entry matches nothing in the 2.16 description, so stale entries cannot linger.
 */
import type { Overrides } from "./scripts/lib/overrides.ts"

/** Intercom-OpenAPI at the commit the descriptions in ../shared/intercom-openapi were copied from. */
const UPSTREAM = "https://github.com/intercom/Intercom-OpenAPI/blob/8889625a7b931d8649e18726e7f872ff073520fc"
/** The 2.16 description, for links to its own lines (examples that contradict their schema). */
const SPEC = `${UPSTREAM}/descriptions/2.16/api.intercom.io.yaml`
/** The overrides Intercom applies to its descriptions before generating its own SDKs. */
const FERN = `${UPSTREAM}/fern/openapi-overrides.yml`

/**
 * A custom attribute's value as Intercom takes it: its attribute types are string, integer, decimal (float),
 * boolean and date (a Unix timestamp or an ISO-8601 string), per the data_type enum of data_attribute.
 */
const ATTRIBUTE_VALUE = { anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }] }
/** The same in an answer, where an attribute without a value comes back as null. */
const ATTRIBUTE_VALUE_SENT = { ...ATTRIBUTE_VALUE, nullable: true }
/** A data event's metadata value: string, number, date (timestamp), link (URL), rich link and monetary amount. */
const METADATA_VALUE = {
  anyOf: [
    { type: "string" },
    { type: "number" },
    {
      title: "rich link",
      type: "object",
      properties: { url: { type: "string" }, value: { type: "string" } },
      required: ["url", "value"],
    },
    {
      title: "monetary amount",
      type: "object",
      properties: { amount: { type: "integer" }, currency: { type: "string" } },
      required: ["amount", "currency"],
    },
  ],
}

export default {
  operationIds: [
    {
      method: "post",
      path: "/export/reporting_data/enqueue",
      operationId: "enqueueReportingDataExport",
      reason: "The spec gives no operationId; named for its summary (enqueue a reporting data export job).",
    },
    {
      method: "get",
      path: "/export/reporting_data/{job_identifier}",
      operationId: "getReportingDataExport",
      reason: "The spec gives no operationId; named for its summary (status of one export job).",
    },
    {
      method: "get",
      path: "/export/reporting_data/get_datasets",
      operationId: "listReportingDatasets",
      reason: "The spec gives no operationId; named for its summary (list datasets and their attributes).",
    },
    {
      method: "get",
      path: "/download/reporting_data/{job_identifier}",
      operationId: "downloadReportingDataExport",
      reason: "The spec gives no operationId; named for its summary (download a finished export job).",
    },
  ],

  parameters: [],

  pathIds: {
    names: "^(id|.+_id|.+_identifier)$",
    reason: "Ids in paths are typed integer in some operations and string in others (conversation_id, admin_id, " +
      "article_id...), while responses send most ids as strings and Intercom's reference documents many as " +
      "integers: users hold both. Every path id accepts a string or an integer and is sent as text.",
  },

  bodyIds: {
    names: "^(id|.+_id)$",
    reason:
      "Ids in request bodies are declared strings in some operations and integers in others, while the description's " +
      "own request examples send them either way (admin_id: 991267583 where a string is declared, from.id: " +
      "\"991267816\" where an integer is), as for path ids (pathIds). A body id takes a string or an integer, sent as given.",
    source: [`${SPEC}#L7393`, `${SPEC}#L10612`, `${SPEC}#L16626-L16628`],
  },

  presentInResponses: {
    properties: ["type", "id"],
    reason:
      "The spec lists `type` and `id` on response objects but rarely marks them required, so `created.id` would be " +
      "`string | undefined` although Intercom always sends both. Response models require them wherever a schema " +
      "declares them and the spec's examples of that schema always send them (some send them, none leaves them out).",
  },

  operationNames: [
    {
      operationId: "lisDataAttributes",
      name: "listDataAttributes",
      reason: "Typo in the spec's operationId (lis → list).",
    },
    { operationId: "lisDataEvents", name: "listDataEvents", reason: "Typo in the spec's operationId (lis → list)." },
  ],

  addParameters: [
    ...["getReportingDataExport", "downloadReportingDataExport"].map((operation) => ({
      operation,
      parameters: [{ name: "job_identifier", in: "path" as const, required: true, schema: { type: "string" } }],
      reason: "The path template has a {job_identifier} placeholder but the spec declares the parameter only in the " +
        "query, so nothing fills the path. The same value goes in both places (one flat key): the path is what " +
        "Intercom routes on, and the query copy keeps requests valid against the spec (Prism requires it).",
    })),
    {
      operation: "ListContacts",
      parameters: [
        { name: "page", in: "query", required: false, schema: { type: "integer" } },
        { name: "per_page", in: "query", required: false, schema: { type: "integer" } },
        { name: "starting_after", in: "query", required: false, schema: { type: "string" } },
      ],
      reason:
        "GET /contacts pages with per_page + starting_after (its response carries pages.next.starting_after) but " +
        "the spec declares none of these query parameters; Intercom's own SDK (ListContactsRequest) has all three.",
    },
    ...[
      ["listArticles", "ListArticlesRequest"],
      ["listAllCollections", "ListCollectionsRequest"],
      ["listHelpCenters", "ListHelpCentersRequest"],
      ["listNotes", "ListContactNotesRequest"],
      ["listCompaniesForAContact", "ListAttachedCompaniesRequest"],
    ].map(([operation, sdkType]) => ({
      operation: operation!,
      parameters: [
        { name: "page", in: "query" as const, required: false, schema: { type: "integer" } },
        { name: "per_page", in: "query" as const, required: false, schema: { type: "integer" } },
      ],
      reason:
        `The list answers one page at a time (page, per_page, total_pages in its pages object) but the spec declares ` +
        `no paging parameters; Intercom's own SDK (${sdkType}) sends page and per_page.`,
    })),
  ],

  responses: [
    {
      operations: ["updateConversation"],
      status: "400",
      error: true,
      reason:
        "PUT /conversations/{conversation_id} answers 400 INVALID_PARAMETER (its description says so) but declares " +
        "no 400 response.",
    },
    {
      operations: "*",
      status: "429",
      error: true,
      reason: "Intercom rate-limits every endpoint and answers 429 with an error list; only one operation declares it.",
    },
    {
      operations: "*",
      status: "400",
      error: true,
      reason:
        "Every operation takes the Intercom-Version header (or a body or query to parse), and Intercom answers an " +
        "unknown version or a malformed request with 400 on any endpoint; most operations do not declare it.",
    },
    {
      operations: ["collectFinVoiceCallByPhoneNumber"],
      status: "200",
      schema: { $ref: "#/components/schemas/ai_call_response" },
      reason: "The spec declares no success response at all; the sibling operations (collectFinVoiceCallById, " +
        "collectFinVoiceCallByExternalId) answer 200 with an ai_call_response, and so does this one.",
    },
  ],

  retrySafe: [
    { operation: "SearchContacts", reason: "A search only reads." },
    { operation: "searchConversations", reason: "A search only reads." },
    { operation: "searchTickets", reason: "A search only reads." },
    { operation: "searchActivityLogs", reason: "A search only reads." },
    { operation: "listCallsWithTranscripts", reason: "POST only to carry a list of ids; it reads." },
    { operation: "listAllCompanies", reason: "POST /companies/list only reads (a list with paging)." },
    {
      operation: "createOrUpdateCompany",
      reason: "An upsert keyed by company_id: repeating it yields the same company.",
    },
    {
      operation: "attachTagToContact",
      reason: "Tagging is idempotent: a tag is attached once however often it is sent.",
    },
    {
      operation: "attachTagToConversation",
      reason: "Tagging is idempotent: a tag is attached once however often it is sent.",
    },
    {
      operation: "attachTagToTicket",
      reason: "Tagging is idempotent: a tag is attached once however often it is sent.",
    },
    { operation: "createTag", reason: "Create-or-update by name: repeating it yields the same tag." },
  ],

  pagination: [
    {
      operation: "listHelpCenters",
      style: "none",
      reason: "It takes page and per_page, but its response has no pages object to say when to stop.",
    },
    {
      operation: "searchActivityLogs",
      style: "none",
      reason: "Its page and per_page are fields of a POST search body, not query parameters; no shared style pages a " +
        "body's page number, so it is paged by hand rather than by a guess from its argument names.",
    },
    {
      operation: "searchArticles",
      style: "none",
      reason:
        "It takes page and per_page (deviations: Intercom's search pages) but its articles sit under data.articles, " +
        "not in a top-level array the shared page style reads; it is paged by hand.",
    },
    {
      operation: "ListContactMergeHistory",
      style: "none",
      reason:
        "It pages with its own cursor/next_cursor/has_more fields, none of the four shared styles; callers page by hand.",
    },
  ],
  deviations: [
    {
      pointer: "/components/schemas/custom_attributes/additionalProperties",
      replace: {
        anyOf: [...ATTRIBUTE_VALUE.anyOf, { $ref: "#/components/schemas/datetime" }, {
          $ref: "#/components/schemas/custom_object_instance_list",
        }],
      },
      reason: "Conversation custom attribute values are declared string | integer | datetime | object list, but the " +
        "schema's own example sends `paid_subscriber: true` and `monthly_spend: 155.5`, and Intercom's attribute " +
        "types include boolean and decimal (the data_type enum of data_attribute). Values also take ISO-8601 dates.",
      source: [
        `${SPEC}#L29064-L29072`,
        `${SPEC}#L29264-L29269`,
        "https://github.com/intercom/Intercom-OpenAPI/pull/217",
        "https://github.com/intercom/Intercom-OpenAPI/pull/231",
      ],
      replay: {
        operation: "updateConversation",
        args: {
          conversation_id: "123",
          custom_attributes: {
            paid_subscriber: true,
            monthly_spend: 155.5,
            team_mates: 9,
            start_date_iso8601: "2023-03-04T09:46:14Z",
            end_date_timestamp: 1677923174,
          },
        },
        response: {
          type: "conversation",
          id: "123",
          custom_attributes: { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9 },
        },
      },
    },
    {
      pointer: "/components/schemas/company/properties/custom_attributes/additionalProperties",
      replace: ATTRIBUTE_VALUE_SENT,
      reason: "A company's custom attribute values are declared strings, but its own example sends a boolean and a " +
        "decimal; Intercom's SDK overrides widen them (\"changing Record<string, string> to Record<string, unknown>\").",
      source: [`${FERN}#L1992-L1996`, `${SPEC}#L25042-L25048`],
      replay: {
        operation: "RetrieveACompanyById",
        args: { company_id: "5f4d3c1c-7b1b-4d7d-a97e-6095715c6632" },
        response: {
          type: "company",
          id: "531ee472cce572a6ec000006",
          company_id: "6",
          name: "Blue Sun",
          custom_attributes: { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9 },
        },
      },
    },
    {
      pointer: "/components/schemas/create_or_update_company_request/properties/custom_attributes/additionalProperties",
      replace: ATTRIBUTE_VALUE,
      reason:
        "POST /companies declares custom attribute values as strings while its own example sends `paid_subscriber: " +
        "true, monthly_spend: 155.5`; Intercom's SDK overrides accept any value here.",
      source: [`${FERN}#L2007-L2010`],
      replay: {
        operation: "createOrUpdateCompany",
        args: {
          company_id: "625e90fc55ab113b6d92175f",
          name: "my company",
          custom_attributes: { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9 },
        },
        response: {
          type: "company",
          id: "531ee472cce572a6ec000006",
          company_id: "625e90fc55ab113b6d92175f",
          name: "my company",
          custom_attributes: { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9 },
        },
      },
    },
    {
      pointer: "/components/schemas/update_company_request/properties/custom_attributes/additionalProperties",
      replace: ATTRIBUTE_VALUE,
      reason:
        "PUT /companies/{id} declares custom attribute values as strings while its own example sends a boolean and a " +
        "decimal; the same attributes as POST /companies (Intercom's SDK overrides widen those).",
      source: [`${FERN}#L2007-L2010`],
      replay: {
        operation: "UpdateCompany",
        args: {
          company_id: "5f4d3c1c-7b1b-4d7d-a97e-6095715c6632",
          custom_attributes: { paid_subscriber: true, monthly_spend: 155.5 },
        },
        response: {
          type: "company",
          id: "5f4d3c1c-7b1b-4d7d-a97e-6095715c6632",
          custom_attributes: { paid_subscriber: true, monthly_spend: 155.5 },
        },
      },
    },
    {
      pointer: "/components/schemas/visitor/properties/custom_attributes/additionalProperties",
      replace: ATTRIBUTE_VALUE_SENT,
      reason: "A visitor's custom attribute values are declared strings; Intercom's SDK overrides accept any value.",
      source: [`${FERN}#L1962-L1965`],
      replay: {
        operation: "retrieveVisitorWithUserId",
        args: { user_id: "3ecf64d0-9ed1-4e9f-88e1-da7d6e6782f3" },
        response: {
          type: "visitor",
          id: "6762f30c1bb69f9f2193bc5e",
          user_id: "3ecf64d0-9ed1-4e9f-88e1-da7d6e6782f3",
          custom_attributes: { paid_subscriber: true, monthly_spend: 155.5 },
        },
      },
    },
    {
      pointer: "/components/schemas/update_visitor_request/properties/custom_attributes/additionalProperties",
      replace: ATTRIBUTE_VALUE,
      reason: "PUT /visitors declares custom attribute values as strings while its own example sends a boolean and a " +
        "decimal (the visitor's attributes, which Intercom's SDK overrides widen).",
      source: [`${FERN}#L1962-L1965`],
      replay: {
        operation: "updateVisitor",
        args: { user_id: "123", custom_attributes: { paid_subscriber: true, monthly_spend: 155.5, team_mates: 9 } },
        response: {
          type: "visitor",
          id: "6762f30c1bb69f9f2193bc5e",
          user_id: "123",
          custom_attributes: { paid_subscriber: true, monthly_spend: 155.5 },
        },
      },
    },
    {
      pointer: "/components/schemas/create_data_event_request/properties/metadata/additionalProperties",
      replace: METADATA_VALUE,
      reason:
        "Event metadata values are declared strings, but the Events API takes strings, numbers, dates, links, rich " +
        "links and monetary amounts (Intercom widened them in its SDK overrides; intercom-php could not send a number).",
      source: [
        "https://github.com/intercom/Intercom-OpenAPI/pull/586",
        "https://github.com/intercom/Intercom-OpenAPI/pull/592",
        "https://github.com/intercom/intercom-php/issues/391",
      ],
      replay: {
        operation: "createDataEvent",
        args: {
          event_name: "placed-order",
          created_at: 1389913941,
          user_id: "314159",
          metadata: {
            order_count: 3,
            order_date: 1392036272,
            stripe_invoice: "inv_3434343434",
            order_number: { value: "3434-3434", url: "https://example.org/orders/3434-3434" },
            price: { amount: 34999, currency: "eur" },
          },
        },
      },
    },
    {
      pointer: "/components/schemas/admin/properties/avatar",
      replace: {
        type: "object",
        nullable: true,
        properties: { image_url: { type: "string", format: "uri", nullable: true } },
      },
      reason:
        "An admin's avatar is declared a URL string, but the API sends an object with `image_url` (Intercom's SDK " +
        "overrides: \"server responses show it as an object\"; fixed in the 2.11 description, not in later ones).",
      source: [`${FERN}#L2114-L2127`, "https://github.com/intercom/Intercom-OpenAPI/pull/199"],
      replay: {
        operation: "retrieveAdmin",
        args: { admin_id: "991267459" },
        response: {
          type: "admin",
          id: "991267459",
          name: "Ciaran",
          avatar: { image_url: "https://static.intercomassets.com/avatars/1/square_128/a.png" },
        },
      },
    },
    {
      pointer: "/components/schemas/contact/properties/avatar",
      replace: {
        anyOf: [
          { type: "string", format: "uri" },
          {
            type: "object",
            properties: { type: { type: "string" }, image_url: { type: "string", format: "uri", nullable: true } },
          },
        ],
        nullable: true,
      },
      reason:
        "A contact's avatar is declared an object, but Intercom's SDK overrides type it as the image URL string the " +
        "API sends; both shapes are accepted.",
      source: [`${FERN}#L1832-L1837`],
      replay: {
        operation: "ShowContact",
        args: { contact_id: "63a07ddf05a32042dffac965" },
        response: { type: "contact", id: "63a07ddf05a32042dffac965", avatar: "https://example.org/128Wash.jpg" },
      },
    },
    {
      pointer: "/components/schemas/conversation_teammates/properties",
      merge: { admins: { type: "array", items: { $ref: "#/components/schemas/reference" } } },
      reason: "A conversation's teammates object lists the admins under `admins`, not under `teammates` as declared " +
        "(Intercom renamed it in its SDK overrides: \"unexpected API interface with the teammates array\").",
      source: ["https://github.com/intercom/Intercom-OpenAPI/pull/220", `${FERN}#L1975-L1991`],
      replay: {
        operation: "retrieveConversation",
        args: { conversation_id: "123" },
        response: {
          type: "conversation",
          id: "123",
          teammates: { type: "admin.list", admins: [{ type: "admin", id: "814860" }] },
        },
      },
    },
    {
      pointer: "/components/schemas/ticket_type_attribute/properties/data_type",
      merge: { enum: ["string", "list", "integer", "decimal", "boolean", "datetime", "files"] },
      reason: "A ticket type attribute's data_type is a free string in the description; it is one of the seven types " +
        "createTicketTypeAttribute takes (Intercom's SDK overrides list them), which the type now names.",
      source: [`${FERN}#L1945-L1955`],
      replay: {
        operation: "getTicketType",
        args: { ticket_type_id: "1295" },
        response: {
          type: "ticket_type",
          id: "1295",
          ticket_type_attributes: {
            type: "list",
            ticket_type_attributes: [{ type: "ticket_type_attribute", id: "7", name: "Amount", data_type: "decimal" }],
          },
        },
      },
    },
    {
      pointer: "/paths/~1companies/get/responses/200/content/application~1json/schema",
      replace: { oneOf: [{ $ref: "#/components/schemas/company" }, { $ref: "#/components/schemas/company_list" }] },
      reason:
        "GET /companies filtered by `name` or `company_id` answers the one company, not a list (the list comes for " +
        "`tag_id`/`segment_id`); Intercom's SDK overrides declare company | company_list.",
      source: [`${FERN}#L178-L192`, "https://github.com/intercom/intercom-node/pull/472"],
      replay: {
        operation: "retrieveCompany",
        args: { name: "my company" },
        response: { type: "company", id: "531ee472cce572a6ec000006", company_id: "6", name: "my company" },
      },
    },
    {
      pointer: "/components/schemas/conversation_statistics/properties/last_closed_by_id",
      replace: { oneOf: [{ type: "string" }, { type: "integer" }] },
      reason: "statistics.last_closed_by_id is declared a string; the API sends an admin id number.",
      source: ["https://github.com/intercom/Intercom-OpenAPI/issues/115"],
      replay: {
        operation: "retrieveConversation",
        args: { conversation_id: "124" },
        response: {
          type: "conversation",
          id: "124",
          statistics: { type: "conversation_statistics", last_closed_by_id: 5017691 },
        },
      },
    },
    {
      pointer: "/components/schemas/create_contact_request/properties/signed_up_at",
      merge: { maximum: 99_999_999_999 },
      reason:
        "Contact timestamps are Unix seconds; millisecond values corrupted contacts and Intercom now validates them " +
        "(upstream documents seconds). A value above 99,999,999,999 can only be milliseconds, so the check reports it.",
      source: ["https://github.com/intercom/Intercom-OpenAPI/pull/525"],
      replay: {
        operation: "CreateContact",
        args: { email: "joebloggs@intercom.io", signed_up_at: 1671028894 },
        response: {
          type: "contact",
          id: "6762f0dd1bb69f9f2193bb83",
          email: "joebloggs@intercom.io",
          signed_up_at: 1671028894,
        },
        reported: { email: "joebloggs@intercom.io", signed_up_at: 1671028894000 },
      },
    },
    {
      pointer: "/paths/~1articles~1search/get/parameters",
      append: [
        { name: "page", in: "query", required: false, schema: { type: "integer" } },
        { name: "per_page", in: "query", required: false, schema: { type: "integer" } },
      ],
      reason:
        "Article search answers one page at a time and its `pages.next` link carries `page` and `per_page`, which " +
        "the description does not declare; Intercom confirmed the bug.",
      source: [
        "https://github.com/intercom/intercom-node/issues/496",
        "https://github.com/intercom/Intercom-OpenAPI/pull/309",
      ],
      replay: {
        operation: "searchArticles",
        args: { phrase: "Getting started", page: 2, per_page: 10 },
        response: {
          type: "list",
          total_count: 11,
          data: { articles: [] },
          pages: { type: "pages", page: 2, per_page: 10, total_pages: 2 },
        },
      },
    },
    {
      pointer: "/components/schemas/custom_attributes/additionalProperties/anyOf",
      append: [{ type: "array", items: { type: "string" } }],
      reason:
        "A relationship attribute associates custom object instances by a list of their ids (`order: [\"21\"]` in the " +
        "description's own updateConversation example), not only by the instance list objects it declares.",
      source: [`${SPEC}#L11484-L11490`],
      replay: {
        operation: "updateConversation",
        args: { conversation_id: "125", custom_attributes: { order: ["21"] } },
        response: { type: "conversation", id: "125" },
      },
    },
    {
      pointer:
        "/components/schemas/create_or_update_custom_object_instance_request/properties/custom_attributes/additionalProperties",
      replace: ATTRIBUTE_VALUE,
      reason: "Custom object instance attributes are declared strings while the description's own example sends " +
        "`total_amount: 99.99`; they are custom attributes like any other (string, number, boolean).",
      source: [`${SPEC}#L14425-L14434`],
      replay: {
        operation: "createCustomObjectInstances",
        args: {
          custom_object_type_identifier: "Order",
          external_id: "123",
          custom_attributes: { order_number: "ORDER-12345", total_amount: 99.99 },
        },
        response: {
          type: "Order",
          id: "22",
          external_id: "123",
          custom_attributes: { order_number: "ORDER-12345", total_amount: "99.99" },
        },
      },
    },
    {
      pointer: "/components/schemas/convert_visitor_request/properties/user/anyOf",
      append: [{ required: ["email"] }],
      reason:
        "Converting a visitor into a new user names the user by email alone (the description's only example), while " +
        "the schema demands the id or user_id of an existing one.",
      source: [`${SPEC}#L21646-L21654`],
      replay: {
        operation: "convertVisitor",
        args: {
          type: "user",
          visitor: { user_id: "3ecf64d0-9ed1-4e9f-88e1-da7d6e6782f3" },
          user: { email: "foo@bar.com" },
        },
        response: { type: "contact", id: "6762f30c1bb69f9f2193bc5e", role: "user", email: "foo@bar.com" },
      },
    },
    {
      pointer: "/components/schemas/detach_contact_from_conversation_request/properties",
      merge: {
        customer: {
          type: "object",
          properties: { intercom_user_id: { type: "string" }, user_id: { type: "string" }, email: { type: "string" } },
          anyOf: [{ required: ["intercom_user_id"] }, { required: ["user_id"] }, { required: ["email"] }],
        },
      },
      reason: "Every request example of detachContactFromConversation names the contact in `customer` (as attaching " +
        "does), which the schema does not declare.",
      source: [`${SPEC}#L12877-L12882`],
      replay: {
        operation: "detachContactFromConversation",
        args: {
          conversation_id: "123",
          contact_id: "6762f1a61bb69f9f2193bbd8",
          admin_id: 991267739,
          customer: { intercom_user_id: "6762f1a61bb69f9f2193bbd8" },
        },
        response: { type: "conversation", id: "123" },
      },
    },
    {
      pointer: "/components/schemas/create_internal_article_request/properties",
      merge: { locale: { type: "string" } },
      reason:
        "The description's own createInternalArticle example sends the article's `locale`, which the schema omits.",
      source: [`${SPEC}#L5402-L5409`],
      replay: {
        operation: "createInternalArticle",
        args: {
          title: "Thanks for everything",
          body: "Body of the Article",
          owner_id: 991266252,
          author_id: 991266252,
          locale: "en",
        },
        response: { type: "internal_article", id: "42", title: "Thanks for everything", locale: "en" },
      },
    },
    {
      pointer: "/components/schemas/create_conversation_request/properties/from/properties/id",
      merge: { format: null, minLength: null, maxLength: null },
      reason:
        "from.id is declared a 24-character uuid, but the description's own example sends `123_doesnt_exist` and " +
        "Intercom answers it with 404 contact not found: the length is not a rule the API applies before looking up.",
      source: [`${SPEC}#L10949-L10955`],
      replay: {
        operation: "createConversation",
        args: { from: { type: "user", id: "123_doesnt_exist" }, body: "Hello there" },
        response: {
          type: "user_message",
          id: "403918330",
          created_at: 1734537980,
          body: "Hello there",
          message_type: "inapp",
          conversation_id: "499",
        },
      },
    },
    {
      pointer: "/components/schemas/contact_reply_base_request/properties/message_type",
      merge: { enum: ["comment", "quick_reply"] },
      reason:
        "A contact answers a quick reply with message_type `quick_reply` and its reply_options (the description's own " +
        "example), which the schema's `comment` enum refuses.",
      source: [`${SPEC}#L12227-L12235`],
      replay: {
        operation: "replyConversation",
        args: {
          conversation_id: "123",
          message_type: "quick_reply",
          type: "user",
          intercom_user_id: "6762f1621bb69f9f2193bbbe",
          reply_options: [{ text: "Yes", uuid: "a5e1c524-5ddd-4c3e-9328-6bca5d6e3edb" }],
        },
        response: { type: "conversation", id: "123" },
      },
    },
    {
      pointer: "/components/schemas/contact_reply_base_request/required",
      replace: ["message_type", "type"],
      reason: "A quick reply carries its reply_options and no body (the same example), so body is not required.",
      source: [`${SPEC}#L12227-L12235`],
      replay: {
        operation: "replyConversation",
        args: {
          conversation_id: "124",
          message_type: "quick_reply",
          type: "user",
          intercom_user_id: "6762f1621bb69f9f2193bbbe",
          reply_options: [{ text: "No", uuid: "f4a98af1-be56-4948-a57e-e1a83f8484c6" }],
        },
        response: { type: "conversation", id: "124" },
      },
    },
    {
      pointer: "/components/schemas/create_message_request/properties/message_type/enum",
      append: ["conversation"],
      reason:
        "An admin's message to several recipients with cc and bcc is sent with message_type `conversation` in the " +
        "description's own example, which the enum (in_app, email, whatsapp) refuses.",
      source: [`${SPEC}#L16623-L16645`],
      replay: {
        operation: "createMessage",
        args: {
          from: { type: "admin", id: "991267816" },
          to: [{ type: "user", id: "6762f2391bb69f9f2193bc19" }],
          cc: [{ type: "user", id: "6762f23e1bb69f9f2193bc1d" }],
          message_type: "conversation",
          body: "heyy",
        },
        response: {
          type: "admin_message",
          id: "16",
          created_at: 1734537780,
          body: "heyy",
          message_type: "conversation",
        },
      },
    },
    {
      pointer: "/components/schemas/create_message_request/properties/from/properties/type/enum",
      append: ["user", "lead", "contact"],
      reason:
        "A message can come from a user or a lead (it opens a conversation with the team; the description's own " +
        "user_message_created and lead_message_created examples), not only from an admin.",
      source: [`${SPEC}#L16607-L16622`],
      replay: {
        operation: "createMessage",
        args: {
          from: { type: "user", id: "6762f2341bb69f9f2193bc17" },
          body: "heyy",
          referer: "https://twitter.com/bob",
        },
        response: {
          type: "user_message",
          id: "403918331",
          created_at: 1734537781,
          body: "heyy",
          message_type: "inapp",
          conversation_id: "500",
        },
      },
    },
    {
      pointer: "/components/schemas/create_message_request/anyOf",
      append: [{ title: "from a contact", required: ["from", "body"] }],
      reason:
        "A contact's message has no message_type or recipient: it goes to the team (the same two examples), while " +
        "every declared alternative requires both.",
      source: [`${SPEC}#L16607-L16622`],
      replay: {
        operation: "createMessage",
        args: { from: { type: "lead", id: "6762f2371bb69f9f2193bc18" }, body: "heyy" },
        response: {
          type: "user_message",
          id: "403918332",
          created_at: 1734537782,
          body: "heyy",
          message_type: "inapp",
          conversation_id: "501",
        },
      },
    },
    {
      pointer: "/components/schemas/create_message_request/properties",
      merge: {
        referer: { type: "string", format: "uri" },
        components: { type: "array", items: { type: "object", additionalProperties: true } },
        locale: { type: "string" },
      },
      reason:
        "The description's own examples send a contact message's `referer` and a WhatsApp template's `components` " +
        "(which its whatsapp alternative even requires) and `locale`, none of which the schema declares.",
      source: [`${SPEC}#L16607-L16622`, `${SPEC}#L16646-L16662`],
      replay: {
        operation: "createMessage",
        args: {
          from: { type: "lead", id: "6762f2371bb69f9f2193bc18" },
          body: "heyy",
          referer: "https://twitter.com/bob",
        },
        response: {
          type: "user_message",
          id: "403918333",
          created_at: 1734537783,
          body: "heyy",
          message_type: "inapp",
          conversation_id: "502",
        },
      },
    },
    {
      pointer: "/components/schemas/create_message_request/properties/to/oneOf",
      append: [
        {
          title: "WhatsApp recipient",
          type: "object",
          properties: { phone: { oneOf: [{ type: "string" }, { type: "integer" }] }, name: { type: "string" } },
          required: ["phone"],
        },
      ],
      reason:
        "A WhatsApp message goes to a phone number (`to: { phone, name }` in the description's own example), not to a " +
        "contact reference.",
      source: [`${SPEC}#L16646-L16662`],
      replay: {
        operation: "createMessage",
        args: {
          from: { type: "admin", id: "991267817" },
          to: { phone: 5547999998888, name: "John Doe" },
          message_type: "whatsapp",
          components: [{ type: "BODY", parameters: [{ type: "text", text: "Username 123" }] }],
          template: "keep_live",
          locale: "en",
        },
        response: { type: "admin_message", id: "17", created_at: 1734537784, body: "", message_type: "whatsapp" },
      },
    },
  ],
} satisfies Overrides
