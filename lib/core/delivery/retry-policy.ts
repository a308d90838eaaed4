// When a failed delivery is tried again. Pure: the worker passes the clock and the random source.
//
// Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
// wait a uniformly random time in [0, min(cap, base × factor^(n-1))] after the n-th failure. The
// jitter spreads the retries of a backlog that failed together, so a recovering bucket is not hit by
// the whole backlog in the same instant.
//
// The horizon counts from the delivery's createdAt (reset by a replay). The last attempt is placed
// at the horizon itself; a failure at or after it turns the delivery into a dead letter.

export type RetryPolicy = {
  baseMs: number;
  factor: number;
  /** Longest single wait. */
  capMs: number;
  /** Give up this long after the delivery was created. */
  horizonMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 1_000,
  factor: 2,
  capMs: 5 * 60_000,
  horizonMs: 24 * 60 * 60_000,
};

export type RetryPlan = { kind: "retry"; delayMs: number; nextAttemptAt: Date } | { kind: "dead" };

/** Upper bound of the wait after `failures` failed attempts (1 = after the first failure). */
export function backoffCeilingMs(policy: RetryPolicy, failures: number): number {
  // Clamping the exponent keeps factor^n finite for absurd attempt counts.
  const exponent = Math.min(Math.max(failures, 1) - 1, 64);
  return Math.min(policy.capMs, policy.baseMs * policy.factor ** exponent);
}

/** `random` returns a number in [0, 1), like Math.random. */
export function retryDelayMs(policy: RetryPolicy, failures: number, random: () => number = Math.random): number {
  return Math.floor(random() * backoffCeilingMs(policy, failures));
}

export function planRetry(
  policy: RetryPolicy,
  delivery: { attempts: number; createdAt: Date },
  now: Date,
  random: () => number = Math.random,
): RetryPlan {
  const deadline = delivery.createdAt.getTime() + policy.horizonMs;
  if (now.getTime() >= deadline) return { kind: "dead" };
  const next = Math.min(now.getTime() + retryDelayMs(policy, delivery.attempts, random), deadline);
  return { kind: "retry", delayMs: next - now.getTime(), nextAttemptAt: new Date(next) };
}

export function retryPolicyWith(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`retry policy: ${name} must be a non-negative number`);
  }
  if (policy.factor < 1) throw new RangeError("retry policy: factor must be at least 1");
  return policy;
}
