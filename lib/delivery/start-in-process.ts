import "server-only";
import { getDatabase } from "@/lib/platform/db/client";
import { getLogger } from "@/lib/platform/logging/logger";
import { readOpsEnv } from "@/lib/platform/runtime/ops-env";
import { getServerConfig } from "@/lib/platform/runtime/server-config";
import { installShutdownHandlers, onShutdown } from "@/lib/platform/runtime/shutdown";
import { readDeliveryEnv } from "./delivery-env";
import { releaseAllLeases } from "./queue-store";
import { startDeliveryWorkers, type DeliveryWorkers } from "./worker";

export { notifyWorkAvailable } from "./work-signal";

// The app delivers from its own server process: no separate worker to deploy. Several app
// instances on one PostgreSQL each run workers; leases keep them from writing the same row at once.

/** What readiness reports: disabled means BROADCAST_DELIVERY_CONCURRENCY=0 (another process delivers). */
export type DeliveryWorkerState = "not-started" | "starting" | "running" | "disabled" | "stopping" | "failed";

const globalForWorkers = globalThis as unknown as {
  broadcastDeliveryWorkers?: Promise<DeliveryWorkers | null>;
  broadcastDeliveryState?: DeliveryWorkerState;
};

// What the workers get of the shutdown budget; the rest records their results and closes the database.
const STOP_RESERVE_MS = 2_500;

export function deliveryWorkerState(): DeliveryWorkerState {
  return globalForWorkers.broadcastDeliveryState ?? "not-started";
}

/**
 * Starts this process's delivery workers once (safe to call from several module graphs) and, unless
 * told otherwise, shuts the process down gracefully on SIGTERM/SIGINT (lib/platform/runtime/shutdown.ts).
 */
export function ensureDeliveryWorkersStarted(
  opts: { handleSignals?: boolean } = {},
): Promise<DeliveryWorkers | null> {
  if (!globalForWorkers.broadcastDeliveryWorkers) globalForWorkers.broadcastDeliveryState = "starting";
  globalForWorkers.broadcastDeliveryWorkers ??= start(opts.handleSignals ?? true).catch((error) => {
    globalForWorkers.broadcastDeliveryWorkers = undefined;
    globalForWorkers.broadcastDeliveryState = "failed";
    throw error;
  });
  return globalForWorkers.broadcastDeliveryWorkers;
}

async function start(handleSignals: boolean): Promise<DeliveryWorkers | null> {
  const log = getLogger().child({ module: "delivery" });
  const env = readDeliveryEnv();
  const { shutdownTimeoutMs } = readOpsEnv();
  const database = await getDatabase();
  let workers: DeliveryWorkers | null = null;
  if (env.concurrency === 0) {
    log.info("BROADCAST_DELIVERY_CONCURRENCY=0, this process does not deliver");
  } else {
    const config = getServerConfig();
    if (database.target.kind === "pglite") await releaseAllLeases(database.prisma);
    workers = startDeliveryWorkers({
      prisma: database.prisma,
      config,
      concurrency: env.concurrency,
      retryPolicy: { horizonMs: env.retryHorizonMs },
      stopTimeoutMs: Math.max(500, shutdownTimeoutMs - STOP_RESERVE_MS),
    });
    log.info({ concurrency: env.concurrency, workerId: workers.workerId }, "delivery workers started");
  }
  globalForWorkers.broadcastDeliveryState = workers ? "running" : "disabled";
  if (handleSignals) {
    onShutdown("delivery workers", async () => {
      globalForWorkers.broadcastDeliveryState = "stopping";
      await workers?.stop();
    });
    onShutdown("database", () => database.close());
    installShutdownHandlers({ timeoutMs: shutdownTimeoutMs });
  }
  return workers;
}
