import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { notifyWorkAvailable } from "./work-signal";

// The delivery queue's writes, as single SQL statements that run the same on PGlite and PostgreSQL.
//
// A delivery is `pending` until it is written (`delivered`) or given up (`dead`). A worker owns a
// pending row while `locked_until` is in the future (its lease); a crashed worker's rows become
// claimable again when the lease runs out. Every completion is conditional on `locked_by = worker`
// and `status = 'pending'`, so a worker that lost its lease can never overwrite another's result.
//
// Rows of a disabled or paused destination, and all rows while Broadcast is off, stay pending and
// are simply not claimed: they deliver once the destination is enabled / resumed, or Broadcast is on.
//
// Lock order is deliveries first, then destinations, in every statement and transaction here, so
// two of them never wait on each other in a cycle.

export type ClaimedDelivery = {
  id: string;
  traceId: string;
  destinationId: string;
  /** The destination row's version when claimed: credentials older than this are stale. */
  destinationUpdatedAt: Date;
  objectKey: string;
  privacyMode: boolean;
  /** Including the attempt this claim starts. */
  attempts: number;
  createdAt: Date;
  /** traces.event as text: parsed and turned into the trace file by whoever sends it (put-object.ts). */
  eventText: string;
  apiKeyName: string;
};

// Ids reach the public functions below from the UI; a malformed one would fail the ::uuid cast.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

type ClaimRow = {
  id: string;
  trace_id: string;
  destination_id: string;
  destination_updated_at: Date;
  object_key: string;
  privacy_mode: boolean;
  attempts: number;
  created_at: Date;
  event_text: string;
  api_key_name: string;
};

