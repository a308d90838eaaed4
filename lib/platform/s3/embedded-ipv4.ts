import ipaddr from "ipaddr.js";

// IPv6 forms that carry an IPv4 address, and so may route to it: a relay, translator or tunnel on
// the path (or the host's own stack) turns them into IPv4 packets. The guard judges what is inside.
//   IPv4-compatible  ::a.b.c.d           (::/96, deprecated; Linux still routes ::7f00:1 oddly)
//   IPv4-mapped      ::ffff:a.b.c.d      (::ffff:0:0/96)
//   IPv4-translated  ::ffff:0:a.b.c.d    (::ffff:0:0:0/96, RFC 6145)
//   NAT64            64:ff9b::a.b.c.d    (64:ff9b::/96, RFC 6052)
//   NAT64 local-use  64:ff9b:1::/48      (RFC 8215: the operator picks the prefix length, so every
//                                         RFC 6052 position that fits a /48 is tried, 0.0.0.0/8 aside)
//   6to4             2002:AABB:CCDD::/48 (RFC 3056: the IPv4 address is bits 16-47)
//   Teredo           2001:0:SSSS:SSSS:flags:port:CCCC:CCCC (RFC 4380: server IPv4 in bits 32-63,
//                                         client IPv4 in the last 32 bits XOR 0xffffffff)

const prefix = (cidr: string) => ipaddr.parseCIDR(cidr) as [ipaddr.IPv6, number];
const IPV4_COMPATIBLE = prefix("::/96");
const IPV4_MAPPED = prefix("::ffff:0:0/96");
const IPV4_TRANSLATED = prefix("::ffff:0:0:0/96");
const NAT64 = prefix("64:ff9b::/96");
const NAT64_LOCAL = prefix("64:ff9b:1::/48");
const SIX_TO_FOUR = prefix("2002::/16");
const TEREDO = prefix("2001::/32");

// RFC 6052 section 2.2: where the 32 IPv4 bits sit for each prefix length (bits 64-71 are skipped).
const RFC6052_BYTES: Record<number, number[]> = {
  48: [6, 7, 9, 10],
  56: [7, 9, 10, 11],
  64: [9, 10, 11, 12],
  96: [12, 13, 14, 15],
};

const pick = (bytes: number[], at: number[]) => new ipaddr.IPv4(at.map((i) => bytes[i] ?? 0));

/**
 * The IPv4 addresses an IPv6 address embeds (empty when it is not such a form). `::` and `::1` are
 * not IPv4-compatible addresses: they are IPv6's own unspecified and loopback addresses.
 */
export function embeddedIPv4Addresses(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const bytes = address.toByteArray();
  const last32 = [12, 13, 14, 15];
  if (address.match(IPV4_MAPPED) || address.match(IPV4_TRANSLATED) || address.match(NAT64)) return [pick(bytes, last32)];
  if (address.match(IPV4_COMPATIBLE)) {
    const inner = pick(bytes, last32);
    return inner.toString() === "0.0.0.0" || inner.toString() === "0.0.0.1" ? [] : [inner];
  }
  if (address.match(NAT64_LOCAL)) {
    // 0.0.0.0/8 cannot be a translation target; those candidates are the zero padding of another length.
    return Object.values(RFC6052_BYTES).map((at) => pick(bytes, at)).filter((v4) => (v4.octets[0] ?? 0) !== 0);
  }
  if (address.match(SIX_TO_FOUR)) return [pick(bytes, [2, 3, 4, 5])];
  if (address.match(TEREDO)) {
    const client = new ipaddr.IPv4(last32.map((i) => (bytes[i] ?? 0) ^ 0xff));
    return [client, pick(bytes, [4, 5, 6, 7])];
  }
  return [];
}
