// Turns the JSON reports of vitest and Playwright into pass/fail counts for scripts/test.mjs.
// Kept apart from the runner so the rules below have unit tests (scripts/test-counts.test.ts).

/** @param {any} report vitest's `--reporter=json` output */
export function countVitest(report) {
  return {
    passed: report?.numPassedTests ?? 0,
    failed: report?.numFailedTests ?? 0,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
  };
}

/** @param {any} report Playwright's json reporter output */
export function countPlaywright(report) {
  const stats = report?.stats ?? {};
  return {
    // flaky = failed first, passed on retry: counted as passed, shown separately by Playwright.
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: stats.unexpected ?? 0,
    skipped: stats.skipped ?? 0,
  };
}

/**
 * Whether a test step passed, and how many failures it adds to the total. A step that exits non-zero
 * without a failed test (a crash, a global setup error, a file that does not load), or that runs
 * no test at all, adds one failure: the closing line must never read "0 failed" on a red run.
 * @param {{ exitCode: number | null, counts: { passed: number, failed: number, skipped: number } | null }} step
 */
export function judgeTestStep({ exitCode, counts }) {
  const passed = counts?.passed ?? 0;
  const failed = counts?.failed ?? 0;
  if (exitCode === 0 && failed === 0 && passed > 0) return { ok: true, passed, failed: 0, reason: null };
  const reason =
    failed > 0 ? `${failed} failed` : exitCode !== 0 ? `exited with ${exitCode ?? "a signal"}` : "no test passed (zero tests ran, or all were skipped)";
  return { ok: false, passed, failed: Math.max(failed, 1), reason };
}

/** @param {{ passed: number, failed: number }} totals */
export function formatSummary({ passed, failed }) {
  return `ALL: ${passed} passed, ${failed} failed`;
}
