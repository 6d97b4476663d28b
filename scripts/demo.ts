// The demo: Prism serving Intercom's own description stands in for api.intercom.io, and the SDK calls it.
import { startPrism } from "../packages/testing/src/prism.ts"
import { Intercom } from "../packages/node/dist/index.js"

const prism = await startPrism()
console.log(`Prism (Intercom stand-in) on ${prism.url}`)
try {
  const intercom = new Intercom({ token: "demo-token", baseUrl: prism.url })
  const conversation = await intercom.updateConversation({ conversation_id: "123", read: true, title: "Refund" })
  console.log("updateConversation →", JSON.stringify(conversation, null, 2))
} finally {
  await prism.stop()
}
