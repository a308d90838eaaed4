import { describe, expect, it } from "vitest";
import { isCreatedAtInRange, resolveCreatedAt } from "./created-at";

describe("resolveCreatedAt", () => {
  it("reads ISO 8601 with Z or an offset, any fraction precision", () => {
    expect(resolveCreatedAt("2026-11-27T10:00:00Z")?.toISOString()).toBe("2026-11-27T10:00:00.000Z");
    expect(resolveCreatedAt("2026-11-27T11:00:00+01:00")?.toISOString()).toBe("2026-11-27T10:00:00.000Z");
    expect(resolveCreatedAt("2026-11-27T10:00:00.123456+00:00")?.toISOString()).toBe("2026-11-27T10:00:00.123Z");
    expect(resolveCreatedAt("2024-02-29T00:00:00Z")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });

  it("rejects strings without a timezone, impossible dates and other formats", () => {
    for (const value of [
      "2026-11-27T10:00:00",
      "2026-11-27",
      "2023-02-29T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "2026-13-01T00:00:00Z",
      "2026-11-27 10:00:00Z",
      "1705312800",
      "yesterday",
      "",
    ]) {
      expect(resolveCreatedAt(value), value).toBeNull();
    }
  });

  it("treats numbers up to 1e11 as epoch seconds and larger ones as milliseconds", () => {
    expect(resolveCreatedAt(1705312800)?.toISOString()).toBe("2024-01-15T10:00:00.000Z");
    expect(resolveCreatedAt(1705312800.5)?.toISOString()).toBe("2024-01-15T10:00:00.500Z");
    expect(resolveCreatedAt(1705312800123)?.toISOString()).toBe("2024-01-15T10:00:00.123Z");
    expect(resolveCreatedAt(0)?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
  });

  it("rejects non-finite numbers", () => {
    expect(resolveCreatedAt(NaN)).toBeNull();
    expect(resolveCreatedAt(Infinity)).toBeNull();
  });
});

describe("isCreatedAtInRange", () => {
  const now = new Date("2026-11-27T12:00:00Z");
  it("accepts 1970 up to one day after now", () => {
    expect(isCreatedAtInRange(new Date(0), now)).toBe(true);
    expect(isCreatedAtInRange(new Date("2026-11-28T12:00:00Z"), now)).toBe(true);
  });
  it("rejects dates before 1970 or more than a day ahead", () => {
    expect(isCreatedAtInRange(new Date(-1), now)).toBe(false);
    expect(isCreatedAtInRange(new Date("2026-11-28T12:00:00.001Z"), now)).toBe(false);
  });
});
