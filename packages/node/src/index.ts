export type * from "@utdk/intercom-core"
