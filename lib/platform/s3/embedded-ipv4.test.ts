import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { embeddedIPv4Addresses } from "./embedded-ipv4";

const inner = (address: string) => embeddedIPv4Addresses(ipaddr.IPv6.parse(address)).map((a) => a.toString());

describe("embeddedIPv4Addresses", () => {
  it.each([
    ["IPv4-compatible, dotted", "::169.254.169.254", ["169.254.169.254"]],
    ["IPv4-compatible, hex", "::7f00:1", ["127.0.0.1"]],
    ["IPv4-mapped", "::ffff:a00:1", ["10.0.0.1"]],
    ["IPv4-translated (RFC 6145)", "::ffff:0:c0a8:101", ["192.168.1.1"]],
    ["NAT64 well-known prefix", "64:ff9b::a9fe:a9fe", ["169.254.169.254"]],
    ["6to4", "2002:a9fe:a9fe::1", ["169.254.169.254"]],
    ["6to4 of a public address", "2002:0808:0808::1", ["8.8.8.8"]],
  ])("%s: %s embeds %s", (_label, address, expected) => {
    expect(inner(address)).toEqual(expected);
  });

  it("decodes Teredo's client (XOR 0xffffffff) and server addresses", () => {
    // RFC 4380's example: server 65.54.227.120, client 192.0.2.45 (obfuscated as 3fff:fdd2).
    expect(inner("2001:0:4136:e378:8000:63bf:3fff:fdd2")).toEqual(["192.0.2.45", "65.54.227.120"]);
    // Client 127.0.0.1 is 80ff:fffe once obfuscated.
    expect(inner("2001:0:808:808:0:0:80ff:fffe")).toEqual(["127.0.0.1", "8.8.8.8"]);
  });

  it("tries every RFC 6052 position inside the NAT64 local-use /48", () => {
    // /96 position: the last 32 bits.
    expect(inner("64:ff9b:1::a9fe:a9fe")).toContain("169.254.169.254");
    // /48 position: bytes 6-7 and 9-10 (byte 8 is the reserved "u" octet).
    expect(inner("64:ff9b:1:a9fe:00a9:fe00::")).toContain("169.254.169.254");
    // /64 position: bytes 9-12.
    expect(inner("64:ff9b:1:0:000a:0000:0100::")).toContain("10.0.0.1");
    // The zero padding of the other lengths is not taken for 0.0.0.x: a public /96 form stays public.
    expect(inner("64:ff9b:1::808:808")).toEqual(["8.8.8.8"]);
  });

  it.each(["::", "::1", "2606:4700:4700::1111", "fe80::1", "2001:db8::1", "2003::1"])("finds nothing in %s", (address) => {
    expect(inner(address)).toEqual([]);
  });
});
