import { describe, expect, it } from "vitest";
import { parseTrustedProxies } from "@/lib/platform/env/request-origin-rules";
import { clientAddress, PEER_HEADER, UNKNOWN_ADDRESS } from "./client-address";

const fail = (message: string): never => {
  throw new Error(message);
};
const trusted = parseTrustedProxies("10.0.0.0/8, ::1", fail);
const from = (peer: string | null, forwarded?: string) =>
  new Headers({ ...(peer !== null && { [PEER_HEADER]: peer }), ...(forwarded !== undefined && { "x-forwarded-for": forwarded }) });

describe("clientAddress", () => {
  it("ignores X-Forwarded-For from a socket that is not a trusted proxy", () => {
    expect(clientAddress(from("198.51.100.4", "203.0.113.9"), trusted)).toBe("198.51.100.4");
    expect(clientAddress(from("198.51.100.4", "203.0.113.9"), [])).toBe("198.51.100.4");
  });

  it("believes a trusted proxy, up to the first hop no trusted proxy vouches for", () => {
    expect(clientAddress(from("10.1.2.3", "203.0.113.9"), trusted)).toBe("203.0.113.9");
    // The client prepended a fake hop; the one the proxy saw is the rightmost untrusted one.
    expect(clientAddress(from("::ffff:10.1.2.3", "1.2.3.4, 203.0.113.9, 10.9.9.9"), trusted)).toBe("203.0.113.9");
    expect(clientAddress(from("::1", "not-an-ip"), trusted)).toBe("not-an-ip");
  });

  it("uses one shared key when the socket is unknown, whatever headers claim", () => {
    expect(clientAddress(from(null, "203.0.113.9"), trusted)).toBe(UNKNOWN_ADDRESS);
  });

  it("refuses trusted-proxy entries that are not addresses", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.local", fail)).toThrow(/proxy\.local/);
  });
});
