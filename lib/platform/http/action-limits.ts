import { runtimeSlot } from "@/lib/platform/runtime/container";
import { RateLimiter } from "./rate-limiter";

// Per-process limits on the expensive or guessable server actions. Sign-in attempts are limited per
// email (slows guessing one account's password whatever the source address) and per client address;
// connection tests per user (each one makes this server contact an address the user chose).

type Limits = { signInByEmail: RateLimiter; signInByAddress: RateLimiter; connectionTest: RateLimiter };

const limits = runtimeSlot<Limits>("action-limits", () => ({
  // 5 attempts at once, then one every 12 s.
  signInByEmail: new RateLimiter(1 / 12, 5),
  signInByAddress: new RateLimiter(1 / 3, 20),
  // 30 tests at once, then one every 2 s: plenty for a person, too slow to scan a network with.
  connectionTest: new RateLimiter(1 / 2, 30),
}));

export function actionLimits(): Limits {
  return limits.get();
}

export function tooManyMessage(retryAfterSeconds: number): string {
  return `Too many attempts. Try again in ${retryAfterSeconds} s.`;
}

/** The client's address as the nearest proxy reported it; only a rate-limit key, never trusted for auth. */
export function clientAddress(requestHeaders: Headers): string {
  return requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || requestHeaders.get("x-real-ip") || "unknown";
}