/** Leases up to `limit` due deliveries to `workerId`, oldest due first; rows others hold are skipped. */
export async function claimDeliveries(
  prisma: PrismaClient,
  opts: { workerId: string; limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  // Per destination, then merged: each branch is a range scan of (destination_id, status,
  // next_attempt_at), so the plan stays cheap without table statistics (the embedded database has
  // no autovacuum to gather them) and however large a paused destination's backlog grows. Rows a
  // branch locks beyond the outer LIMIT are released when the statement ends.
  const rows = await prisma.$queryRaw<ClaimRow[]>`
    WITH picked AS (
      SELECT due.id FROM destinations dest
      CROSS JOIN LATERAL (
        SELECT d.id, d.next_attempt_at FROM deliveries d
        WHERE d.destination_id = dest.id AND d.status = 'pending' AND d.next_attempt_at <= now()
          AND (d.locked_until IS NULL OR d.locked_until < now()) AND NOT d.batched
        ORDER BY d.next_attempt_at
        LIMIT ${opts.limit}::int
        FOR UPDATE OF d SKIP LOCKED
      ) due
      WHERE dest.enabled AND dest.paused_at IS NULL
        AND EXISTS (SELECT 1 FROM settings s WHERE s.id = 1 AND s.broadcast_enabled)
      ORDER BY due.next_attempt_at
      LIMIT ${opts.limit}::int
    )
    UPDATE deliveries d
    SET locked_by = ${opts.workerId},
        locked_until = now() + ${opts.leaseMs}::int * interval '1 millisecond',
        attempts = d.attempts + 1,
        last_attempt_at = now()
    FROM picked, traces t, destinations dest
    WHERE d.id = picked.id AND t.id = d.trace_id AND dest.id = d.destination_id
    RETURNING d.id, d.trace_id, d.destination_id, dest.updated_at AS destination_updated_at, d.object_key,
              d.privacy_mode, d.attempts, d.created_at, t.event::text AS event_text, t.api_key_name`;
  return rows.map((r) => ({
    id: r.id,
    traceId: r.trace_id,
    destinationId: r.destination_id,
    destinationUpdatedAt: r.destination_updated_at,
    objectKey: r.object_key,
    privacyMode: r.privacy_mode,
    attempts: Number(r.attempts),
    createdAt: r.created_at,
    eventText: r.event_text,
    apiKeyName: r.api_key_name,
  }));
}

/**
 * Marks written deliveries in one statement and counts them on their destinations in the same
 * statement, so the lifetime counter survives storage reclaim. Returns how many were still ours.
 */
export async function markDelivered(
  prisma: PrismaClient,
  workerId: string,
  items: { id: string; bytes: number }[],
): Promise<number> {
  if (items.length === 0) return 0;
  const rows = await prisma.$queryRaw<{ n: number }[]>`
    WITH done AS (
      UPDATE deliveries d
      SET status = 'delivered', delivered_at = now(), bytes = v.bytes, locked_by = NULL, locked_until = NULL,
          last_error_code = NULL, last_error = NULL
      FROM unnest(${items.map((i) => i.id)}::uuid[], ${items.map((i) => i.bytes)}::int[]) AS v(id, bytes)
      WHERE d.id = v.id AND d.status = 'pending' AND d.locked_by = ${workerId}
      RETURNING d.destination_id
    ), counted AS (
      UPDATE destinations dest
      SET delivered_count = dest.delivered_count + c.n, delivered_files = dest.delivered_files + c.n, last_success_at = now()
      FROM (SELECT destination_id, count(*) AS n FROM done GROUP BY destination_id) c
      WHERE dest.id = c.destination_id
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM done`;
  return Number(rows[0]?.n ?? 0);
}

export type FailedAttempt = {
  id: string;
  /** retry: pending again after `delayMs`; dead: given up (listed as a dead letter). */
  outcome: "retry" | "dead";
  delayMs: number;
  code: string;
  message: string;
};

/** Records failed attempts (retry or dead letter) and the newest error on their destinations. */
export async function recordFailures(prisma: PrismaClient, workerId: string, items: FailedAttempt[]): Promise<number> {
  if (items.length === 0) return 0;
  const rows = await prisma.$queryRaw<{ n: number }[]>`
    WITH v AS (
      SELECT * FROM unnest(
        ${items.map((i) => i.id)}::uuid[], ${items.map((i) => (i.outcome === "dead" ? "dead" : "pending"))}::text[],
        ${items.map((i) => Math.max(0, Math.round(i.delayMs)))}::int[], ${items.map((i) => i.code)}::text[],
        ${items.map((i) => i.message)}::text[]
      ) AS v(id, status, delay_ms, code, message)
    ), failed AS (
      UPDATE deliveries d
      SET status = v.status,
          next_attempt_at = CASE WHEN v.status = 'pending' THEN now() + v.delay_ms * interval '1 millisecond' ELSE d.next_attempt_at END,
          last_error_code = v.code, last_error = v.message, locked_by = NULL, locked_until = NULL
      FROM v
      WHERE d.id = v.id AND d.status = 'pending' AND d.locked_by = ${workerId}
      RETURNING d.destination_id, v.code, v.message
    ), noted AS (
      UPDATE destinations dest
      SET last_error_at = now(), last_error_code = e.code, last_error_message = e.message
      FROM (SELECT DISTINCT ON (destination_id) destination_id, code, message FROM failed) e
      WHERE dest.id = e.destination_id
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM failed`;
  return Number(rows[0]?.n ?? 0);
}

/**
 * Gives leased rows back without counting the attempt: rows claimed but never started (shutdown,
 * lease too short to finish safely) and rows whose destination was just paused.
 */
export async function releaseDeliveries(prisma: PrismaClient, workerId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return prisma.$executeRaw`
    UPDATE deliveries
    SET locked_by = NULL, locked_until = NULL, attempts = GREATEST(attempts - 1, 0)
    WHERE id = ANY(${ids}::uuid[]) AND locked_by = ${workerId} AND status = 'pending'`;
}

/**
 * Frees every lease at start-up of the embedded database, which only one process can open: leases
 * left by a crashed run belong to nobody, and waiting for them to expire would only delay delivery.
 * Never call this on a PostgreSQL that other instances share.
 */
export async function releaseAllLeases(prisma: PrismaClient): Promise<number> {
  await prisma.$executeRaw`
    UPDATE batches SET locked_by = NULL, locked_until = NULL
    WHERE status = 'pending' AND locked_until IS NOT NULL`;
  return prisma.$executeRaw`
    UPDATE deliveries SET locked_by = NULL, locked_until = NULL
    WHERE status = 'pending' AND locked_until IS NOT NULL`;
}

/**
 * Stops deliveries to a destination until it is resumed; its backlog is kept. With
 * `ifUpdatedAt`, only pauses when the destination was not edited since (a failure seen with old
 * credentials must not pause the fixed destination). Returns whether the destination is paused.
 */
export async function pauseDestination(
  prisma: PrismaClient,
  destinationId: string,
  reason: { code: string; message: string },
  ifUpdatedAt: Date | null = null,
): Promise<boolean> {
  if (!isUuid(destinationId)) return false;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE destinations
    SET paused_at = COALESCE(paused_at, now()), pause_code = ${reason.code}, pause_message = ${reason.message},
        last_error_at = now(), last_error_code = ${reason.code}, last_error_message = ${reason.message}
    WHERE id = ${destinationId}::uuid
      AND (${ifUpdatedAt}::timestamptz IS NULL OR updated_at = ${ifUpdatedAt}::timestamptz)
    RETURNING id`;
  return rows.length > 0;
}

/** Clears a pause and makes the destination's whole backlog due now. */
export async function resumeDestination(prisma: PrismaClient, destinationId: string): Promise<boolean> {
  if (!isUuid(destinationId)) return false;
  const [, , resumed] = await prisma.$transaction([
    releaseWaitingDeliveries(prisma, destinationId),
    releaseWaitingBatches(prisma, destinationId),
    prisma.$executeRaw`
      UPDATE destinations SET paused_at = NULL, pause_code = NULL, pause_message = NULL
      WHERE id = ${destinationId}::uuid`,
  ]);
  notifyWorkAvailable();
  return resumed > 0;
}

/** Makes every delivery of the destination that waits out a backoff due now. Returns how many. */
export function releaseWaitingDeliveries(prisma: PrismaClient, destinationId: string) {
  return prisma.$executeRaw`
    UPDATE deliveries SET next_attempt_at = now()
    WHERE destination_id = ${destinationId}::uuid AND status = 'pending' AND next_attempt_at > now() AND NOT batched`;
}

/** The same for a batched destination's batches (its deliveries wait on their batch, not on a time). */
export function releaseWaitingBatches(prisma: PrismaClient, destinationId: string) {
  return prisma.$executeRaw`
    UPDATE batches SET next_attempt_at = now()
    WHERE destination_id = ${destinationId}::uuid AND status = 'pending' AND next_attempt_at > now()`;
}

/** Sends one dead letter again, with a fresh retry horizon. */
export async function replayDeadLetter(prisma: PrismaClient, deliveryId: string): Promise<boolean> {
  if (!isUuid(deliveryId)) return false;
  const count = await prisma.$executeRaw`
    UPDATE deliveries
    SET status = 'pending', attempts = 0, created_at = now(),
        -- A batched row goes back to waiting for a new batch (its old one stays dead).
        next_attempt_at = CASE WHEN batched THEN 'infinity'::timestamptz ELSE now() END, batch_id = NULL,
        locked_by = NULL, locked_until = NULL, last_error_code = NULL, last_error = NULL
    WHERE id = ${deliveryId}::uuid AND status = 'dead'`;
  if (count > 0) notifyWorkAvailable();
  return count > 0;
}

/** Sends every dead letter of a destination again. Returns how many. */
export async function replayDeadLetters(prisma: PrismaClient, destinationId: string): Promise<number> {
  if (!isUuid(destinationId)) return 0;
  const count = await prisma.$executeRaw`
    UPDATE deliveries
    SET status = 'pending', attempts = 0, created_at = now(),
        -- A batched row goes back to waiting for a new batch (its old one stays dead).
        next_attempt_at = CASE WHEN batched THEN 'infinity'::timestamptz ELSE now() END, batch_id = NULL,
        locked_by = NULL, locked_until = NULL, last_error_code = NULL, last_error = NULL
    WHERE destination_id = ${destinationId}::uuid AND status = 'dead'`;
  if (count > 0) notifyWorkAvailable();
  return count;
}
