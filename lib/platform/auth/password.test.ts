import { describe, expect, it } from "vitest";
import { HASH_CONCURRENCY, HashCapacityError, MAX_WAITING_HASHES, passwordHashStats, hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("hashes with scrypt and a random salt, and verifies", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$16384\$16\$1\$/);
    expect(hash).not.toContain("correct horse");
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
    expect(await verifyPassword({ hash, password: "correct horse battery" })).toBe(true);
    expect(await verifyPassword({ hash, password: "wrong horse battery" })).toBe(false);
  });

  it("refuses malformed or absurd stored hashes without throwing", async () => {
    expect(await verifyPassword({ hash: "bcrypt$x", password: "p" })).toBe(false);
    expect(await verifyPassword({ hash: "scrypt$1073741824$8$1$c2FsdA$a2V5", password: "p" })).toBe(false);
  });
});

describe("the hash ceiling", () => {
  it("runs at most HASH_CONCURRENCY hashes at once and refuses past the waiting bound", async () => {
    const before = passwordHashStats().started;
    const calls = Array.from({ length: HASH_CONCURRENCY + MAX_WAITING_HASHES + 5 }, (_, i) => hashPassword(`password-${i}`));
    const results = await Promise.allSettled(calls);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(5);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(HashCapacityError);
    expect(passwordHashStats().started - before).toBe(HASH_CONCURRENCY + MAX_WAITING_HASHES);
    expect(passwordHashStats().peakActive).toBe(HASH_CONCURRENCY);
  }, 60_000); // up to 18 hashes of ~0.1 s one after another on a busy machine
});
