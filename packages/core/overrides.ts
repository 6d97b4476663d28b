/**
 * Corrections applied to Intercom's OpenAPI description before generation. Data only: every entry says what it
 * changes and why. Operations are named by the spec's operationId (or the one given in `operationIds`).
 * The generator fails when an entry matches nothing in the 2.16 description, so stale entries cannot linger.
 */
import type { Overrides } from "./scripts/lib/overrides.ts"

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
    reason:
      "Ids in paths are typed integer in some operations and string in others (conversation_id, admin_id, " +
      "article_id...), while responses send most ids as strings and Intercom's reference documents many as " +
      "integers: users hold both. Every path id accepts a string or an integer and is sent as text.",
  },

  presentInResponses: {
    properties: ["type", "id"],
    reason:
      "The spec lists `type` and `id` on response objects but rarely marks them required, so `created.id` would be " +
      "`string | undefined` although Intercom always sends both. Response models require them wherever a schema " +
      "declares them and the spec's examples of that schema always send them (some send them, none leaves them out).",
  },

  operationNames: [
    { operationId: "lisDataAttributes", name: "listDataAttributes", reason: "Typo in the spec's operationId (lis → list)." },
    { operationId: "lisDataEvents", name: "listDataEvents", reason: "Typo in the spec's operationId (lis → list)." },
  ],

  addParameters: [
    ...["getReportingDataExport", "downloadReportingDataExport"].map((operation) => ({
      operation,
      parameters: [{ name: "job_identifier", in: "path" as const, required: true, schema: { type: "string" } }],
      reason:
        "The path template has a {job_identifier} placeholder but the spec declares the parameter only in the " +
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
      reason:
        "The spec declares no success response at all; the sibling operations (collectFinVoiceCallById, " +
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
    { operation: "createOrUpdateCompany", reason: "An upsert keyed by company_id: repeating it yields the same company." },
    { operation: "attachTagToContact", reason: "Tagging is idempotent: a tag is attached once however often it is sent." },
    { operation: "attachTagToConversation", reason: "Tagging is idempotent: a tag is attached once however often it is sent." },
    { operation: "attachTagToTicket", reason: "Tagging is idempotent: a tag is attached once however often it is sent." },
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
      reason:
        "Its page and per_page are fields of a POST search body, not query parameters; no shared style pages a " +
        "body's page number, so it is paged by hand rather than by a guess from its argument names.",
    },
    {
      operation: "ListContactMergeHistory",
      style: "none",
      reason:
        "It pages with its own cursor/next_cursor/has_more fields, none of the four shared styles; callers page by hand.",
    },
  ],
} satisfies Overrides
