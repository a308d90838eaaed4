import ipaddr from "ipaddr.js";

// Parsers for the variables that say how requests reach the app (env-schema.ts); pure, so the
// schema stays one table.

export type TrustedProxy = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** An http(s) origin without path, query or credentials; returned as its origin (no trailing slash). */
export function parsePublicUrl(raw: string, fail: (message: string) => never): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`BROADCAST_PUBLIC_URL must be a URL such as https://broadcast.example.com; got "${raw}".`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return fail(`BROADCAST_PUBLIC_URL must start with https:// or http://; got "${raw}".`);
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") {
    return fail(`BROADCAST_PUBLIC_URL must be an origin only (scheme, host, optional port); got "${raw}".`);
  }
  return url.origin;
}

/** Comma-separated addresses or CIDR ranges (`10.0.0.0/8, ::1`). */
export function parseTrustedProxies(raw: string, fail: (message: string) => never): TrustedProxy[] {
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      try {
        if (entry.includes("/")) return ipaddr.parseCIDR(entry);
        const address = ipaddr.parse(entry);
        return [address, address.kind() === "ipv4" ? 32 : 128] as TrustedProxy;
      } catch {
        return fail(`BROADCAST_TRUSTED_PROXIES entries must be IP addresses or CIDR ranges; got "${entry}".`);
      }
    });
}
