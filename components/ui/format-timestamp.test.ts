import { describe, expect, it } from "vitest";
import { formatTimestamp } from "./format-timestamp";

describe("formatTimestamp", () => {
  it("formats in UTC with a padded time", () => {
    expect(formatTimestamp("2025-11-27T23:40:05.123Z")).toBe("27 Nov 2025, 23:40 UTC");
    expect(formatTimestamp("2026-01-02T03:04:00.000Z")).toBe("2 Jan 2026, 03:04 UTC");
    expect(formatTimestamp("2026-01-01T00:30:00.000+02:00")).toBe("31 Dec 2025, 22:30 UTC");
  });

  it("returns unparseable input unchanged", () => {
    expect(formatTimestamp("not a date")).toBe("not a date");
  });
});
