import type { RateLimitDecision } from "@/lib/platform/http/rate-limiter";

// The bearer check both ingest handlers share. An address that sent too many unknown or revoked keys
// is refused before the key is even looked up, so guessing keys costs the database nothing; only a
// failed lookup spends from the address's budget.

/** A request's headers, whatever the server: a web `Headers`, or node:http's behind a getter. */
export type HeaderSource = { get(name: string): string | null };

export type FailedKeyGuard = {
  /** The caller's address (lib/platform/http/client-address.ts); undefined when unknown, which skips the guard. */
  addressOf(headers: HeaderSource): string | undefined;
  peek(address: string): Promise<RateLimitDecision>;
  take(address: string): Promise<RateLimitDecision>;
};

export type KeyCheck =
  | { ok: true; key: { id: string; name: string; scope: string | null } }
  | { ok: false; reason: "missing" | "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

type Deps = {
  parseBearer(header: string | null): string | null;
  authenticate(rawKey: string): Promise<{ id: string; name: string; scope: string | null } | null>;
  failedKeys?: FailedKeyGuard;
};

export async function authenticateRequest(headers: HeaderSource, deps: Deps): Promise<KeyCheck> {
  const rawKey = deps.parseBearer(headers.get("authorization"));
  const address = deps.failedKeys?.addressOf(headers);
  if (deps.failedKeys && address !== undefined) {
    const locked = await deps.failedKeys.peek(address);
    if (!locked.allowed) return { ok: false, reason: "locked", retryAfterSeconds: locked.retryAfterSeconds };
  }
  if (!rawKey) return { ok: false, reason: "missing" };
  const key = await deps.authenticate(rawKey);
  if (key) return { ok: true, key };
  if (deps.failedKeys && address !== undefined) await deps.failedKeys.take(address);
  return { ok: false, reason: "invalid" };
}

export function lockedMessage(retryAfterSeconds: number): string {
  return `Too many requests with an unknown or revoked API key from this address. Retry after ${retryAfterSeconds} s.`;
}
