import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
const n = 20000
const base = Effect.succeed(1)
const asyncBase = Effect.callback<number>((resume) => { queueMicrotask(() => resume(Effect.succeed(1))) })
const loop = (p: Effect.Effect<unknown>) => Effect.runPromise(Effect.gen(function* () { for (let i = 0; i < n; i++) yield* p }))
const m = async (name: string, p: Effect.Effect<unknown>) => {
  await loop(p); await loop(p)
  const t = process.threadCpuUsage(); await loop(p); const s = process.threadCpuUsage(t)
  console.log(name, ((s.user + s.system) / n).toFixed(2))
}
// one fork: the request runs in a child fiber, the timer is the clock's sleep raced via callback... 
const oneFork = <A>(self: Effect.Effect<A>, ms: number) => Effect.raceFirst(Effect.asSome(self), Effect.as(Effect.sleep(ms), Option.none()))
for (let r = 0; r < 2; r++) {
  await m("sync base", base)
  await m("sync timeoutOption", Effect.timeoutOption(base, 30000))
  await m("async base", asyncBase)
  await m("async timeoutOption", Effect.timeoutOption(asyncBase, 30000))
}
