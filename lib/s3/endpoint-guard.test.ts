import { describe, expect, it } from "vitest";
import { blockedAddressReason, blockedHostReason } from "./endpoint-guard";
import { createGuardedLookup } from "./guarded-lookup";

describe("blockedAddressReason", () => {
  it.each([
    ["127.0.0.1", /loopback/],
    ["10.1.2.3", /private/],
    ["172.16.0.1", /private/],
    ["192.168.1.1", /private/],
    ["100.64.0.1", /carrier-grade NAT/],
    ["169.254.10.10", /link-local/],
    ["169.254.169.254", /metadata/],
    ["169.254.170.2", /metadata/],
    ["100.100.100.200", /metadata/],
    ["fd00:ec2::254", /metadata/],
    ["0.0.0.0", /unspecified/],
    ["::1", /loopback/],
    ["::", /unspecified/],
    ["fe80::1", /link-local/],
    ["fc00::1", /unique-local/],
    ["::ffff:127.0.0.1", /loopback.*IPv6 form/],
    ["::ffff:7f00:1", /loopback.*IPv6 form/],
    ["64:ff9b::10.0.0.1", /private.*IPv6 form/],
    ["224.0.0.1", /multicast/],
    ["240.0.0.1", /reserved/],
  ])("blocks %s", (address, reason) => {
    expect(blockedAddressReason(address)).toMatch(reason);
  });

  it.each(["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:1.1.1.1"])("allows public %s", (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });
});

describe("blockedHostReason", () => {
  it("blocks metadata hostnames and localhost without DNS", () => {
    expect(blockedHostReason("metadata.google.internal")).toMatch(/metadata/);
    expect(blockedHostReason("LOCALHOST")).toMatch(/loopback/);
    expect(blockedHostReason("[::1]")).toMatch(/loopback/);
    expect(blockedHostReason("s3.amazonaws.com")).toBeNull();
  });

  it("sees through numeric IPv4 spellings once the URL parser normalises them", () => {
    for (const spelling of ["2130706433", "0x7f000001", "0177.0.0.1", "127.1"]) {
      expect(blockedHostReason(new URL(`http://${spelling}/`).hostname)).toMatch(/loopback/);
    }
  });
});

describe("createGuardedLookup", () => {
  const lookupOnce = (lookup: ReturnType<typeof createGuardedLookup>, host: string) =>
    new Promise<{ error: unknown; address?: unknown }>((resolve) =>
      lookup(host, { all: false }, (error: unknown, address?: unknown) => resolve({ error, address })),
    );

  it("refuses a name that resolves to a private address (rebinding at connect time)", async () => {
    let calls = 0;
    const lookup = createGuardedLookup(false, async () => [{ address: calls++ === 0 ? "93.184.215.14" : "10.0.0.5", family: 4 }]);
    expect((await lookupOnce(lookup, "rebind.example")).error).toBeNull();
    const second = await lookupOnce(lookup, "rebind.example");
    expect((second.error as Error).name).toBe("BlockedEndpointError");
    expect((second.error as Error).message).toMatch(/resolves to 10\.0\.0\.5.*private/);
  });

  it("lets allowlisted endpoints reach private addresses", async () => {
    const lookup = createGuardedLookup(true, async () => [{ address: "127.0.0.1", family: 4 }]);
    const result = await lookupOnce(lookup, "minio.local");
    expect(result.error).toBeNull();
    expect(result.address).toBe("127.0.0.1");
  });
});
