import { describe, expect, it } from "vitest";
import { countPlaywright, countVitest, formatSummary, judgeTestStep } from "./test-counts.mjs";

describe("countVitest", () => {
  it("reads passed, failed and skipped (pending + todo)", () => {
    expect(countVitest({ numPassedTests: 7, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 })).toEqual({ passed: 7, failed: 1, skipped: 3 });
  });
  it("treats a missing report as zero", () => {
    expect(countVitest(undefined)).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });
});

describe("countPlaywright", () => {
  it("counts flaky tests as passed and unexpected as failed", () => {
    expect(countPlaywright({ stats: { expected: 3, flaky: 1, unexpected: 2, skipped: 4 } })).toEqual({ passed: 4, failed: 2, skipped: 4 });
  });
});

describe("judgeTestStep", () => {
  const counts = (passed: number, failed: number) => ({ passed, failed, skipped: 0 });
  it("passes a clean run", () => {
    expect(judgeTestStep({ exitCode: 0, counts: counts(5, 0) })).toEqual({ ok: true, passed: 5, failed: 0, reason: null });
  });
  it("fails on failed tests, keeping their number", () => {
    expect(judgeTestStep({ exitCode: 1, counts: counts(5, 3) })).toMatchObject({ ok: false, failed: 3 });
  });
  it("counts a crash without failed tests as one failure", () => {
    expect(judgeTestStep({ exitCode: 1, counts: null })).toMatchObject({ ok: false, failed: 1, reason: "exited with 1" });
    expect(judgeTestStep({ exitCode: null, counts: counts(2, 0) })).toMatchObject({ ok: false, passed: 2, failed: 1 });
  });
  it("fails a run where no test passed, even with exit code 0", () => {
    expect(judgeTestStep({ exitCode: 0, counts: counts(0, 0) })).toMatchObject({ ok: false, failed: 1 });
  });
  it("fails failed tests even when the exit code says 0", () => {
    expect(judgeTestStep({ exitCode: 0, counts: counts(4, 1) })).toMatchObject({ ok: false, failed: 1 });
  });
});

describe("formatSummary", () => {
  it("prints the closing line", () => {
    expect(formatSummary({ passed: 123, failed: 0 })).toBe("ALL: 123 passed, 0 failed");
  });
});
