import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

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
