import ipaddr from "ipaddr.js";
import { getEnv } from "@/lib/platform/env/env";
import type { TrustedProxy } from "@/lib/platform/env/request-origin-rules";

// Who is calling, for rate-limit keys and the audit log (never for auth). The socket's address is
// the truth; X-Forwarded-For is believed only when that socket belongs to a proxy listed in
// BROADCAST_TRUSTED_PROXIES, and then only up to the first hop no trusted proxy vouches for
// (walking from the right: a client can prepend anything it likes).

/** Set by the server on every request from the socket (server-guards.ts), replacing any sent one. */
export const PEER_HEADER = "x-broadcast-peer";
/** Requests whose socket is unknown (not served by our server) share one budget: the safe direction. */
export const UNKNOWN_ADDRESS = "unknown";

export function clientAddress(requestHeaders: Pick<Headers, "get">, trusted: TrustedProxy[] = getEnv().BROADCAST_TRUSTED_PROXIES): string {
  const peer = normalize(requestHeaders.get(PEER_HEADER));
  if (!peer) return UNKNOWN_ADDRESS;
  if (!isTrusted(peer, trusted)) return peer;
  const hops = (requestHeaders.get("x-forwarded-for") ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalize(hops[i]);
    if (!hop) return (hops[i] ?? "").slice(0, 64); // not an address: a key of its own, never a trusted one
    if (!isTrusted(hop, trusted)) return hop;
  }
  return normalize(hops[0]) ?? peer;
}

function normalize(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value || !ipaddr.isValid(value)) return null;
  return ipaddr.process(value).toString(); // ::ffff:10.0.0.1 → 10.0.0.1
}

function isTrusted(address: string, trusted: TrustedProxy[]): boolean {
  const parsed = ipaddr.process(address);
  return trusted.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}
