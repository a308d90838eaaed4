import "server-only";
import { getDatabase } from "@/lib/platform/db/client";
import { getLogger } from "@/lib/platform/logging/logger";
import { runtimeSlot } from "@/lib/platform/runtime/container";
import { readOpsEnv } from "@/lib/platform/runtime/ops-env";
import { getServerConfig } from "@/lib/platform/runtime/server-config";
import { installShutdownHandlers, onShutdown } from "@/lib/platform/runtime/shutdown";
import { readDeliveryEnv } from "./delivery-env";
import { releaseAllLeases } from "./queue-store";
import { startDeliveryWorkers, type DeliveryWorkerOptions, type DeliveryWorkers } from "./worker";

export { notifyWorkAvailable } from "./work-signal";

// The app delivers from its own server process: no separate worker to deploy. Several app
// instances on one PostgreSQL each run workers; leases keep them from writing the same row at once.

/** What readiness reports: disabled means BROADCAST_DELIVERY_CONCURRENCY=0 (another process delivers). */
export type DeliveryWorkerState = "not-started" | "starting" | "running" | "disabled" | "stopping" | "failed";

// In the runtime container: instrumentation and route handlers are separate module graphs.
const workers = runtimeSlot<{ started?: Promise<DeliveryWorkers | null>; state?: DeliveryWorkerState }>("delivery.workers", () => ({}));

// What the workers get of the shutdown budget; the rest records their results and closes the database.
const STOP_RESERVE_MS = 2_500;

export function deliveryWorkerState(): DeliveryWorkerState {
  return workers.get().state ?? "not-started";
}

export type DeliveryStartOptions = {
  handleSignals?: boolean;
  /** False: this process does not deliver (BROADCAST_ROLE=ingest or web). */
  deliver?: boolean;
  putObject?: DeliveryWorkerOptions["putObject"];
};

/**
 * Starts this process's delivery workers once (safe to call from several module graphs) and, unless
 * told otherwise, shuts the process down gracefully on SIGTERM/SIGINT (lib/platform/runtime/shutdown.ts).
 */
export function ensureDeliveryWorkersStarted(opts: DeliveryStartOptions = {}): Promise<DeliveryWorkers | null> {
  const slot = workers.get();
  if (!slot.started) slot.state = "starting";
  slot.started ??= start(opts).catch((error) => {
    slot.started = undefined;
    slot.state = "failed";
    throw error;
  });
  return slot.started;
}

async function start(opts: DeliveryStartOptions): Promise<DeliveryWorkers | null> {
  const handleSignals = opts.handleSignals ?? true;
  const log = getLogger().child({ module: "delivery" });
  const env = readDeliveryEnv();
  const { shutdownTimeoutMs } = readOpsEnv();
  const database = await getDatabase();
  let started: DeliveryWorkers | null = null;
  if (opts.deliver === false) {
    log.info("delivery is off in this process (its BROADCAST_ROLE does not deliver)");
  } else if (env.concurrency === 0) {
    log.info("BROADCAST_DELIVERY_CONCURRENCY=0, this process does not deliver");
  } else {
    const config = getServerConfig();
    if (database.target.kind === "pglite") await releaseAllLeases(database.prisma);
    started = startDeliveryWorkers({
      prisma: database.prisma,
      config,
      concurrency: env.concurrency,
      retryPolicy: { horizonMs: env.retryHorizonMs },
      stopTimeoutMs: Math.max(500, shutdownTimeoutMs - STOP_RESERVE_MS),
      ...(opts.putObject && { putObject: opts.putObject }),
    });
    log.info({ concurrency: env.concurrency, workerId: started.workerId }, "delivery workers started");
  }
  const slot = workers.get();
  slot.state = started ? "running" : "disabled";
  if (handleSignals) {
    onShutdown("delivery workers", async () => {
      slot.state = "stopping";
      await started?.stop();
    });
    onShutdown("database", () => database.close());
    installShutdownHandlers({ timeoutMs: shutdownTimeoutMs });
  }
  return started;
}
