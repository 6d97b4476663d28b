// `loadOperations` of Versions: a version's own descriptors, for what sends or checks calls in one chosen version.
import { expect, it } from "vitest"
import { operations } from "../src/index.ts"
import { loadOperations } from "../src/Versions.ts"

it("gives each version its own operations: 2.11 has Run assignment rules, Preview List folders, 2.16 neither", async () => {
  const [v211, preview, newest] = await Promise.all([
    loadOperations("2.11"),
    loadOperations("Preview"),
    loadOperations("2.16"),
  ])
  expect(v211.autoAssignConversation?.path).toBe("/conversations/{conversation_id}/run_assignment_rules")
  expect(preview.listFolders?.path).toBe("/folders")
  expect(newest.autoAssignConversation).toBeUndefined()
  expect(newest.listFolders).toBeUndefined()
  expect(v211.listFolders).toBeUndefined()
})

it("the newest version's are the registry's own; another's are its own objects, loaded once", async () => {
  expect((await loadOperations("2.16")).updateConversation).toBe(operations.updateConversation)
  const v214 = await loadOperations("2.14")
  expect(v214.updateConversation).not.toBe(operations.updateConversation)
  expect(v214.updateConversation?.path).toBe("/conversations/{conversation_id}")
  expect(await loadOperations("2.14")).toBe(v214)
})
