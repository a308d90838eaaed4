import { describe, expect, it } from "vitest";
import { countPlaywright, countVitest, formatSummary, judgeTestStep } from "./test-counts.mjs";

describe("countVitest", () => {
  it("reads passed, failed and skipped (pending + todo)", () => {
    expect(countVitest({ numPassedTests: 7, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 })).toEqual({ passed: 7, failed: 1, skipped: 3, flaky: [] });
  });
  it("treats a missing report as zero", () => {
    expect(countVitest(undefined)).toEqual({ passed: 0, failed: 0, skipped: 0, flaky: [] });
  });
  it("counts a test that passed only on retry (errors of the failed attempt kept) as failed, by name", () => {
    const report = {
      numPassedTests: 2, numFailedTests: 0,
      testResults: [{ name: "/repo/lib/x/x.test.ts", assertionResults: [
        { status: "passed", fullName: "x steady", failureMessages: [] },
        { status: "passed", fullName: "x wobbly", failureMessages: ["AssertionError: expected 1 to be 2"] },
      ] }],
    };
    expect(countVitest(report)).toEqual({ passed: 1, failed: 1, skipped: 0, flaky: ["x/x.test.ts > x wobbly"] });
  });
});

describe("countPlaywright", () => {
  it("counts flaky tests (passed only on retry) as failed and names them", () => {
    const report = {
      stats: { expected: 3, flaky: 1, unexpected: 2, skipped: 4 },
      suites: [{ file: "a.spec.ts", specs: [{ title: "steady", tests: [{ status: "expected" }] }], suites: [
        { specs: [{ title: "wobbly", file: "a.spec.ts", tests: [{ status: "flaky" }] }] },
      ] }],
    };
    expect(countPlaywright(report)).toEqual({ passed: 3, failed: 3, skipped: 4, flaky: ["a.spec.ts > wobbly"] });
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
  it("names every test that passed only on retry under the closing line", () => {
    expect(formatSummary({ passed: 5, failed: 1, flaky: ["a.spec.ts > wobbly"] })).toBe(
      "ALL: 5 passed, 1 failed (1 of them passed only on retry)\nPASSED ONLY ON RETRY (a bug): a.spec.ts > wobbly",
    );
  });
});
