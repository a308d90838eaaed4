import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { BlockedEndpointError, blockedAddressReason, blockedHostReason } from "./endpoint-guard";

type LookupAddress = { address: string; family: number };
type Resolver = (hostname: string, options: dns.LookupAllOptions) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname, options) => dns.promises.lookup(hostname, options);

/**
 * A `lookup` for http(s) agents that refuses blocked addresses at connect time. `allowed` is true
 * when the endpoint's host:port is in BROADCAST_ALLOWED_ENDPOINTS; then any address is accepted. It
 * may instead be a predicate on each resolved address (the CIDR entries of that list).
 * `resolve` is injectable so tests can simulate DNS rebinding without a DNS server.
 */
export function createGuardedLookup(allowed: boolean | ((address: string) => boolean), resolve: Resolver = systemResolver): LookupFunction {
  const isAddressAllowed = typeof allowed === "function" ? allowed : () => allowed;
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    const hostReason = allowed === true ? null : blockedHostReason(hostname);
    if (hostReason) {
      callback(new BlockedEndpointError(hostname, hostReason));
      return;
    }
    resolve(hostname, { ...options, all: true })
      .then((addresses) => {
        if (allowed !== true) {
          for (const { address } of addresses) {
            const reason = isAddressAllowed(address) ? null : blockedAddressReason(address);
            if (reason) throw new BlockedEndpointError(hostname, `${hostname} resolves to ${address}, and ${reason}`);
          }
        }
        if (options.all) callback(null, addresses);
        else {
          const first = addresses[0];
          if (!first) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
          callback(null, first.address, first.family);
        }
      })
      .catch((error: unknown) => callback(error));
  }) as LookupFunction;
}
