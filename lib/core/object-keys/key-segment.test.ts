import { describe, expect, it } from "vitest";
import { safeKeySegment } from "./key-segment";

describe("safeKeySegment", () => {
  it("keeps already-safe names untouched", () => {
    expect(safeKeySegment("production-app")).toBe("production-app");
    expect(safeKeySegment("svc_1.v2")).toBe("svc_1.v2");
  });

  it("replaces slashes and path tricks and marks the change with a hash", () => {
    const out = safeKeySegment("../etc/passwd");
    expect(out).not.toContain("/");
    expect(out).not.toContain("..");
    expect(out).toMatch(/^etc-passwd-[0-9a-f]{8}$/);
  });

  it("folds accents and keeps distinct unicode names distinct", () => {
    expect(safeKeySegment("café")).toMatch(/^cafe-[0-9a-f]{8}$/);
    const a = safeKeySegment("日本");
    const b = safeKeySegment("中文");
    expect(a).toMatch(/^key-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  it("caps very long names and keeps them distinct", () => {
    const long1 = "a".repeat(300) + "1";
    const long2 = "a".repeat(300) + "2";
    expect(safeKeySegment(long1)).toHaveLength(64);
    expect(safeKeySegment(long1)).not.toBe(safeKeySegment(long2));
    expect(safeKeySegment(long1, 128).length).toBeLessThanOrEqual(128);
  });

  it("never returns an empty, dot-only or slash-containing segment", () => {
    for (const input of ["", ".", "..", "///", "   ", "-", "\u0000"]) {
      const out = safeKeySegment(input);
      expect(out.length).toBeGreaterThan(0);
      expect(out).not.toMatch(/^\.+$/);
      expect(out).not.toContain("/");
    }
  });
});
