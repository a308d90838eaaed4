// Operability settings, read once at start-up like the other *-env modules; a bad value stops the
// server with one clear message.

export type OpsEnv = {
  /** Bearer token GET /metrics requires; null = open (bind the port privately). */
  metricsToken: string | null;
  /** SIGTERM: how long commits and writes in flight may take before the process exits anyway. */
  shutdownTimeoutMs: number;
};

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
const MAX_SHUTDOWN_TIMEOUT_MS = 10 * 60_000;

type Env = Record<string, string | undefined>;

export function readOpsEnv(env: Env = process.env): OpsEnv {
  const token = env.BROADCAST_METRICS_TOKEN?.trim() || null;
  if (token !== null && token.length < 16) {
    throw new Error("BROADCAST_METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`).");
  }
  const raw = env.BROADCAST_SHUTDOWN_TIMEOUT_MS?.trim();
  const timeout = raw ? Number(raw) : DEFAULT_SHUTDOWN_TIMEOUT_MS;
  if (!/^\d+$/.test(raw ?? "0") || timeout < 1_000 || timeout > MAX_SHUTDOWN_TIMEOUT_MS) {
    throw new Error(`BROADCAST_SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 1000 to ${MAX_SHUTDOWN_TIMEOUT_MS}; got "${raw}".`);
  }
  return { metricsToken: token, shutdownTimeoutMs: timeout };
}
