/** Where a test server listens: always 127.0.0.1, on a port the kernel picks. */
import type { AddressInfo } from "node:net"

/** The port a listening server got (0 before it listens). */
export const portOf = (server: { readonly address: () => AddressInfo | string | null }): number => {
  const address = server.address()
  return typeof address === "object" && address !== null ? address.port : 0
}
