import { runtimeSlot } from "@/lib/platform/runtime/container";
import { MemoryLimiter } from "./memory-limiter";

// Per-process limits on the expensive or guessable server actions. Sign-in attempts are limited per
// email (slows guessing one account's password whatever the source address) and per client address
// (lib/platform/http/client-address.ts: forwarded headers count only from trusted proxies);
// connection tests per user (each one makes this server contact an address the user chose).

type Limits = { signInByEmail: MemoryLimiter; signInByAddress: MemoryLimiter; connectionTest: MemoryLimiter; failedKeyByAddress: MemoryLimiter };

const limits = runtimeSlot<Limits>("action-limits", () => ({
  signInByEmail: new MemoryLimiter(5, 60),
  signInByAddress: new MemoryLimiter(20, 60),
  // Plenty for a person, too slow to scan a network with.
  connectionTest: new MemoryLimiter(30, 60),
  // Ingest calls with an unknown or revoked key, per address: past 20 a minute the address is refused
  // before any database lookup until its window ends.
  failedKeyByAddress: new MemoryLimiter(20, 60),
}));

export function actionLimits(): Limits {
  return limits.get();
}

export function tooManyMessage(retryAfterSeconds: number): string {
  return `Too many attempts. Try again in ${retryAfterSeconds} s.`;
}

export { clientAddress } from "./client-address";
