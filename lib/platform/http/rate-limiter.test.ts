import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

describe("RateLimiter", () => {
  it("allows a burst, then refuses with a Retry-After, then refills over time", () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3].map(() => limiter.take("k").allowed)).toEqual([true, true, true]);
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 500; // one token back at 2/s
    expect(limiter.take("k").allowed).toBe(true);
    expect(limiter.take("k").allowed).toBe(false);
  });

  it("keeps keys apart", () => {
    const limiter = new RateLimiter(1, 1, () => 0);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("b").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("is disabled with a rate of 0", () => {
    const limiter = new RateLimiter(0, 0, () => 0);
    for (let i = 0; i < 100; i++) expect(limiter.take("k").allowed).toBe(true);
  });
});
