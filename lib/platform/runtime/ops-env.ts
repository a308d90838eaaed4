import { getEnv, type Env } from "@/lib/platform/env/env";

// Operability settings, from the env schema (lib/platform/env), which validates them at start-up.

export type OpsEnv = {
  /** Bearer token GET /metrics requires; null = open (bind the port privately). */
  metricsToken: string | null;
  /** SIGTERM: how long commits and writes in flight may take before the process exits anyway. */
  shutdownTimeoutMs: number;
};

export function readOpsEnv(env: Env = getEnv()): OpsEnv {
  return { metricsToken: env.BROADCAST_METRICS_TOKEN, shutdownTimeoutMs: env.BROADCAST_SHUTDOWN_TIMEOUT_MS };
}
