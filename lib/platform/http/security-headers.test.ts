import { describe, expect, it } from "vitest";
import { isHttpsDeployment, newNonce, pageContentSecurityPolicy } from "./security-headers";

describe("security headers", () => {
  it("treats only an https BROADCAST_PUBLIC_URL as https, whatever a request claims", () => {
    expect(isHttpsDeployment("https://broadcast.example.com")).toBe(true);
    expect(isHttpsDeployment("http://10.0.0.5:3000")).toBe(false);
    expect(isHttpsDeployment(undefined)).toBe(false);
  });

  it("allows scripts by nonce only: no 'unsafe-inline' for scripts, and a fresh nonce each time", () => {
    const nonce = newNonce();
    expect(nonce).not.toBe(newNonce());
    const scripts = pageContentSecurityPolicy(nonce, false).split("; ").find((d) => d.startsWith("script-src"));
    expect(scripts).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(pageContentSecurityPolicy(nonce, true)).toContain("'unsafe-eval'");
  });
});
