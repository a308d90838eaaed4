import { describe, expect, it } from "vitest";
import { maskSecret } from "@/lib/core/mask-secret";

describe("maskSecret", () => {
  it("shows four bullets and the last four characters of a long secret", () => {
    expect(maskSecret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toBe("••••EKEY");
    expect(maskSecret("AKIAIOSFODNN7EXAMPLE")).toBe("••••MPLE");
  });

  it("reveals the last four characters from exactly 12 characters", () => {
    expect(maskSecret("abcdefghWXYZ")).toBe("••••WXYZ");
  });

  it("shows only bullets for shorter secrets", () => {
    expect(maskSecret("abcdefghXYZ")).toBe("••••");
    expect(maskSecret("abc")).toBe("••••");
    expect(maskSecret("a")).toBe("••••");
  });

  it("does not reveal the length of the secret", () => {
    expect(maskSecret("a".repeat(12))).toHaveLength(maskSecret("b".repeat(200))?.length ?? -1);
    expect(maskSecret("x")).toBe(maskSecret("y".repeat(11)));
  });

  it("returns null when there is nothing to mask", () => {
    expect(maskSecret("")).toBeNull();
    expect(maskSecret(null)).toBeNull();
    expect(maskSecret(undefined)).toBeNull();
  });

  it("does not split characters outside the basic plane", () => {
    expect(maskSecret("secret-key-🔑🔑🔑🔑")).toBe("••••🔑🔑🔑🔑");
    // 11 code points but 13 UTF-16 units: still too short to reveal anything.
    expect(maskSecret("abcdefghi🔑🔑")).toBe("••••");
  });
});
