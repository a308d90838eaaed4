import { describe, expect, it } from "vitest";
import { isAllowedAddress, parseAllowedEndpoints } from "@/lib/platform/s3/allowed-endpoints";
import { createS3Client } from "./create-s3-client";
import { blockedAddressReason, blockedHostReason, type BlockedEndpointError } from "./endpoint-guard";
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
    ["::169.254.169.254", /metadata.*IPv6 form/],
    ["::7f00:1", /loopback.*IPv6 form/],
    ["::10.0.0.1", /private.*IPv6 form/],
    ["::ffff:0:a9fe:a9fe", /metadata.*IPv6 form/],
    ["2002:a9fe:a9fe::1", /metadata.*IPv6 form/],
    ["2002:7f00:1::1", /loopback.*IPv6 form/],
    ["2002:c0a8:101::1", /private.*IPv6 form/],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", /loopback.*IPv6 form/],
    ["2001:0:4136:e378:8000:63bf:5601:5601", /metadata.*IPv6 form/],
    ["2001:0:a9fe:a9fe:8000:63bf:f7f7:fbfb", /metadata.*IPv6 form/],
    ["64:ff9b:1::a9fe:a9fe", /metadata.*IPv6 form/],
    ["64:ff9b:1:a9fe:a9:fe00::", /metadata.*IPv6 form/],
    ["fec0::1", /site-local/],
    ["168.63.129.16", /metadata/],
    ["::ffff:168.63.129.16", /metadata.*IPv6 form/],
    ["224.0.0.1", /multicast/],
    ["240.0.0.1", /reserved/],
  ])("blocks %s", (address, reason) => {
    expect(blockedAddressReason(address)).toMatch(reason);
  });

  it.each([
    "93.184.215.14",
    "1.1.1.1",
    "2606:4700:4700::1111",
    "::ffff:1.1.1.1",
    "2002:808:808::1",
    "64:ff9b::808:808",
    "2001:0:4136:e378:8000:63bf:f7f7:fbfb",
  ])("allows public %s", (address) => {
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

describe("createS3Client refuses blocked Custom Endpoints before connecting, naming why", () => {
  const settings = (endpoint: string) => ({ bucketName: "b", region: "us-east-1", endpoint, accessKeyId: "AKIA", secretAccessKey: "s", sessionToken: null });
  const blockedWith = (endpoint: string, allowedEndpoints = parseAllowedEndpoints("")) => {
    try {
      createS3Client(settings(endpoint), { allowedEndpoints, timeoutMs: 1000 });
    } catch (error) {
      expect((error as Error).name).toBe("BlockedEndpointError");
      return (error as BlockedEndpointError).message;
    }
    return null;
  };

  it.each([
    ["https://2130706433/", /127\.0\.0\.1 are blocked: it is a loopback address/],
    ["https://0177.0.0.1/", /127\.0\.0\.1.*loopback/],
    ["https://0x7f.0.0.1/", /127\.0\.0\.1.*loopback/],
    ["https://0x7f000001/", /127\.0\.0\.1.*loopback/],
    ["https://127.1/", /127\.0\.0\.1.*loopback/],
    ["https://127.0.0.1:9000/", /loopback/],
    ["https://localhost/", /loopback/],
    ["https://0.0.0.0/", /unspecified/],
    ["https://[::1]/", /loopback/],
    ["https://[::]/", /unspecified/],
    ["https://[::ffff:127.0.0.1]/", /loopback address \(in an IPv6 form\)/],
    ["https://[::ffff:7f00:1]/", /loopback address \(in an IPv6 form\)/],
    ["https://[::ffff:a00:1]/", /private.*IPv6 form/],
    ["https://10.0.0.1/", /private network address/],
    ["https://10.255.255.255/", /private network address/],
    ["https://172.16.0.1/", /private network address/],
    ["https://172.31.255.254/", /private network address/],
    ["https://192.168.0.1/", /private network address/],
    ["https://100.64.0.1/", /carrier-grade NAT/],
    ["https://100.127.255.254/", /carrier-grade NAT/],
    ["https://169.254.1.1/", /link-local address/],
    ["https://[fe80::1]/", /link-local IPv6/],
    ["https://[fc00::1]/", /unique-local/],
    ["https://[fd12:3456::1]/", /unique-local/],
    ["https://169.254.169.254/", /cloud metadata service address/],
    ["https://169.254.170.2/", /cloud metadata service address/],
    ["https://100.100.100.200/", /cloud metadata service address/],
    ["https://[fd00:ec2::254]/", /cloud metadata service address/],
    ["https://metadata.google.internal/", /cloud metadata service host/],
    ["https://[64:ff9b::a9fe:a9fe]/", /metadata|link-local/],
    ["https://[::169.254.169.254]/", /cloud metadata service address \(in an IPv6 form\)/],
    ["https://[::7f00:1]/", /loopback address \(in an IPv6 form\)/],
    ["https://[2002:a9fe:a9fe::1]/", /cloud metadata service address \(in an IPv6 form\)/],
    ["https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", /loopback address \(in an IPv6 form\)/],
    ["https://[2001:0:4136:e378:8000:63bf:5601:5601]/", /cloud metadata service address \(in an IPv6 form\)/],
    ["https://[64:ff9b:1::a9fe:a9fe]/", /cloud metadata service address \(in an IPv6 form\)/],
    ["https://[fec0::1]/", /site-local/],
    ["https://168.63.129.16/", /cloud metadata service address/],
    ["https://224.0.0.1/", /multicast/],
    ["http://s3.example.com/", /plain http:\/\/.*BROADCAST_ALLOWED_ENDPOINTS/],
    ["ftp://s3.example.com/", /only https:\/\//],
  ])("blocks %s", (endpoint, reason) => {
    expect(blockedWith(endpoint)).toMatch(reason);
  });

  it("lets allowlisted host:port and CIDR entries through, plain http included", () => {
    const allowed = parseAllowedEndpoints("127.0.0.1:9000,10.0.0.0/8,[::1]:9001");
    expect(blockedWith("http://127.0.0.1:9000", allowed)).toBeNull();
    expect(blockedWith("http://10.20.30.40:9000", allowed)).toBeNull();
    expect(blockedWith("https://10.1.1.1", allowed)).toBeNull();
    expect(blockedWith("http://[::1]:9001", allowed)).toBeNull();
    // Same host, another port: not allowlisted.
    expect(blockedWith("http://127.0.0.1:9001", allowed)).toMatch(/loopback/);
    expect(blockedWith("https://192.168.1.1", allowed)).toMatch(/private/);
    expect(blockedWith("https://s3.amazonaws.com", allowed)).toBeNull();
  });

  it("never falls back to the server's own AWS credentials", async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
    process.env.AWS_ACCESS_KEY_ID = "AKIASERVERENVKEY0000";
    process.env.AWS_SECRET_ACCESS_KEY = "server-env-secret";
    process.env.AWS_SESSION_TOKEN = "server-env-token";
    try {
      const client = createS3Client({ ...settings(""), accessKeyId: "", secretAccessKey: "" }, { allowedEndpoints: [], timeoutMs: 1000 });
      const credentials = await client.config.credentials();
      expect(credentials.accessKeyId).toBe("");
      expect(credentials.secretAccessKey).toBe("");
      expect(credentials.sessionToken).toBeUndefined();
      expect(JSON.stringify(credentials)).not.toMatch(/SERVERENV|server-env/);
    } finally {
      for (const [name, value] of [["AWS_ACCESS_KEY_ID", saved.id], ["AWS_SECRET_ACCESS_KEY", saved.secret], ["AWS_SESSION_TOKEN", saved.token]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe("the connect-time lookup", () => {
  const lookupOnce = (lookup: ReturnType<typeof createGuardedLookup>, host: string) =>
    new Promise<{ error: unknown; address?: unknown }>((resolve) =>
      lookup(host, { all: false }, (error: unknown, address?: unknown) => resolve({ error, address })),
    );

  it.each([
    ["10.1.2.3", /resolves to 10\.1\.2\.3, and it is a private network address/],
    ["127.0.0.53", /resolves to 127\.0\.0\.53, and it is a loopback address/],
    ["169.254.169.254", /metadata/],
    ["::ffff:192.168.0.1", /private.*IPv6 form/],
    ["fd00::1", /unique-local/],
  ])("refuses a name a stub resolver maps to %s", async (address, reason) => {
    const lookup = createGuardedLookup(false, async () => [{ address, family: address.includes(":") ? 6 : 4 }]);
    const { error } = await lookupOnce(lookup, "bucket.example.com");
    expect((error as Error).name).toBe("BlockedEndpointError");
    expect((error as Error).message).toMatch(reason);
  });

  it("refuses when any one of several answers is private (no picking the public one)", async () => {
    const lookup = createGuardedLookup(false, async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ]);
    expect(((await lookupOnce(lookup, "mixed.example")).error as Error).message).toMatch(/10\.0\.0\.7/);
  });

  it("accepts names resolving inside an allowlisted CIDR range, and only there", async () => {
    const allowed = parseAllowedEndpoints("10.0.0.0/8");
    const lookup = (address: string) => createGuardedLookup((a) => isAllowedAddress(allowed, a), async () => [{ address, family: 4 }]);
    expect((await lookupOnce(lookup("10.9.9.9"), "minio.internal")).error).toBeNull();
    expect(((await lookupOnce(lookup("192.168.9.9"), "minio.internal")).error as Error).message).toMatch(/private/);
    expect(((await lookupOnce(lookup("169.254.169.254"), "minio.internal")).error as Error).message).toMatch(/metadata/);
  });
});
