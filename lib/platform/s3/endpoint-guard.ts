import ipaddr from "ipaddr.js";
import { embeddedIPv4Addresses } from "./embedded-ipv4";

// Server-side request forgery guard for Custom Endpoint. Every address an S3 client connects to is
// checked at connect time (the DNS lookup hook in guarded-lookup.ts), so a name that resolves to a
// public address when the form is validated and to 127.0.0.1 a second later is still refused.
//
// BROADCAST_ALLOWED_ENDPOINTS opens only the "allowlistable" ranges (loopback, private, unique-local,
// site-local, CGNAT): that is where self-hosted MinIO lives. Metadata services, link-local and the
// rest stay closed whatever the allowlist says, so an allowlisted name that starts resolving to
// 169.254.169.254 is still refused.

export class BlockedEndpointError extends Error {
  readonly reason: string;
  /** False when BROADCAST_ALLOWED_ENDPOINTS could not open it either (metadata, link-local…). */
  readonly allowlistable: boolean;
  constructor(host: string, reason: string, allowlistable = true) {
    super(`Connections to ${host} are blocked: ${reason}.`);
    this.name = "BlockedEndpointError";
    this.reason = reason;
    this.allowlistable = allowlistable;
  }
}

type Verdict = { reason: string; allowlistable: boolean };

// AWS/OpenStack, AWS ECS task credentials, Alibaba, AWS over IPv6, Azure's wire server (WireServer
// hands out VM extension settings and certificates, and answers any VM on 168.63.129.16).
const METADATA_ADDRESSES = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "168.63.129.16"]);
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata", "instance-data"]);
const METADATA: Verdict = { reason: "it is a cloud metadata service address", allowlistable: false };

const V4: Record<string, Verdict> = {
  loopback: { reason: "it is a loopback address", allowlistable: true },
  private: { reason: "it is a private network address (RFC 1918)", allowlistable: true },
  carrierGradeNat: { reason: "it is a carrier-grade NAT address (100.64.0.0/10)", allowlistable: true },
  linkLocal: { reason: "it is a link-local address", allowlistable: false },
  multicast: { reason: "it is a multicast address", allowlistable: false },
  unspecified: { reason: "it is the unspecified address", allowlistable: false },
  broadcast: { reason: "it is the broadcast address", allowlistable: false },
};

const V6: Record<string, Verdict> = {
  loopback: { reason: "it is a loopback address", allowlistable: true },
  uniqueLocal: { reason: "it is a unique-local IPv6 address (fc00::/7)", allowlistable: true },
  deprecatedSiteLocal: { reason: "it is a site-local IPv6 address (fec0::/10)", allowlistable: true },
  linkLocal: { reason: "it is a link-local IPv6 address (fe80::/10)", allowlistable: false },
  multicast: { reason: "it is a multicast address", allowlistable: false },
  unspecified: { reason: "it is the unspecified address", allowlistable: false },
};

const RESERVED: Verdict = { reason: "it is a reserved address", allowlistable: false };

function judge(parsed: ipaddr.IPv4 | ipaddr.IPv6): Verdict | null {
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString())) return METADATA;
  if (parsed.kind() === "ipv4") {
    const range = (parsed as ipaddr.IPv4).range();
    return range === "unicast" ? null : (V4[range] ?? RESERVED);
  }
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4Addresses(v6);
  if (embedded.length > 0) {
    // The strictest verdict among the embedded addresses: any blocked one blocks the whole address.
    const verdicts = embedded.map(judge).filter((v): v is Verdict => v !== null);
    const worst = verdicts.find((v) => v === METADATA) ?? verdicts.find((v) => !v.allowlistable) ?? verdicts[0];
    return worst ? { ...worst, reason: `${worst.reason} (in an IPv6 form)` } : null;
  }
  const range = v6.range();
  return range === "unicast" ? null : (V6[range] ?? RESERVED);
}

/**
 * Why an IP address must not be contacted, or null when it may be. `allowlisted` (the endpoint or
 * this address is in BROADCAST_ALLOWED_ENDPOINTS) lifts only loopback and private-range refusals.
 */
export function blockedAddressReason(address: string, allowlisted = false): string | null {
  const bare = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return "it is not a valid IP address";
  const verdict = judge(ipaddr.parse(bare));
  return verdict && !(allowlisted && verdict.allowlistable) ? verdict.reason : null;
}

/** Checks a hostname before any DNS: IP literals and well-known metadata names. */
export function blockedHostReason(host: string, allowlisted = false): string | null {
  const h = host.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (METADATA_HOSTS.has(h)) return "it is a cloud metadata service host";
  if (h === "localhost" || h.endsWith(".localhost")) return allowlisted ? null : "it is a loopback address";
  if (ipaddr.isValid(h)) return blockedAddressReason(h, allowlisted);
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
