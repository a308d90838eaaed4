import { describe, expect, it } from "vitest";
import { countBatchRows, decideWindow, maxBatchBytes } from "./batch-window";

const MB = 1024 * 1024;
const limits = { maxSeconds: 60, maxMb: 16 };
const opened = new Date("2026-12-01T10:00:00Z");
const at = (seconds: number) => new Date(opened.getTime() + seconds * 1000);

describe("decideWindow", () => {
  it("stays open until maxSeconds after the oldest trace, and says when it closes", () => {
    expect(decideWindow({ oldestAt: opened, bytes: 100 }, limits, at(59.999))).toEqual({ close: false, closesAt: at(60) });
  });

  it("closes on time at exactly maxSeconds", () => {
    expect(decideWindow({ oldestAt: opened, bytes: 100 }, limits, at(60))).toEqual({ close: true, reason: "time" });
    expect(decideWindow({ oldestAt: opened, bytes: 100 }, limits, at(900))).toEqual({ close: true, reason: "time" });
  });

  it("closes on size as soon as the uncompressed bytes reach maxMb, whatever the time", () => {
    expect(decideWindow({ oldestAt: opened, bytes: 16 * MB }, limits, at(1))).toEqual({ close: true, reason: "size" });
    expect(decideWindow({ oldestAt: opened, bytes: 16 * MB - 1 }, limits, at(1))).toMatchObject({ close: false });
  });

  it("size wins when both hold", () => {
    expect(decideWindow({ oldestAt: opened, bytes: 20 * MB }, limits, at(61))).toEqual({ close: true, reason: "size" });
  });

  it("uses the destination's own limits", () => {
    const small = { maxSeconds: 10, maxMb: 1 };
    expect(decideWindow({ oldestAt: opened, bytes: 10 }, small, at(10))).toEqual({ close: true, reason: "time" });
    expect(decideWindow({ oldestAt: opened, bytes: MB }, small, at(0))).toEqual({ close: true, reason: "size" });
    expect(maxBatchBytes({ maxSeconds: 10, maxMb: 128 })).toBe(128 * MB);
  });
});

describe("countBatchRows", () => {
  it("takes every row when they fit", () => {
    expect(countBatchRows([MB, MB, MB], { maxSeconds: 60, maxMb: 3 })).toBe(3);
    expect(countBatchRows([], limits)).toBe(0);
  });

  it("stops before the row that would pass the limit", () => {
    expect(countBatchRows([MB, MB, MB + 1, MB], { maxSeconds: 60, maxMb: 3 })).toBe(2);
  });

  it("gives an oversized single trace a file of its own", () => {
    expect(countBatchRows([5 * MB, 10], { maxSeconds: 60, maxMb: 1 })).toBe(1);
  });
});
