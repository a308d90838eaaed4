import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { countBatchRows, decideWindow, maxBatchBytes, type BatchLimits } from "../core/delivery/batch-window";
import { buildBatchObjectKey } from "../core/object-keys/batch-key";

// Sealing batches: the step that makes batched delivery at-least-once. In one transaction a set of
// waiting deliveries (one destination, one rendered folder) gets a batches row with its final key,
// and each delivery gets that batch_id. Only then is the file written, so every attempt, by this
// process or by another after a crash, writes the same key with the same lines in the same order.
// A delivery is in at most one batch (FOR UPDATE SKIP LOCKED, and `batch_id IS NULL` re-checked),
// so a trace is in two files only if its one batch was written twice.

type OpenGroup = {
  destination_id: string;
  folder: string;
  oldest: Date;
  bytes: bigint | number;
  batch_max_seconds: number;
  batch_max_mb: number;
  gzip: boolean;
};

type WaitingRow = { id: string; created_at: Date; size: number };

// A group's rows read per seal, bounding memory when a large backlog waits (the rest is sealed on
// the next round).
const MAX_ROWS_PER_SEAL = 20_000;

/** Seals every window that is due (by time or size); returns the new batches' ids. */
export async function sealDueBatches(prisma: PrismaClient, now: Date = new Date()): Promise<string[]> {
  // next_attempt_at = 'infinity' is every batched row not yet in a batch (enqueue.ts), so this
  // is a range scan of the (status, next_attempt_at) index, however many rows are delivered.
  const groups = await prisma.$queryRaw<OpenGroup[]>`
    SELECT d.destination_id, d.object_key AS folder, min(d.created_at) AS oldest,
           sum(octet_length(t.event::text))::bigint AS bytes,
           dest.batch_max_seconds, dest.batch_max_mb, dest.gzip
    FROM deliveries d
    JOIN traces t ON t.id = d.trace_id
    JOIN destinations dest ON dest.id = d.destination_id
    WHERE d.status = 'pending' AND d.next_attempt_at = 'infinity'::timestamptz AND d.batched AND d.batch_id IS NULL
      AND dest.enabled AND dest.paused_at IS NULL
      AND EXISTS (SELECT 1 FROM settings s WHERE s.id = 1 AND s.broadcast_enabled)
    GROUP BY d.destination_id, d.object_key, dest.batch_max_seconds, dest.batch_max_mb, dest.gzip`;
  const sealed: string[] = [];
  for (const group of groups) {
    const limits = { maxSeconds: group.batch_max_seconds, maxMb: group.batch_max_mb };
    const decision = decideWindow({ oldestAt: group.oldest, bytes: Number(group.bytes) }, limits, now);
    if (!decision.close) continue;
    sealed.push(...(await sealGroup(prisma, group, limits, decision.reason)));
  }
  return sealed;
}

async function sealGroup(prisma: PrismaClient, group: OpenGroup, limits: BatchLimits, reason: "time" | "size"): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<WaitingRow[]>`
      SELECT d.id, d.created_at, octet_length(t.event::text) AS size
      FROM deliveries d JOIN traces t ON t.id = d.trace_id
      WHERE d.destination_id = ${group.destination_id}::uuid AND d.object_key = ${group.folder}
        AND d.status = 'pending' AND d.next_attempt_at = 'infinity'::timestamptz AND d.batched AND d.batch_id IS NULL
      ORDER BY d.created_at, d.id
      LIMIT ${MAX_ROWS_PER_SEAL}::int
      FOR UPDATE OF d SKIP LOCKED`;
    const ids: string[] = [];
    let rest = rows;
    let restBytes = rows.reduce((sum, r) => sum + Number(r.size), 0);
    // Closed by time: everything waiting goes, in files of at most the size limit. Closed by size:
    // only full files; the remainder keeps its window open.
    while (rest.length > 0 && (reason === "time" || restBytes >= maxBatchBytes(limits))) {
      const take = countBatchRows(rest.map((r) => Number(r.size)), limits);
      const chunk = rest.slice(0, take);
      rest = rest.slice(take);
      restBytes -= chunk.reduce((sum, r) => sum + Number(r.size), 0);
      const id = randomUUID();
      const windowStart = (chunk[0] as WaitingRow).created_at;
      const key = buildBatchObjectKey(group.folder, windowStart, id, group.gzip);
      await tx.$executeRaw`
        INSERT INTO batches (id, destination_id, object_key, gzip, trace_count, created_at)
        VALUES (${id}::uuid, ${group.destination_id}::uuid, ${key}, ${group.gzip}, ${chunk.length}::int, ${windowStart}::timestamptz)`;
      await tx.$executeRaw`
        UPDATE deliveries SET batch_id = ${id}::uuid
        WHERE id = ANY(${chunk.map((r) => r.id)}::uuid[]) AND batch_id IS NULL`;
      ids.push(id);
    }
    return ids;
  });
}

