import { describe, expect, it } from "vitest";
import { endpointHostPort, isAllowedEndpoint, parseAllowedEndpoints } from "./allowed-endpoints";

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
