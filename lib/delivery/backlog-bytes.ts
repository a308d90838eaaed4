import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";

// The backlog bound in bytes (BROADCAST_MAX_BACKLOG_BYTES), beside the row bound in enqueue.ts: a
// backlog of few but large traces fills the disk long before it reaches the row limit. Counted as
// the stored size of the trace bodies still waiting for a delivery (pg_column_size: after
// PostgreSQL's compression, read from the value's header without unpacking it), at most once a
// second like the row count; between counts a burst may overshoot by about a second's worth.

export async function backlogBytes(prisma: PrismaClient): Promise<number> {
  const rows = await prisma.$queryRaw<{ bytes: bigint | number | null }[]>`
    SELECT COALESCE(SUM(pg_column_size(t.event)), 0) AS bytes FROM traces t
    WHERE EXISTS (SELECT 1 FROM deliveries d WHERE d.trace_id = t.id AND d.status = 'pending')`;
  return Number(rows[0]?.bytes ?? 0);
}

const CACHE_MS = 1_000;
const cache = new WeakMap<PrismaClient, { value: number; at: number; refreshing: Promise<number> | null }>();

/** True when the waiting trace bodies take `maxBytes` or more; 0 turns the byte bound off. */
export async function isBacklogOverBytes(prisma: PrismaClient, maxBytes: number): Promise<boolean> {
  if (maxBytes <= 0) return false;
  let entry = cache.get(prisma);
  if (!entry) {
    entry = { value: 0, at: 0, refreshing: null };
    cache.set(prisma, entry);
  }
  if (Date.now() - entry.at < CACHE_MS) return entry.value >= maxBytes;
  const current = entry;
  current.refreshing ??= backlogBytes(prisma)
    .then((value) => {
      current.value = value;
      current.at = Date.now();
      return value;
    })
    .finally(() => {
      current.refreshing = null;
    });
  return (await current.refreshing) >= maxBytes;
}
