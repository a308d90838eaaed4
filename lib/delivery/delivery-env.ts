import { getEnv, type Env } from "@/lib/platform/env/env";

// The delivery engine's settings, from the env schema (lib/platform/env), which validates them at
// start-up with one clear message. (BROADCAST_MAX_BACKLOG belongs to ingest: server-config.ts.)

export type DeliveryEnv = {
  /** Parallel PutObjects in this process; 0 = this process does not deliver (another one does). */
  concurrency: number;
  /** Dead-letter a delivery this long after it was accepted (or replayed). */
  retryHorizonMs: number;
};

export { DEFAULT_DELIVERY_CONCURRENCY as DEFAULT_CONCURRENCY, MAX_DELIVERY_CONCURRENCY as MAX_CONCURRENCY } from "@/lib/platform/env/env";

export function readDeliveryEnv(env: Env = getEnv()): DeliveryEnv {
  return {
    concurrency: env.BROADCAST_DELIVERY_CONCURRENCY,
    retryHorizonMs: env.BROADCAST_RETRY_HORIZON_HOURS * 3_600_000,
  };
}
