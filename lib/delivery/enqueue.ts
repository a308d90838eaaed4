import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { NormalizedEvent } from "@/lib/ingest/trace-event-schema";
import { deliveryObjectKey, toStoredEvent } from "./trace-payload";
import { notifyWorkAvailable } from "./work-signal";

export type EnqueueContext = {
  apiKeyName: string;
  now: Date;
  /** Only this destination (if enabled): Send Test Trace must not write to the others. */
  onlyDestinationId?: string;
};
export type EnqueueResult = { traceIds: string[]; deliveries: number };

type TargetRow = { id: string; prefix: string; path_template: string; privacy_mode: boolean };

const NOTHING: EnqueueResult = { traceIds: [], deliveries: 0 };

/**
 * Stores the events and one delivery per event × enabled destination, in one transaction, so a
 * 202 answered after this resolves is backed by committed rows. While Broadcast is off (or no
 * destination is enabled) nothing is written and `traceIds` is empty: there is nowhere to deliver.
 */
export async function enqueueTraces(
  prisma: PrismaClient,
  events: NormalizedEvent[],
  ctx: EnqueueContext,
): Promise<EnqueueResult> {
  if (events.length === 0) return NOTHING;
  const result = await prisma.$transaction(
    async (tx) => {
      // FOR KEY SHARE: a destination deleted meanwhile would fail our inserts' foreign keys; this
      // makes the delete wait instead, without blocking the workers' counter updates on the row.
      const targets = await tx.$queryRaw<TargetRow[]>`
        SELECT d.id, d.prefix, d.path_template, d.privacy_mode
        FROM destinations d
        WHERE d.enabled AND EXISTS (SELECT 1 FROM settings s WHERE s.id = 1 AND s.broadcast_enabled)
          AND (${ctx.onlyDestinationId ?? null}::uuid IS NULL OR d.id = ${ctx.onlyDestinationId ?? null}::uuid)
        ORDER BY d.created_at
        FOR KEY SHARE OF d`;
      if (targets.length === 0) return NOTHING;
      const traces = events.map((event) => ({
        id: randomUUID(),
        event: toStoredEvent(event) as unknown as Prisma.InputJsonValue,
        apiKeyName: ctx.apiKeyName,
        receivedAt: ctx.now,
      }));
      const deliveries = traces.flatMap((trace, i) => {
        const event = events[i] as NormalizedEvent;
        return targets.map((target) => ({
          traceId: trace.id,
          destinationId: target.id,
          objectKey: deliveryObjectKey({ prefix: target.prefix, pathTemplate: target.path_template }, event, ctx.apiKeyName),
          privacyMode: target.privacy_mode,
        }));
      });
      await tx.trace.createMany({ data: traces });
      await tx.delivery.createMany({ data: deliveries });
      return { traceIds: traces.map((t) => t.id), deliveries: deliveries.length };
    },
    // A burst of ingest requests queues for connections; the defaults (2 s / 5 s) would turn that
    // queueing into 500s for traces we could have stored a moment later.
    { maxWait: 15_000, timeout: 30_000 },
  );
  if (result.deliveries > 0) {
    addToCachedBacklog(prisma, result.deliveries);
    notifyWorkAvailable();
  }
  return result;
}

/** Deliveries waiting to be written (including ones being retried or held by a paused destination). */
export async function backlogSize(prisma: PrismaClient): Promise<number> {
  const rows = await prisma.$queryRaw<{ n: bigint | number }[]>`
    SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`;
  return Number(rows[0]?.n ?? 0);
}

// Ingest asks on every request; a count per request would cost more than the insert it guards.
const BACKLOG_CACHE_MS = 1_000;
type CachedCount = { value: number; at: number; refreshing: Promise<number> | null };
const backlogCache = new WeakMap<PrismaClient, CachedCount>();

/** True when the pending backlog has reached `limit`. Counted at most about once a second. */
export async function isBacklogFull(prisma: PrismaClient, limit: number): Promise<boolean> {
  return (await cachedBacklogSize(prisma)) >= limit;
}

async function cachedBacklogSize(prisma: PrismaClient): Promise<number> {
  let entry = backlogCache.get(prisma);
  if (!entry) {
    entry = { value: 0, at: 0, refreshing: null };
    backlogCache.set(prisma, entry);
  }
  if (Date.now() - entry.at < BACKLOG_CACHE_MS) return entry.value;
  const current = entry;
  current.refreshing ??= backlogSize(prisma)
    .then((value) => {
      current.value = value;
      current.at = Date.now();
      return value;
    })
    .finally(() => {
      current.refreshing = null;
    });
  return current.refreshing;
}

// Between counts, our own inserts are added so a burst cannot overshoot the limit by a second's worth.
function addToCachedBacklog(prisma: PrismaClient, added: number): void {
  const entry = backlogCache.get(prisma);
  if (entry) entry.value += added;
}
