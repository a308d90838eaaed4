import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimitDecision } from "./rate-limiter";

// A fixed-window limiter (rate-limiter-flexible, in memory, per process) for keys an attacker can
// choose: addresses, emails. Each key expires when its window ends, so the memory held is bounded by
// the keys seen in one window, unlike a map of buckets that never shrinks.

export class MemoryLimiter {
  private readonly limiter: RateLimiterMemory;

  /** `points` per `durationSeconds`; past them a key is refused for `blockSeconds` (default: the rest of its window). */
  constructor(points: number, durationSeconds: number, blockSeconds = 0) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSeconds, blockDuration: blockSeconds });
  }

  /** Spends one point. */
  async take(key: string): Promise<RateLimitDecision> {
    try {
      await this.limiter.consume(key);
      return { allowed: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return refused(refusal);
      throw refusal;
    }
  }

  /** Whether `key` has no point left, without spending one. */
  async peek(key: string): Promise<RateLimitDecision> {
    const state = await this.limiter.get(key);
    return state && state.remainingPoints <= 0 ? refused(state) : { allowed: true };
  }
}

function refused(state: RateLimiterRes): RateLimitDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
}
