import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { probeDelayMs } = await import("./recovery-probe");
const { DEFAULT_RETRY_POLICY } = await import("../core/delivery/retry-policy");

describe("probeDelayMs", () => {
  it("follows the backoff ceiling (1 s, 2 s, 4 s…) and stops at the cap", () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => probeDelayMs(DEFAULT_RETRY_POLICY, n, 5_000))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000, 5_000]);
  });
  it("never waits longer than the policy's own cap", () => {
    expect(probeDelayMs({ ...DEFAULT_RETRY_POLICY, capMs: 300 }, 10, 5_000)).toBe(300);
  });
});
