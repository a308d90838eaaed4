import { describe, expect, it } from "vitest";
import { isAllowedAddress, parseAllowedEndpoints } from "./allowed-endpoints";
import { createS3Client } from "./create-s3-client";
import { blockedAddressReason, blockedHostReason, type BlockedEndpointError } from "./endpoint-guard";
import { createGuardedLookup, type Resolver } from "./guarded-lookup";

// BROADCAST_ALLOWED_ENDPOINTS opens loopback and private ranges, never metadata or link-local ones,
// and the rule holds on the address a name resolves to at connect time. No test here dials: names
// go to stub resolvers, and lookups are called directly instead of through a socket.

type LookupResult = { error: unknown; address?: unknown };
const lookupOnce = (lookup: ReturnType<typeof createGuardedLookup>, host: string) =>
  new Promise<LookupResult>((resolve) => lookup(host, { all: false }, (error: unknown, address?: unknown) => resolve({ error, address })));
const resolvingTo = (address: string): Resolver => async () => [{ address, family: address.includes(":") ? 6 : 4 }];

describe("what the allowlist opens", () => {
  it.each(["127.0.0.1", "10.1.2.3", "192.168.1.1", "100.64.0.1", "::1", "fd12::1", "fec0::1", "::ffff:10.0.0.1"])("%s", (address) => {
    expect(blockedAddressReason(address)).not.toBeNull();
    expect(blockedAddressReason(address, true)).toBeNull();
  });

  it.each([
    ["169.254.169.254", /metadata/],
    ["169.254.170.2", /metadata/],
    ["100.100.100.200", /metadata/],
    ["168.63.129.16", /metadata/],
    ["fd00:ec2::254", /metadata/],
    ["169.254.10.10", /link-local/],
    ["fe80::1", /link-local/],
    ["::ffff:169.254.169.254", /metadata/],
    ["::169.254.169.254", /metadata/],
    ["2002:a9fe:a9fe::1", /metadata/],
    ["0.0.0.0", /unspecified/],
    ["224.0.0.1", /multicast/],
  ])("never %s", (address, reason) => {
    expect(blockedAddressReason(address, true)).toMatch(reason);
  });

  it("never metadata host names", () => {
    expect(blockedHostReason("metadata.google.internal", true)).toMatch(/metadata/);
    expect(blockedHostReason("localhost", true)).toBeNull();
  });
});

describe("an allowlisted endpoint at connect time", () => {
  it.each([
    ["169.254.169.254", /resolves to 169\.254\.169\.254, and it is a cloud metadata service address/],
    ["fe80::1", /link-local/],
    ["::ffff:169.254.169.254", /metadata.*IPv6 form/],
  ])("host:port entry: a name resolving to %s is refused", async (address, reason) => {
    const { error } = await lookupOnce(createGuardedLookup(true, resolvingTo(address)), "minio.internal");
    expect((error as Error).name).toBe("BlockedEndpointError");
    expect((error as Error).message).toMatch(reason);
    expect((error as BlockedEndpointError).allowlistable).toBe(false);
  });

  it("host:port entry: a name resolving to loopback or a private address is let through", async () => {
    expect(await lookupOnce(createGuardedLookup(true, resolvingTo("127.0.0.1")), "minio.internal")).toEqual({ error: null, address: "127.0.0.1" });
    expect(await lookupOnce(createGuardedLookup(true, resolvingTo("10.0.0.9")), "minio.internal")).toEqual({ error: null, address: "10.0.0.9" });
  });

  it("CIDR entry covering link-local: still refused", async () => {
    const allowed = parseAllowedEndpoints("169.254.0.0/16, 0.0.0.0/0");
    const lookup = (address: string) => createGuardedLookup((a) => isAllowedAddress(allowed, a), resolvingTo(address));
    expect(((await lookupOnce(lookup("169.254.169.254"), "s3.internal")).error as Error).message).toMatch(/metadata/);
    expect(((await lookupOnce(lookup("169.254.1.1"), "s3.internal")).error as Error).message).toMatch(/link-local/);
    expect((await lookupOnce(lookup("10.2.3.4"), "s3.internal")).error).toBeNull();
  });
});

describe("createS3Client applies the rule", () => {
  const settings = (endpoint: string) => ({ bucketName: "b", region: "us-east-1", endpoint, accessKeyId: "AKIA", secretAccessKey: "s", sessionToken: null });
  const build = (endpoint: string, allowlist: string, resolve?: Resolver) =>
    createS3Client(settings(endpoint), { allowedEndpoints: parseAllowedEndpoints(allowlist), timeoutMs: 1000, resolve });

  it.each([
    ["http://169.254.169.254:80", "169.254.169.254:80", /metadata/],
    ["http://[fe80::1]:9000", "[fe80::1]:9000", /link-local/],
    ["http://169.254.10.10:9000", "169.254.0.0/16", /link-local/],
    ["http://[::ffff:a9fe:a9fe]:9000", "[::ffff:a9fe:a9fe]:9000", /metadata/],
    ["http://metadata.google.internal:80", "metadata.google.internal:80", /metadata/],
  ])("refuses the IP literal or metadata name %s even when listed", (endpoint, allowlist, reason) => {
    expect(() => build(endpoint, allowlist)).toThrow(reason);
    expect(() => build(endpoint, allowlist)).toThrow(expect.objectContaining({ allowlistable: false }));
  });

  it("gives its agents the connect-time rule: an allowlisted name resolving to metadata is refused", async () => {
    const asked: string[] = [];
    const client = build("http://minio.internal:9000", "minio.internal:9000", async (hostname) => {
      asked.push(hostname);
      return [{ address: "169.254.169.254", family: 4 }];
    });
    // The agent's own lookup, called as net.connect would call it, without opening a socket.
    type Agent = { options: { lookup: ReturnType<typeof createGuardedLookup> } };
    const handler = client.config.requestHandler as unknown as { configProvider: Promise<{ httpAgentProvider: () => Promise<Agent> }> };
    const httpAgent = await (await handler.configProvider).httpAgentProvider();
    const { error } = await lookupOnce(httpAgent.options.lookup, "minio.internal");
    expect(asked).toEqual(["minio.internal"]);
    expect((error as Error).message).toMatch(/resolves to 169\.254\.169\.254, and it is a cloud metadata service address/);
    client.destroy();
  });
});
