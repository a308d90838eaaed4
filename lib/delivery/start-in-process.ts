import "server-only";
import { getDatabase } from "@/lib/platform/db/client";
import { getServerConfig } from "@/lib/platform/runtime/server-config";
import { runtimeSlot } from "@/lib/platform/runtime/container";
import { readDeliveryEnv } from "./delivery-env";
import { releaseAllLeases } from "./queue-store";
import { startDeliveryWorkers, type DeliveryWorkerOptions, type DeliveryWorkers } from "./worker";

export { notifyWorkAvailable } from "./work-signal";

// The app delivers from its own server process: no separate worker to deploy. Several app
// instances on one PostgreSQL each run workers; leases keep them from writing the same row at once.

// In the runtime container: instrumentation and route handlers are separate module graphs.
const workers = runtimeSlot<{ started?: Promise<DeliveryWorkers | null> }>("delivery.workers", () => ({}));

// A stuck stop (a database that no longer answers) must not keep a terminating container alive.
const FORCED_EXIT_MS = 25_000;

export type DeliveryStartOptions = {
  handleSignals?: boolean;
  /** False: this process does not deliver (BROADCAST_ROLE=ingest or web). */
  deliver?: boolean;
  putObject?: DeliveryWorkerOptions["putObject"];
};

/**
 * Starts this process's delivery workers once (safe to call from several module graphs) and, unless
 * told otherwise, stops them gracefully on SIGTERM/SIGINT before the process exits.
 */
export function ensureDeliveryWorkersStarted(opts: DeliveryStartOptions = {}): Promise<DeliveryWorkers | null> {
  const slot = workers.get();
  slot.started ??= start(opts).catch((error) => {
    slot.started = undefined;
    throw error;
  });
  return slot.started;
}

async function start(opts: DeliveryStartOptions): Promise<DeliveryWorkers | null> {
  const env = readDeliveryEnv();
  if (opts.deliver === false) {
    console.log("[broadcast] delivery: off in this process (its BROADCAST_ROLE does not deliver)");
    return null;
  }
  if (env.concurrency === 0) {
    console.log("[broadcast] delivery: BROADCAST_DELIVERY_CONCURRENCY=0, this process does not deliver");
    return null;
  }
  const config = getServerConfig();
  const database = await getDatabase();
  if (database.target.kind === "pglite") await releaseAllLeases(database.prisma);
  const workers = startDeliveryWorkers({
    prisma: database.prisma,
    config,
    concurrency: env.concurrency,
    retryPolicy: { horizonMs: env.retryHorizonMs },
    ...(opts.putObject && { putObject: opts.putObject }),
  });
  if (opts.handleSignals ?? true) installSignalHandlers(workers, () => database.close());
  console.log(`[broadcast] delivery: ${env.concurrency} parallel writes (worker ${workers.workerId})`);
  return workers;
}

function installSignalHandlers(workers: DeliveryWorkers, closeDatabase: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log(`[broadcast] ${signal}: finishing the deliveries in flight, then exiting`);
      setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
      void workers
        .stop()
        .then(closeDatabase)
        .catch((error) => console.error(`[broadcast] delivery shutdown: ${(error as Error).message}`))
        .finally(() => process.exit(signal === "SIGTERM" ? 143 : 130));
    });
  }
}
