// When a batched destination's open window becomes a file. Pure: the sealer passes the clock and
// what is waiting; the same rules are unit-tested here and documented in docs/delivery.md.
//
// A window opens with the oldest trace not yet in a batch (per destination and rendered folder) and
// closes `maxSeconds` later, or as soon as what waits reaches `maxMb` uncompressed, whichever is first.

export const BATCH_SECONDS = { min: 10, max: 900, default: 60 } as const;
export const BATCH_MB = { min: 1, max: 128, default: 16 } as const;

const MB = 1024 * 1024;

export type BatchLimits = { maxSeconds: number; maxMb: number };
export type OpenWindow = { oldestAt: Date; bytes: number };

export type WindowDecision = { close: true; reason: "time" | "size" } | { close: false; closesAt: Date };

export function maxBatchBytes(limits: BatchLimits): number {
  return Math.max(1, limits.maxMb) * MB;
}

export function decideWindow(window: OpenWindow, limits: BatchLimits, now: Date): WindowDecision {
  if (window.bytes >= maxBatchBytes(limits)) return { close: true, reason: "size" };
  const closesAt = new Date(window.oldestAt.getTime() + Math.max(0, limits.maxSeconds) * 1000);
  if (now.getTime() >= closesAt.getTime()) return { close: true, reason: "time" };
  return { close: false, closesAt };
}

/**
 * How many of `sizes` (oldest first) go into the next file: as many as fit in the size limit, and
 * always at least one, so a single trace larger than the limit still gets a file of its own.
 */
export function countBatchRows(sizes: readonly number[], limits: BatchLimits): number {
  const limit = maxBatchBytes(limits);
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    total += sizes[i] as number;
    if (total > limit) return Math.max(1, i);
  }
  return sizes.length;
}
