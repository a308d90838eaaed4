// Types for test-counts.mjs (plain JavaScript so `node scripts/test.mjs` runs without a loader).
export type Counts = { passed: number; failed: number; skipped: number; flaky?: string[] };
export function countVitest(report: unknown): Counts;
export function countPlaywright(report: unknown): Counts;
export function judgeTestStep(step: { exitCode: number | null; counts: Counts | null }): {
  ok: boolean;
  passed: number;
  failed: number;
  reason: string | null;
};
export function formatSummary(totals: { passed: number; failed: number; flaky?: string[] }): string;
