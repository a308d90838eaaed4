import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { getMetrics, type BroadcastMetrics } from "@/lib/platform/metrics/registry";

// The queue's state as gauges, read from the database at scrape time so every instance on a shared
// PostgreSQL reports the same truth (a counter kept in memory would only know this process's part).

type GaugeRow = { id: string; pause_code: string | null; paused: boolean; pending: bigint | number; oldest_age: number | string | null };

export async function refreshDeliveryGauges(prisma: PrismaClient, metrics: BroadcastMetrics = getMetrics()): Promise<void> {
  let rows: GaugeRow[];
  try {
    rows = await prisma.$queryRaw<GaugeRow[]>`
      SELECT dest.id, dest.pause_code, dest.paused_at IS NOT NULL AS paused,
             count(d.id) AS pending,
             EXTRACT(EPOCH FROM now() - min(d.created_at)) AS oldest_age
      FROM destinations dest
      LEFT JOIN deliveries d ON d.destination_id = dest.id AND d.status = 'pending'
      GROUP BY dest.id, dest.pause_code, dest.paused_at`;
  } catch {
    // Keep the last known values: Prometheus then still shows the backlog that built up before.
    metrics.databaseUp.set(0);
    return;
  }
  metrics.databaseUp.set(1);
  metrics.backlog.reset();
  metrics.oldestPendingAge.reset();
  metrics.destinationPaused.reset();
  for (const row of rows) {
    const destination_id = row.id;
    metrics.backlog.set({ destination_id }, Number(row.pending));
    metrics.oldestPendingAge.set({ destination_id }, row.oldest_age === null ? 0 : Math.max(0, Number(row.oldest_age)));
    if (row.paused) metrics.destinationPaused.set({ destination_id, reason: row.pause_code ?? "unknown" }, 1);
  }
}
