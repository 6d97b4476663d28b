// The errors are plain `Error` classes (the Promise API runs without effect), made yieldable with the app's effect
// when the Effect API is imported: then yieldable in `Effect.gen`, caught by tag, and an `Error` with its fields and
// cause.
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { describe, expect, it } from "vitest"
import { IntercomError, IntercomNotFoundError, IntercomTransportError, isIntercomError } from "../src/IntercomError.ts"
// The Effect API: importing it makes the errors yieldable with this effect.
import "../src/Intercom.ts"

const notFound = () =>
  new IntercomNotFoundError({
    message: "Contact not found",
    operation: "showContact",
    status: 404,
    errors: [{ code: "not_found", message: "Contact not found" }],
    requestId: "req-1",
    headers: {},
    body: undefined,
    attempts: 1,
  })

describe("errors", () => {
  it("are Errors with their tag, fields, message and cause", () => {
    const error = notFound()
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(IntercomError)
    expect(isIntercomError(error)).toBe(true)
    expect(error._tag).toBe("IntercomNotFoundError")
    expect(error.name).toBe("IntercomNotFoundError")
    expect(error.message).toBe("Contact not found")
    expect(error.requestId).toBe("req-1")
    const cause = new Error("ECONNRESET")
    const transport = new IntercomTransportError({ message: "reset", operation: "showContact", attempts: 1, cause })
    expect(transport.cause).toBe(cause)
    // JSON carries the message and the fields, as effect's Data.Error did.
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      _tag: "IntercomNotFoundError",
      message: "Contact not found",
      requestId: "req-1",
    })
  })

  it("are yieldable at run time and caught by their tag in the Effect error channel", async () => {
    const error = notFound()
    // Typed as plain classes; at run time effect's yieldable errors (`yield* error` fails with it).
    const failing = Effect.gen(function*() {
      return yield* (error as unknown as Effect.Effect<never, IntercomNotFoundError>)
    })
    const exit = await Effect.runPromiseExit(failing)
    expect(Exit.isFailure(exit) && Cause.squash(exit.cause)).toBe(error)
    const caught = await Effect.runPromise(
      failing.pipe(Effect.catchTag("IntercomNotFoundError", (e) => Effect.succeed(`${e._tag} ${e.requestId}`))),
    )
    expect(caught).toBe("IntercomNotFoundError req-1")
  })
})
