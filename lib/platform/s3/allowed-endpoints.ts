import ipaddr from "ipaddr.js";

// BROADCAST_ALLOWED_ENDPOINTS: comma-separated entries that a Custom Endpoint may point at even though
// they resolve to private or loopback addresses (self-hosted MinIO, the local demo bucket), and that
// may use plain http://. Two forms:
//   host:port   that exact host and port (127.0.0.1:9000, minio.internal:9000, [::1]:9001)
//   CIDR        any port on an address in the range (10.0.0.0/8, fd00::/8): an IP-literal endpoint
//               in it, or a name whose every resolved address is in it (checked at connect time)
// Everything else that resolves to such an address is refused (see lib/platform/s3/endpoint-guard.ts).
// An entry opens loopback and private ranges only: metadata, link-local, unspecified, multicast and
// reserved addresses stay refused even when listed, and the rule is applied again at connect time to
// every address an allowlisted name resolves to.

export type AllowedEndpoint = { host: string; port: number } | { cidr: string };

export function parseAllowedEndpoints(raw: string | undefined): AllowedEndpoint[] {
  if (!raw) return [];
  const out: AllowedEndpoint[] = [];
  for (const part of raw.split(",")) {
    const entry = part.trim();
    if (!entry) continue;
    if (entry.includes("/")) {
      out.push({ cidr: parseCidrEntry(entry) });
      continue;
    }
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(entry);
    const port = match ? Number(match[2]) : NaN;
    if (!match?.[1] || !(port > 0 && port < 65536)) {
      throw new Error(
        `BROADCAST_ALLOWED_ENDPOINTS: "${entry}" is not a host:port entry (for example 127.0.0.1:9000) or a CIDR range (for example 10.0.0.0/8).`,
      );
    }
    out.push({ host: match[1].toLowerCase(), port });
  }
  return out;
}

function parseCidrEntry(entry: string): string {
  try {
    const [address, bits] = ipaddr.parseCIDR(entry);
    return `${address.toString()}/${bits}`;
  } catch {
    throw new Error(`BROADCAST_ALLOWED_ENDPOINTS: "${entry}" is not a valid CIDR range (for example 10.0.0.0/8 or fd00::/8).`);
  }
}

export function endpointHostPort(endpoint: URL): { host: string; port: number } {
  const host = endpoint.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = endpoint.port ? Number(endpoint.port) : endpoint.protocol === "https:" ? 443 : 80;
  return { host, port };
}

/** True when an address (not a name) lies in one of the CIDR entries. IPv4-mapped IPv6 counts as IPv4. */
export function isAllowedAddress(allowed: AllowedEndpoint[], address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return false;
  const parsed = ipaddr.process(bare);
  return allowed.some((entry) => {
    if (!("cidr" in entry)) return false;
    const range = ipaddr.parseCIDR(entry.cidr);
    return parsed.kind() === range[0].kind() && parsed.match(range);
  });
}

/** host:port entries match exactly (case-insensitively); an IP-literal host also matches a CIDR entry. */
export function isAllowedEndpoint(allowed: AllowedEndpoint[], host: string, port: number): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return allowed.some((a) => "host" in a && a.host === h && a.port === port) || isAllowedAddress(allowed, h);
}
