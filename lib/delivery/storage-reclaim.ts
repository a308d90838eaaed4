import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";

// Delivered rows are only kept for the health view (its 10 most recent) and a short debugging
// window; the lifetime counts live on destinations.delivered_count. Deleting in small batches keeps
// each statement short, which matters on the embedded database where every query waits its turn.

export type ReclaimOptions = {
  /** Delivered rows kept per destination regardless of age. */
  keepPerDestination?: number;
  /** Delivered rows younger than this are kept. */
  minAgeMs?: number;
  batchSize?: number;
  /** Upper bound on delete statements per destination per call. */
  maxBatches?: number;
  /**
   * Also look for traces without any delivery anywhere (left behind when a destination was
   * deleted). Costs a scan of traces, so the worker does it only now and then.
   */
  sweepOrphans?: boolean;
};

export type ReclaimResult = { deliveries: number; traces: number };

export async function reclaimStorage(prisma: PrismaClient, opts: ReclaimOptions = {}): Promise<ReclaimResult> {
  const keep = Math.max(1, opts.keepPerDestination ?? 50);
  const minAgeMs = opts.minAgeMs ?? 10 * 60_000;
  const batchSize = opts.batchSize ?? 500;
  const maxBatches = opts.maxBatches ?? 20;
  const result: ReclaimResult = { deliveries: 0, traces: 0 };

  const destinations = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM destinations`;
  for (const { id } of destinations) {
    // Rows strictly older than the keep-th newest: ties with it are kept, so at least `keep`
    // remain even when one batch marked many rows delivered in the same instant.
    const cutoff = await prisma.$queryRaw<{ delivered_at: Date }[]>`
      SELECT delivered_at FROM deliveries
      WHERE destination_id = ${id}::uuid AND status = 'delivered'
      ORDER BY delivered_at DESC
      OFFSET ${keep - 1}::int LIMIT 1`;
    const before = cutoff[0]?.delivered_at;
    if (!before) continue;
    for (let i = 0; i < maxBatches; i++) {
      const gone = await prisma.$queryRaw<{ trace_id: string }[]>`
        DELETE FROM deliveries WHERE id IN (
          SELECT id FROM deliveries
          WHERE destination_id = ${id}::uuid AND status = 'delivered'
            AND delivered_at < ${before}::timestamptz
            AND delivered_at < now() - ${minAgeMs}::int * interval '1 millisecond'
          LIMIT ${batchSize}::int)
        RETURNING trace_id`;
      result.deliveries += gone.length;
      result.traces += await deleteTracesWithoutDeliveries(prisma, [...new Set(gone.map((g) => g.trace_id))]);
      if (gone.length < batchSize) break;
    }
  }

  if (opts.sweepOrphans) {
    for (let i = 0; i < maxBatches; i++) {
      const swept = await prisma.$executeRaw`
        DELETE FROM traces WHERE id IN (
          SELECT t.id FROM traces t
          WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.trace_id = t.id)
          LIMIT ${batchSize}::int)`;
      result.traces += swept;
      if (swept < batchSize) break;
    }
  }
  return result;
}

// Safe without a lock: deliveries are only ever added to a trace in the transaction that creates it.
async function deleteTracesWithoutDeliveries(prisma: PrismaClient, traceIds: string[]): Promise<number> {
  if (traceIds.length === 0) return 0;
  return prisma.$executeRaw`
    DELETE FROM traces t
    WHERE t.id = ANY(${traceIds}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.trace_id = t.id)`;
}

/**
 * Whether the server vacuums and analyzes on its own. PostgreSQL's autovacuum does; the embedded
 * PGlite runs as a single standalone backend without it, so there dead row versions would pile up
 * forever and the planner would never get statistics.
 */
export async function hasAutovacuum(prisma: PrismaClient): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ running: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher') AS running`;
  return rows[0]?.running ?? false;
}

/** What autovacuum would do for the queue's tables: reuse the space of dead rows, refresh statistics. */
export async function vacuumQueueTables(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe("VACUUM (ANALYZE) deliveries, traces");
}

const ORPHAN_SWEEP_EVERY = 10;

/**
 * Storage upkeep in the background of a worker process: reclaim on an interval and, where the
 * database does not vacuum on its own (embedded PGlite), vacuum and analyze after each reclaim.
 */
export class StorageUpkeep {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  private runs = 0;
  private needsVacuum: boolean | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: (message: string, context?: Record<string, unknown>) => void,
  ) {}

  start(everyMs: number): void {
    if (everyMs <= 0) return;
    this.timer = setInterval(() => this.runOnce(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private runOnce(): void {
    if (this.running) return;
    const sweepOrphans = ++this.runs % ORPHAN_SWEEP_EVERY === 0;
    this.running = (async () => {
      await reclaimStorage(this.prisma, { sweepOrphans });
      this.needsVacuum ??= !(await hasAutovacuum(this.prisma));
      if (this.needsVacuum) await vacuumQueueTables(this.prisma);
    })()
      .catch((error) => this.log("storage upkeep failed", { err: error }))
      .finally(() => {
        this.running = null;
      });
  }
}
