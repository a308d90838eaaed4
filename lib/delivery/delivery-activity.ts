import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";

// Writes and failed attempts per destination per minute: counted in memory by the worker and added
// to delivery_activity every couple of seconds (one statement for all destinations), read back as
// the last hour for the chart on each destination card. Several processes add to the same rows.

export type ActivityPoint = { minute: string; written: number; failed: number };

const FLUSH_MS = 2_000;
const KEEP_MINUTES = 120;
export const ACTIVITY_MINUTES = 60;

const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000;

export class ActivityRecorder {
  private counts = new Map<string, { destinationId: string; minute: number; written: number; failed: number }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private flushes = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly log: (message: string, context?: Record<string, unknown>) => void,
  ) {}

  written(destinationId: string, at = Date.now()): void {
    this.entry(destinationId, at).written++;
    this.schedule();
  }

  failed(destinationId: string, at = Date.now()): void {
    this.entry(destinationId, at).failed++;
    this.schedule();
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  private entry(destinationId: string, at: number) {
    const minute = minuteOf(at);
    const key = `${destinationId}@${minute}`;
    let entry = this.counts.get(key);
    if (!entry) this.counts.set(key, (entry = { destinationId, minute, written: 0, failed: 0 }));
    return entry;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, FLUSH_MS);
    this.timer.unref?.();
  }

  private flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.counts.size === 0) return;
    const rows = [...this.counts.values()];
    this.counts = new Map();
    try {
      await addActivity(this.prisma, rows);
      if (++this.flushes % 100 === 1) await pruneActivity(this.prisma);
    } catch (error) {
      // Only the chart loses these counts; a database outage must not grow this map without bound.
      this.log("could not record delivery activity", { err: error, rows: rows.length });
    }
  }
}

async function addActivity(prisma: PrismaClient, rows: { destinationId: string; minute: number; written: number; failed: number }[]): Promise<void> {
  // Joined to destinations: a destination deleted meanwhile must not fail the whole statement.
  await prisma.$executeRaw`
    INSERT INTO delivery_activity (destination_id, minute, written, failed)
    SELECT v.destination_id, v.minute, v.written, v.failed
    FROM unnest(${rows.map((r) => r.destinationId)}::uuid[], ${rows.map((r) => new Date(r.minute).toISOString())}::timestamptz[],
                ${rows.map((r) => r.written)}::int[], ${rows.map((r) => r.failed)}::int[]) AS v(destination_id, minute, written, failed)
    JOIN destinations dest ON dest.id = v.destination_id
    ON CONFLICT (destination_id, minute) DO UPDATE
    SET written = delivery_activity.written + EXCLUDED.written, failed = delivery_activity.failed + EXCLUDED.failed`;
}

async function pruneActivity(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`
    DELETE FROM delivery_activity WHERE minute < now() - ${KEEP_MINUTES}::int * interval '1 minute'`;
}

/** The last hour per destination, one point a minute, oldest first, empty minutes as zeros. */
export async function loadDeliveryActivity(prisma: PrismaClient, now = new Date()): Promise<Record<string, ActivityPoint[]>> {
  const last = minuteOf(now.getTime());
  const first = last - (ACTIVITY_MINUTES - 1) * 60_000;
  const rows = await prisma.$queryRaw<{ destination_id: string; minute: Date; written: number; failed: number }[]>`
    SELECT a.destination_id, a.minute, a.written, a.failed FROM delivery_activity a
    WHERE a.minute >= ${new Date(first).toISOString()}::timestamptz`;
  const byDestination: Record<string, ActivityPoint[]> = {};
  const destinations = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM destinations`;
  for (const { id } of destinations) {
    byDestination[id] = Array.from({ length: ACTIVITY_MINUTES }, (_, i) => ({
      minute: new Date(first + i * 60_000).toISOString(),
      written: 0,
      failed: 0,
    }));
  }
  for (const row of rows) {
    const index = Math.round((row.minute.getTime() - first) / 60_000);
    const point = byDestination[row.destination_id]?.[index];
    if (!point) continue;
    point.written += Number(row.written);
    point.failed += Number(row.failed);
  }
  return byDestination;
}
