// The demo: Prism serving Intercom's own description stands in for api.intercom.io, and the SDK calls it.
import { startPrism } from "../packages/testing/src/prism.ts"
import { Intercom, IntercomNotFoundError } from "../packages/node/dist/index.js"

const prism = await startPrism()
console.log(`Prism (Intercom stand-in) on ${prism.url}`)
try {
  const intercom = new Intercom({ token: "demo-token", baseUrl: prism.url })
  const conversation = await intercom.updateConversation({ conversation_id: "123", read: true, title: "Refund" })
  console.log("updateConversation →", JSON.stringify(conversation, null, 2))

  // The same call with the HTTP facts around it.
  const { status, requestId, attempts } = await intercom.withResponse.updateConversation({ conversation_id: "123", read: true })
  console.log("withResponse →", { status, requestId, attempts })

  // Errors are tagged values with Intercom's fields (Prism answers 404 when asked to).
  try {
    await intercom.retrieveConversation({ conversation_id: "404" }, { headers: { Prefer: "code=404" } })
  } catch (error) {
    if (error instanceof IntercomNotFoundError) console.log(`${error._tag}: ${error.errors[0]?.code} (request_id ${error.requestId})`)
    else throw error
  }
} finally {
  await prism.stop()
}
