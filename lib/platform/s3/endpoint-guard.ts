import ipaddr from "ipaddr.js";

// Server-side request forgery guard for Custom Endpoint. Every address an S3 client connects to is
// checked at connect time (the DNS lookup hook below), so a name that resolves to a public address
// when the form is validated and to 127.0.0.1 a second later is still refused.

export class BlockedEndpointError extends Error {
  readonly reason: string;
  constructor(host: string, reason: string) {
    super(`Connections to ${host} are blocked: ${reason}.`);
    this.name = "BlockedEndpointError";
    this.reason = reason;
  }
}

const METADATA_ADDRESSES = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata", "instance-data"]);

const V4_REASONS: Record<string, string> = {
  loopback: "it is a loopback address",
  private: "it is a private network address (RFC 1918)",
  linkLocal: "it is a link-local address",
  carrierGradeNat: "it is a carrier-grade NAT address (100.64.0.0/10)",
  multicast: "it is a multicast address",
  unspecified: "it is the unspecified address",
  broadcast: "it is the broadcast address",
  reserved: "it is a reserved address",
};

const V6_REASONS: Record<string, string> = {
  loopback: "it is a loopback address",
  uniqueLocal: "it is a unique-local IPv6 address (fc00::/7)",
  linkLocal: "it is a link-local IPv6 address (fe80::/10)",
  multicast: "it is a multicast address",
  unspecified: "it is the unspecified address",
  reserved: "it is a reserved address",
  benchmarking: "it is a reserved address",
  discard: "it is a reserved address",
  orchid2: "it is a reserved address",
};

/** Why an IP address must not be contacted, or null when it is a public address. */
export function blockedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return "it is not a valid IP address";
  let parsed = ipaddr.parse(address);
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString())) {
    return "it is a cloud metadata service address";
  }
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    const range = v6.range();
    // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms reach the embedded IPv4 address.
    if (range === "ipv4Mapped" || range === "rfc6052" || range === "rfc6145") {
      const bytes = v6.toByteArray().slice(12);
      parsed = new ipaddr.IPv4(bytes);
      const inner = blockedAddressReason(parsed.toString());
      return inner ? `${inner} (in an IPv6 form)` : null;
    }
    if (range === "unicast" || range === "6to4" || range === "teredo") return null;
    return V6_REASONS[range] ?? "it is a reserved address";
  }
  const range = (parsed as ipaddr.IPv4).range();
  if (range === "unicast") return null;
  return V4_REASONS[range] ?? "it is a reserved address";
}

/** Checks a hostname before any DNS: IP literals and well-known metadata names. */
export function blockedHostReason(host: string): string | null {
  const h = host.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (METADATA_HOSTS.has(h)) return "it is a cloud metadata service host";
  if (h === "localhost" || h.endsWith(".localhost")) return "it is a loopback address";
  if (ipaddr.isValid(h)) return blockedAddressReason(h);
  return null;
}

export const PLAIN_HTTP_REASON =
  "it uses plain http://, which is only allowed for endpoints listed in BROADCAST_ALLOWED_ENDPOINTS; use https://";

/**
 * Why a Custom Endpoint's scheme is refused: credentials and traces must not cross the network in the
 * clear, so plain http:// is only for allowlisted (typically same-host or private) endpoints.
 */
export function blockedSchemeReason(endpoint: URL, isAllowlisted: boolean): string | null {
  if (endpoint.protocol === "https:") return null;
  if (endpoint.protocol === "http:") return isAllowlisted ? null : PLAIN_HTTP_REASON;
  return "only https:// endpoints are supported";
}
