import { describe, expect, it } from "vitest";
import { endpointHostPort, isAllowedAddress, isAllowedEndpoint, parseAllowedEndpoints } from "./allowed-endpoints";

describe("parseAllowedEndpoints", () => {
  it("parses host:port lists, IPv6 in brackets, blanks ignored", () => {
    expect(parseAllowedEndpoints(" 127.0.0.1:9000, minio.internal:443,,[::1]:9001 ")).toEqual([
      { host: "127.0.0.1", port: 9000 },
      { host: "minio.internal", port: 443 },
      { host: "::1", port: 9001 },
    ]);
    expect(parseAllowedEndpoints(undefined)).toEqual([]);
  });

  it("rejects entries without a valid port, naming the entry", () => {
    expect(() => parseAllowedEndpoints("127.0.0.1")).toThrow(/"127.0.0.1" is not a host:port/);
    expect(() => parseAllowedEndpoints("h:70000")).toThrow(/"h:70000"/);
  });
});

describe("isAllowedEndpoint", () => {
  const allowed = parseAllowedEndpoints("127.0.0.1:9000,Minio.Local:443");
  it("matches host and port exactly, case-insensitively", () => {
    expect(isAllowedEndpoint(allowed, "127.0.0.1", 9000)).toBe(true);
    expect(isAllowedEndpoint(allowed, "minio.local", 443)).toBe(true);
    expect(isAllowedEndpoint(allowed, "127.0.0.1", 9001)).toBe(false);
    expect(isAllowedEndpoint(allowed, "localhost", 9000)).toBe(false);
  });

  it("derives default ports from the scheme", () => {
    expect(endpointHostPort(new URL("https://minio.local"))).toEqual({ host: "minio.local", port: 443 });
    expect(endpointHostPort(new URL("http://[::1]:9000/"))).toEqual({ host: "::1", port: 9000 });
  });
});

describe("CIDR entries", () => {
  const allowed = parseAllowedEndpoints("10.0.0.0/8, fd00::/8, minio.local:9000");

  it("parses and normalises CIDR ranges next to host:port entries", () => {
    expect(allowed).toEqual([{ cidr: "10.0.0.0/8" }, { cidr: "fd00::/8" }, { host: "minio.local", port: 9000 }]);
    expect(() => parseAllowedEndpoints("10.0.0.0/33")).toThrow(/"10.0.0.0\/33" is not a valid CIDR/);
    expect(() => parseAllowedEndpoints("minio/8")).toThrow(/not a valid CIDR/);
  });

  it("allows IP-literal endpoints in a range on any port, and nothing outside it", () => {
    expect(isAllowedEndpoint(allowed, "10.1.2.3", 9000)).toBe(true);
    expect(isAllowedEndpoint(allowed, "10.1.2.3", 443)).toBe(true);
    expect(isAllowedEndpoint(allowed, "[fd00::5]", 9000)).toBe(true);
    expect(isAllowedEndpoint(allowed, "11.0.0.1", 9000)).toBe(false);
    expect(isAllowedEndpoint(allowed, "192.168.1.1", 9000)).toBe(false);
  });

  it("matches resolved addresses, IPv4-mapped ones included", () => {
    expect(isAllowedAddress(allowed, "10.200.0.1")).toBe(true);
    expect(isAllowedAddress(allowed, "::ffff:10.0.0.1")).toBe(true);
    expect(isAllowedAddress(allowed, "127.0.0.1")).toBe(false);
    expect(isAllowedAddress(allowed, "minio.local")).toBe(false);
  });
});
