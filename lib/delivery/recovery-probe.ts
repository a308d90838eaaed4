import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { getMetrics } from "@/lib/platform/metrics/registry";
import { backoffCeilingMs, type RetryPolicy } from "../core/delivery/retry-policy";
import { releaseWaitingBatches, releaseWaitingDeliveries } from "./queue-store";
import { notifyWorkAvailable } from "./work-signal";

// Fast recovery after an outage. Without it, each failed delivery sleeps out its own backoff, so a
// bucket that is back after 15 s waits for the longest of fifty jittered sleeps (measured: 44–60 s).
// Instead, while a destination fails, one probe (its oldest waiting delivery made due early) checks
// it at the backoff's pace, capped at `probeCapMs`; the first write that succeeds, probe or not,
// here or in another process (seen as a newer last_success_at), makes every waiting delivery of that
// destination due at once. Paused destinations are not probed: a pause waits for the user.

export type RecoveryProbeOptions = {
  policy: RetryPolicy;
  /** Longest wait between two probes, however long the outage. */
  probeCapMs?: number;
  log?: (message: string, context?: Record<string, unknown>) => void;
};

export const DEFAULT_PROBE_CAP_MS = 5_000;

type Failing = { since: Date; probes: number; timer: ReturnType<typeof setTimeout> | null };

/** The wait before the n-th probe (1 = first): the backoff ceiling, capped. Pure, for tests. */
export function probeDelayMs(policy: RetryPolicy, probe: number, capMs: number): number {
  return Math.min(backoffCeilingMs(policy, probe), capMs);
}

export class RecoveryProbe {
  private readonly failing = new Map<string, Failing>();
  private readonly capMs: number;
  private closed = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: RecoveryProbeOptions,
  ) {
    this.capMs = options.probeCapMs ?? DEFAULT_PROBE_CAP_MS;
  }

  /** A write to the destination failed and will be retried: start probing unless already. */
  noteRetry(destinationId: string): void {
    if (this.closed || this.failing.has(destinationId)) return;
    const entry: Failing = { since: new Date(), probes: 0, timer: null };
    this.failing.set(destinationId, entry);
    this.schedule(destinationId, entry);
  }

  /** A write succeeded: if the destination was failing, release everything it has waiting. */
  noteSuccess(destinationId: string): void {
    const entry = this.failing.get(destinationId);
    if (!entry) return;
    this.forget(destinationId);
    void this.release(destinationId);
  }

  /** The destination was paused: nothing is probed until the user resumes it. */
  notePaused(destinationId: string): void {
    this.forget(destinationId);
  }

  close(): void {
    this.closed = true;
    for (const id of [...this.failing.keys()]) this.forget(id);
  }

  private forget(destinationId: string): void {
    const entry = this.failing.get(destinationId);
    if (entry?.timer) clearTimeout(entry.timer);
    this.failing.delete(destinationId);
  }

  private schedule(destinationId: string, entry: Failing): void {
    const delay = probeDelayMs(this.options.policy, entry.probes + 1, this.capMs);
    entry.timer = setTimeout(() => void this.probe(destinationId, entry), delay);
    entry.timer.unref?.();
  }

  private async probe(destinationId: string, entry: Failing): Promise<void> {
    if (this.failing.get(destinationId) !== entry) return;
    entry.probes++;
    try {
      const state = await probeDestination(this.prisma, destinationId, entry.since);
      if (this.failing.get(destinationId) !== entry) return;
      if (state === "recovered") return this.noteSuccess(destinationId);
      if (state === "nothing-waits") return this.forget(destinationId);
      notifyWorkAvailable();
    } catch (error) {
      // The database may be what is down; the next probe tries again.
      this.options.log?.("recovery probe failed", { destinationId, err: error });
    }
    if (this.failing.get(destinationId) === entry) this.schedule(destinationId, entry);
  }

  private async release(destinationId: string): Promise<void> {
    try {
      const released =
        (await releaseWaitingDeliveries(this.prisma, destinationId)) + (await releaseWaitingBatches(this.prisma, destinationId));
      if (released > 0) {
        getMetrics().recoveryReleases.inc({ destination_id: destinationId });
        this.options.log?.("destination recovered; released its waiting deliveries", { destinationId, released });
        notifyWorkAvailable();
      }
    } catch (error) {
      this.options.log?.("releasing waiting deliveries failed", { destinationId, err: error });
    }
  }
}

type ProbeState = "probing" | "recovered" | "nothing-waits";

/**
 * One probe round: recovered when another process wrote to the destination since it began failing;
 * otherwise its next waiting delivery is made due now (the probe write). Paused, disabled or deleted
 * destinations count as nothing to wait for.
 */
async function probeDestination(prisma: PrismaClient, destinationId: string, since: Date): Promise<ProbeState> {
  const rows = await prisma.$queryRaw<{ state: ProbeState }[]>`
    WITH dest AS (
      SELECT id, last_success_at FROM destinations
      WHERE id = ${destinationId}::uuid AND enabled AND paused_at IS NULL
    ), probe AS (
      UPDATE deliveries SET next_attempt_at = now()
      WHERE id = (
        SELECT d.id FROM deliveries d, dest
        WHERE d.destination_id = dest.id AND d.status = 'pending' AND d.next_attempt_at > now()
          AND (d.locked_until IS NULL OR d.locked_until < now())
          AND (dest.last_success_at IS NULL OR dest.last_success_at <= ${since}::timestamptz)
        ORDER BY d.next_attempt_at LIMIT 1
        FOR UPDATE OF d SKIP LOCKED
      )
      RETURNING id
    )
    SELECT CASE
      WHEN NOT EXISTS (SELECT 1 FROM dest) THEN 'nothing-waits'
      WHEN (SELECT last_success_at FROM dest) > ${since}::timestamptz THEN 'recovered'
      WHEN EXISTS (SELECT 1 FROM probe) THEN 'probing'
      WHEN EXISTS (SELECT 1 FROM deliveries d WHERE d.destination_id = ${destinationId}::uuid AND d.status = 'pending') THEN 'probing'
      ELSE 'nothing-waits'
    END AS state`;
  return rows[0]?.state ?? "nothing-waits";
}
