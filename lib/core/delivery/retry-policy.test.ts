import { describe, expect, it } from "vitest";
import { backoffCeilingMs, DEFAULT_RETRY_POLICY, planRetry, retryDelayMs, retryPolicyWith } from "./retry-policy";

const P = DEFAULT_RETRY_POLICY;
const T0 = new Date("2026-11-27T00:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

describe("backoffCeilingMs", () => {
  it("doubles from 1 s and stops at 5 minutes", () => {
    const ceilings = Array.from({ length: 12 }, (_, i) => backoffCeilingMs(P, i + 1));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000]);
  });

  it("stays finite for absurd attempt counts", () => {
    expect(backoffCeilingMs(P, 10_000)).toBe(300_000);
    expect(backoffCeilingMs(P, 0)).toBe(1_000);
  });
});

describe("retryDelayMs (full jitter)", () => {
  it("spans [0, ceiling) with the random source", () => {
    expect(retryDelayMs(P, 3, () => 0)).toBe(0);
    expect(retryDelayMs(P, 3, () => 0.5)).toBe(2_000);
    expect(retryDelayMs(P, 3, () => 0.999_999)).toBe(3_999);
  });

  it("draws from the whole range, with the mean near half the ceiling", () => {
    const draws = Array.from({ length: 4_000 }, () => retryDelayMs(P, 5));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(16_000);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeGreaterThan(7_000);
    expect(mean).toBeLessThan(9_000);
  });
});

describe("planRetry", () => {
  const created = { createdAt: T0 };

  it("spaces retries exponentially (jitter at its maximum)", () => {
    const max = () => 0.999_999;
    let now = 0;
    const waits: number[] = [];
    for (let attempts = 1; attempts <= 11; attempts++) {
      const plan = planRetry(P, { ...created, attempts }, at(now), max);
      if (plan.kind !== "retry") throw new Error("gave up early");
      waits.push(plan.delayMs);
      expect(plan.nextAttemptAt.getTime()).toBe(T0.getTime() + now + plan.delayMs);
      now += plan.delayMs;
    }
    expect(waits).toEqual([999, 1_999, 3_999, 7_999, 15_999, 31_999, 63_999, 127_999, 255_999, 299_999, 299_999]);
  });

  it("dead-letters at the default 24 h horizon, counted from createdAt", () => {
    expect(planRetry(P, { ...created, attempts: 300 }, at(24 * HOUR - 1)).kind).toBe("retry");
    expect(planRetry(P, { ...created, attempts: 300 }, at(24 * HOUR))).toEqual({ kind: "dead" });
    expect(planRetry(P, { ...created, attempts: 1 }, at(25 * HOUR))).toEqual({ kind: "dead" });
  });

  it("places the last attempt exactly at the horizon", () => {
    const plan = planRetry(P, { ...created, attempts: 50 }, at(24 * HOUR - 10_000), () => 0.999);
    expect(plan).toEqual({ kind: "retry", delayMs: 10_000, nextAttemptAt: at(24 * HOUR) });
  });

  it("keeps retrying a steadily failing bucket for the whole horizon, then gives up", () => {
    const policy = retryPolicyWith({ horizonMs: 2 * HOUR });
    let now = 0;
    let attempts = 1;
    for (;;) {
      const plan = planRetry(policy, { ...created, attempts }, at(now));
      if (plan.kind === "dead") break;
      now += plan.delayMs;
      attempts++;
    }
    expect(now).toBe(2 * HOUR);
    // With mean waits of 2.5 min once capped, two hours take well over 30 attempts.
    expect(attempts).toBeGreaterThan(30);
  });

  it("restarts the horizon when createdAt is reset (replay)", () => {
    expect(planRetry(P, { attempts: 1, createdAt: at(24 * HOUR) }, at(24 * HOUR + 1)).kind).toBe("retry");
  });
});

describe("retryPolicyWith", () => {
  it("overrides single fields and rejects nonsense", () => {
    expect(retryPolicyWith({ baseMs: 50 })).toEqual({ ...P, baseMs: 50 });
    expect(() => retryPolicyWith({ baseMs: -1 })).toThrow(/baseMs/);
    expect(() => retryPolicyWith({ factor: 0.5 })).toThrow(/factor/);
    expect(() => retryPolicyWith({ horizonMs: Number.NaN })).toThrow(/horizonMs/);
  });
});