export type ClaimedBatch = {
  id: string;
  destinationId: string;
  destinationUpdatedAt: Date;
  objectKey: string;
  gzip: boolean;
  traceCount: number;
  /** Including the attempt this claim starts. */
  attempts: number;
  createdAt: Date;
};

type BatchRow = {
  id: string;
  destination_id: string;
  destination_updated_at: Date;
  object_key: string;
  gzip: boolean;
  trace_count: number;
  attempts: number;
  created_at: Date;
};

/** Leases up to `limit` due batches, like claimDeliveries does for single traces. */
export async function claimBatches(
  prisma: PrismaClient,
  opts: { workerId: string; limit: number; leaseMs: number },
): Promise<ClaimedBatch[]> {
  if (opts.limit <= 0) return [];
  const rows = await prisma.$queryRaw<BatchRow[]>`
    WITH picked AS (
      SELECT b.id FROM batches b JOIN destinations dest ON dest.id = b.destination_id
      WHERE b.status = 'pending' AND b.next_attempt_at <= now()
        AND (b.locked_until IS NULL OR b.locked_until < now())
        AND dest.enabled AND dest.paused_at IS NULL
        AND EXISTS (SELECT 1 FROM settings s WHERE s.id = 1 AND s.broadcast_enabled)
      ORDER BY b.next_attempt_at
      LIMIT ${opts.limit}::int
      FOR UPDATE OF b SKIP LOCKED
    )
    UPDATE batches b
    SET locked_by = ${opts.workerId},
        locked_until = now() + ${opts.leaseMs}::int * interval '1 millisecond',
        attempts = b.attempts + 1,
        last_attempt_at = now()
    FROM picked, destinations dest
    WHERE b.id = picked.id AND dest.id = b.destination_id
    RETURNING b.id, b.destination_id, dest.updated_at AS destination_updated_at, b.object_key, b.gzip,
              b.trace_count, b.attempts, b.created_at`;
  return rows.map((r) => ({
    id: r.id,
    destinationId: r.destination_id,
    destinationUpdatedAt: r.destination_updated_at,
    objectKey: r.object_key,
    gzip: r.gzip,
    traceCount: Number(r.trace_count),
    attempts: Number(r.attempts),
    createdAt: r.created_at,
  }));
}

export type BatchLine = { deliveryId: string; privacyMode: boolean; event: unknown; apiKeyName: string };

/** The batch's traces in their fixed order (acceptance, then id): the same bytes on every attempt. */
export async function loadBatchLines(prisma: PrismaClient, batchId: string): Promise<BatchLine[]> {
  const rows = await prisma.$queryRaw<{ id: string; privacy_mode: boolean; event: unknown; api_key_name: string }[]>`
    SELECT d.id, d.privacy_mode, t.event, t.api_key_name
    FROM deliveries d JOIN traces t ON t.id = d.trace_id
    WHERE d.batch_id = ${batchId}::uuid
    ORDER BY d.created_at, d.id`;
  return rows.map((r) => ({ deliveryId: r.id, privacyMode: r.privacy_mode, event: r.event, apiKeyName: r.api_key_name }));
}
