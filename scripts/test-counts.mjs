// Turns the JSON reports of vitest and Playwright into pass/fail counts for scripts/test.mjs.
// Kept apart from the runner so the rules below have unit tests (scripts/test-counts.test.ts).

// A test that passed only on retry is a bug (CONTRIBUTING): it counts as failed, and is named.

/** @param {any} report vitest's `--reporter=json` output */
export function countVitest(report) {
  // vitest keeps the errors of earlier attempts on a test that passed on retry.
  const flaky = (report?.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((t) => t.status === "passed" && (t.failureMessages?.length ?? 0) > 0)
      .map((t) => `${file.name ? `${file.name.split("/").slice(-2).join("/")} > ` : ""}${t.fullName ?? t.title}`),
  );
  return {
    passed: (report?.numPassedTests ?? 0) - flaky.length,
    failed: (report?.numFailedTests ?? 0) + flaky.length,
    skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
    flaky,
  };
}

/** @param {any} suite a Playwright json reporter suite; yields "file > title" of every flaky test */
function flakyPlaywrightTests(suite, file = suite?.file) {
  const own = (suite?.specs ?? []).flatMap((spec) =>
    (spec.tests ?? []).filter((t) => t.status === "flaky").map(() => `${spec.file ?? file} > ${spec.title}`),
  );
  return [...own, ...(suite?.suites ?? []).flatMap((child) => flakyPlaywrightTests(child, file))];
}

/** @param {any} report Playwright's json reporter output */
export function countPlaywright(report) {
  const stats = report?.stats ?? {};
  const flaky = (report?.suites ?? []).flatMap((suite) => flakyPlaywrightTests(suite));
  // Playwright's "flaky" = failed first, passed on retry: a failure here.
  const flakyCount = Math.max(stats.flaky ?? 0, flaky.length);
  return {
    passed: stats.expected ?? 0,
    failed: (stats.unexpected ?? 0) + flakyCount,
    skipped: stats.skipped ?? 0,
    flaky,
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

/** @param {{ passed: number, failed: number, flaky?: string[] }} totals */
export function formatSummary({ passed, failed, flaky = [] }) {
  const line = `ALL: ${passed} passed, ${failed} failed`;
  if (flaky.length === 0) return line;
  return `${line} (${flaky.length} of them passed only on retry)\n${flaky.map((name) => `PASSED ONLY ON RETRY (a bug): ${name}`).join("\n")}`;
}
