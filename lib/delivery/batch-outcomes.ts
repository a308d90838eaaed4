import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";

// Results of writing a batch file, each one statement over the batch and its deliveries, and each
// conditional on the lease (`locked_by = worker`, `status = 'pending'`), like queue-store.ts: a worker
// that lost its lease never overwrites another's result.

/**
 * Marks the batch and all its deliveries delivered; the destination counts its traces and one file.
 * `invalidIds` (stored events that could not be read) are dead-lettered instead.
 */
export async function markBatchDelivered(
  prisma: PrismaClient,
  workerId: string,
  batch: { id: string; bytes: number; invalidIds: string[] },
): Promise<number> {
  const rows = await prisma.$queryRaw<{ n: number }[]>`
    WITH b AS (
      UPDATE batches
      SET status = 'delivered', delivered_at = now(), bytes = ${batch.bytes}::int, locked_by = NULL, locked_until = NULL,
          last_error_code = NULL, last_error = NULL
      WHERE id = ${batch.id}::uuid AND status = 'pending' AND locked_by = ${workerId}
      RETURNING id, destination_id
    ), done AS (
      UPDATE deliveries d
      SET status = CASE WHEN d.id = ANY(${batch.invalidIds}::uuid[]) THEN 'dead' ELSE 'delivered' END,
          delivered_at = now(), last_attempt_at = now(),
          last_error_code = CASE WHEN d.id = ANY(${batch.invalidIds}::uuid[]) THEN 'invalid-trace' END,
          last_error = CASE WHEN d.id = ANY(${batch.invalidIds}::uuid[]) THEN 'The stored trace could not be read.' END
      FROM b
      WHERE d.batch_id = b.id AND d.status = 'pending'
      RETURNING d.status
    ), counted AS (
      UPDATE destinations dest
      SET delivered_count = dest.delivered_count + (SELECT count(*) FROM done WHERE status = 'delivered'),
          delivered_files = dest.delivered_files + 1, last_success_at = now()
      FROM b
      WHERE dest.id = b.destination_id
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM done WHERE status = 'delivered'`;
  return Number(rows[0]?.n ?? 0);
}

export type BatchFailure = { outcome: "retry" | "dead"; delayMs: number; code: string; message: string };

/**
 * A failed attempt: the batch waits for its next one (its key and traces stay as sealed) or is
 * dead, and then so are its deliveries, listed as dead letters; a replay puts them in a new batch.
 * The deliveries carry the error so health shows the destination as retrying.
 */
export async function recordBatchFailure(
  prisma: PrismaClient,
  workerId: string,
  batchId: string,
  failure: BatchFailure,
): Promise<void> {
  await prisma.$queryRaw`
    WITH b AS (
      UPDATE batches
      SET status = CASE WHEN ${failure.outcome} = 'dead' THEN 'dead' ELSE 'pending' END,
          next_attempt_at = now() + ${failure.delayMs}::int * interval '1 millisecond',
          locked_by = NULL, locked_until = NULL, last_error_code = ${failure.code}, last_error = ${failure.message}
      WHERE id = ${batchId}::uuid AND status = 'pending' AND locked_by = ${workerId}
      RETURNING id, destination_id, attempts
    ), rows AS (
      UPDATE deliveries d
      SET status = CASE WHEN ${failure.outcome} = 'dead' THEN 'dead' ELSE 'pending' END,
          attempts = b.attempts, last_attempt_at = now(),
          last_error_code = ${failure.code}, last_error = ${failure.message}
      FROM b
      WHERE d.batch_id = b.id AND d.status = 'pending'
      RETURNING 1
    )
    UPDATE destinations dest
    SET last_error_at = now(), last_error_code = ${failure.code}, last_error_message = ${failure.message}
    FROM b
    WHERE dest.id = b.destination_id
    RETURNING (SELECT count(*) FROM rows)`;
}

/** Gives a leased batch back without counting the attempt (shutdown, paused destination). */
export async function releaseBatch(prisma: PrismaClient, workerId: string, batchId: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE batches
    SET locked_by = NULL, locked_until = NULL, attempts = GREATEST(attempts - 1, 0)
    WHERE id = ${batchId}::uuid AND locked_by = ${workerId} AND status = 'pending'`;
}

/** Deletes finished batches no delivery points at any more (storage reclaim removed them). */
export async function reclaimBatches(prisma: PrismaClient, olderThanMs = 10 * 60_000): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM batches b
    WHERE b.status IN ('delivered', 'dead')
      AND COALESCE(b.delivered_at, b.last_attempt_at, b.created_at) < now() - ${olderThanMs}::int * interval '1 millisecond'
      AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.batch_id = b.id)`;
}
