import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { isUuid } from "./queue-store";

// Read models for the UI and API: plain objects with ISO dates, never Prisma rows.

/**
 * disabled: the user turned it off (its backlog waits). paused: a non-retryable error (credentials,
 * permissions, bucket) stopped it until resumed. retrying: some deliveries failed and are waiting for
 * their next attempt. healthy: none of these.
 */
export type DestinationHealthStatus = "healthy" | "retrying" | "paused" | "disabled";

export type ErrorNote = { code: string; message: string; at: string | null };

export type RecentDelivery = { key: string; deliveredAt: string; bytes: number | null; attempts: number };

export type DestinationHealth = {
  destinationId: string;
  name: string;
  status: DestinationHealthStatus;
  pause: ErrorNote | null;
  lastSuccessAt: string | null;
  lastError: ErrorNote | null;
  /** delivered and pending count traces; files counts objects written (one per trace, or per batch). */
  counts: { delivered: number; pending: number; failed: number; files: number };
  recent: RecentDelivery[];
};

export type DeadLetter = {
  id: string;
  traceId: string;
  key: string;
  errorCode: string | null;
  error: string | null;
  attempts: number;
  lastAttemptAt: string | null;
};

type HealthRow = {
  id: string;
  name: string;
  enabled: boolean;
  paused_at: Date | null;
  pause_code: string | null;
  pause_message: string | null;
  last_success_at: Date | null;
  last_error_at: Date | null;
  last_error_code: string | null;
  last_error_message: string | null;
  delivered_count: bigint | number;
  delivered_files: bigint | number;
  pending: bigint | number;
  failed: bigint | number;
  failing: bigint | number;
};

const RECENT_LIMIT = 10;
const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Health of every destination (at most five), oldest destination first. */
export async function listDestinationHealth(prisma: PrismaClient): Promise<DestinationHealth[]> {
  const rows = await prisma.$queryRaw<HealthRow[]>`
    SELECT dest.id, dest.name, dest.enabled, dest.paused_at, dest.pause_code, dest.pause_message,
           dest.last_success_at, dest.last_error_at, dest.last_error_code, dest.last_error_message,
           dest.delivered_count, dest.delivered_files,
           (SELECT count(*) FROM deliveries d WHERE d.destination_id = dest.id AND d.status = 'pending') AS pending,
           (SELECT count(*) FROM deliveries d WHERE d.destination_id = dest.id AND d.status = 'dead') AS failed,
           (SELECT count(*) FROM deliveries d
             WHERE d.destination_id = dest.id AND d.status = 'pending' AND d.last_error_code IS NOT NULL) AS failing
    FROM destinations dest
    ORDER BY dest.created_at`;
  return Promise.all(rows.map(async (row) => toHealth(row, await recentDeliveries(prisma, row.id))));
}

function toHealth(row: HealthRow, recent: RecentDelivery[]): DestinationHealth {
  const status: DestinationHealthStatus = !row.enabled
    ? "disabled"
    : row.paused_at
      ? "paused"
      : Number(row.failing) > 0
        ? "retrying"
        : "healthy";
  return {
    destinationId: row.id,
    name: row.name,
    status,
    pause: row.paused_at
      ? { code: row.pause_code ?? "unknown", message: row.pause_message ?? "", at: iso(row.paused_at) }
      : null,
    lastSuccessAt: iso(row.last_success_at),
    lastError: row.last_error_code
      ? { code: row.last_error_code, message: row.last_error_message ?? "", at: iso(row.last_error_at) }
      : null,
    counts: {
      delivered: Number(row.delivered_count),
      pending: Number(row.pending),
      failed: Number(row.failed),
      files: Number(row.delivered_files),
    },
    recent,
  };
}

async function recentDeliveries(prisma: PrismaClient, destinationId: string): Promise<RecentDelivery[]> {
  const rows = await prisma.$queryRaw<{ object_key: string; delivered_at: Date; bytes: number | null; attempts: number }[]>`
    SELECT object_key, delivered_at, bytes, attempts FROM (
      SELECT d.object_key, d.delivered_at, d.bytes, d.attempts, d.id FROM deliveries d
      WHERE d.destination_id = ${destinationId}::uuid AND d.status = 'delivered' AND NOT d.batched
      UNION ALL
      -- A batched destination's files are its batches, one row each, not one per trace.
      SELECT b.object_key, b.delivered_at, b.bytes, b.attempts, b.id FROM batches b
      WHERE b.destination_id = ${destinationId}::uuid AND b.status = 'delivered'
    ) files
    ORDER BY delivered_at DESC, id
    LIMIT ${RECENT_LIMIT}::int`;
  return rows.map((r) => ({
    key: r.object_key,
    deliveredAt: r.delivered_at.toISOString(),
    bytes: r.bytes,
    attempts: Number(r.attempts),
  }));
}

/** Deliveries that ran out of retries, newest failure first. */
export async function listDeadLetters(
  prisma: PrismaClient,
  destinationId: string,
  opts: { limit?: number } = {},
): Promise<DeadLetter[]> {
  if (!isUuid(destinationId)) return [];
  const rows = await prisma.$queryRaw<
    { id: string; trace_id: string; object_key: string; last_error_code: string | null; last_error: string | null; attempts: number; last_attempt_at: Date | null }[]
  >`
    SELECT d.id, d.trace_id, COALESCE(b.object_key, d.object_key) AS object_key, d.last_error_code, d.last_error,
           d.attempts, d.last_attempt_at
    FROM deliveries d LEFT JOIN batches b ON b.id = d.batch_id
    WHERE d.destination_id = ${destinationId}::uuid AND d.status = 'dead'
    ORDER BY d.last_attempt_at DESC NULLS LAST, d.id
    LIMIT ${opts.limit ?? 100}::int`;
  return rows.map((r) => ({
    id: r.id,
    traceId: r.trace_id,
    key: r.object_key,
    errorCode: r.last_error_code,
    error: r.last_error,
    attempts: Number(r.attempts),
    lastAttemptAt: iso(r.last_attempt_at),
  }));
}
