import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { BlockedEndpointError, blockedAddressReason, blockedHostReason } from "./endpoint-guard";

type LookupAddress = { address: string; family: number };
export type Resolver = (hostname: string, options: dns.LookupAllOptions) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname, options) => dns.promises.lookup(hostname, options);

/**
 * A `lookup` for http(s) agents that refuses blocked addresses at connect time, on every address a
 * name resolves to. `allowlisted` says whether BROADCAST_ALLOWED_ENDPOINTS covers a resolved address:
 * true for every address when the endpoint's host:port is listed, or a predicate (its CIDR entries).
 * Allowlisted addresses may be loopback or private, never metadata or link-local.
 * `resolve` is injectable so tests can simulate DNS rebinding without a DNS server.
 */
export function createGuardedLookup(allowlisted: boolean | ((address: string) => boolean), resolve: Resolver = systemResolver): LookupFunction {
  const isAllowlisted = typeof allowlisted === "function" ? allowlisted : () => allowlisted;
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    const hostReason = blockedHostReason(hostname, allowlisted === true);
    if (hostReason) {
      callback(new BlockedEndpointError(hostname, hostReason, blockedHostReason(hostname, true) === null));
      return;
    }
    resolve(hostname, { ...options, all: true })
      .then((addresses) => {
        for (const { address } of addresses) {
          const reason = blockedAddressReason(address, isAllowlisted(address));
          if (reason) {
            const allowlistable = blockedAddressReason(address, true) === null;
            throw new BlockedEndpointError(hostname, `${hostname} resolves to ${address}, and ${reason}`, allowlistable);
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
