import { DEFAULT_RETRY_POLICY } from "../core/delivery/retry-policy";

// The delivery engine's environment variables, read once at start-up; a bad value stops the
// server with one clear message instead of misbehaving later. (BROADCAST_MAX_BACKLOG belongs to
// ingest and is read by lib/platform/runtime/server-config.ts.)

export type DeliveryEnv = {
  /** Parallel PutObjects in this process; 0 = this process does not deliver (another one does). */
  concurrency: number;
  /** Dead-letter a delivery this long after it was accepted (or replayed). */
  retryHorizonMs: number;
};

export const DEFAULT_CONCURRENCY = 16;
// The S3 client's socket pool holds 64 connections; more parallel writes would only queue there.
export const MAX_CONCURRENCY = 64;
const MAX_HORIZON_HOURS = 720;

type Env = Record<string, string | undefined>;

export function readDeliveryEnv(env: Env = process.env): DeliveryEnv {
  return {
    concurrency: readConcurrency(env),
    retryHorizonMs: readHorizonHours(env) * 3_600_000,
  };
}

function readConcurrency(env: Env): number {
  const name = "BROADCAST_DELIVERY_CONCURRENCY";
  const value = env[name]?.trim();
  if (!value) return DEFAULT_CONCURRENCY;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > MAX_CONCURRENCY) {
    throw new Error(`${name} must be a whole number from 0 to ${MAX_CONCURRENCY}; got "${value}".`);
  }
  return n;
}

function readHorizonHours(env: Env): number {
  const name = "BROADCAST_RETRY_HORIZON_HOURS";
  const value = env[name]?.trim();
  if (!value) return DEFAULT_RETRY_POLICY.horizonMs / 3_600_000;
  const n = Number(value);
  // Beyond 30 days the backlog of a dead bucket would only grow; the user can replay dead letters.
  if (!Number.isFinite(n) || n <= 0 || n > MAX_HORIZON_HOURS) {
    throw new Error(`${name} must be a number of hours above 0 and at most ${MAX_HORIZON_HOURS}; got "${value}".`);
  }
  return n;
}
