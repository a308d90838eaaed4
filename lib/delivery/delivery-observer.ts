import "server-only";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { getLogger } from "@/lib/platform/logging/logger";
import { getMetrics } from "@/lib/platform/metrics/registry";
import type { RetryPolicy } from "../core/delivery/retry-policy";
import { ActivityRecorder } from "./delivery-activity";
import type { AttemptOutcome } from "./outcome-writer";
import type { ClaimedDelivery } from "./queue-store";
import { RecoveryProbe } from "./recovery-probe";

// What the worker reports after each attempt, fanned out to the Prometheus metrics, the per-minute
// activity behind the destination card's chart, and the recovery probe. Kept out of worker.ts so
// the worker only says what happened.

export type DeliveryLog = (message: string, context?: Record<string, unknown>) => void;

/** Worker messages as warn-level log lines with their context ids. */
export const defaultDeliveryLog: DeliveryLog = (message, context) => getLogger().warn({ module: "delivery", ...context }, message);

export class DeliveryObserver {
  private readonly metrics = getMetrics();
  private readonly activity: ActivityRecorder;
  private readonly recovery: RecoveryProbe;
  private readonly fastRecovery: boolean;

  constructor(
    prisma: PrismaClient,
    policy: RetryPolicy,
    private readonly log: DeliveryLog,
    opts: { probeCapMs?: number; fastRecovery?: boolean } = {},
  ) {
    this.activity = new ActivityRecorder(prisma, log);
    this.recovery = new RecoveryProbe(prisma, { policy, probeCapMs: opts.probeCapMs, log });
    this.fastRecovery = opts.fastRecovery ?? true;
  }

  attempted(row: ClaimedDelivery, outcome: AttemptOutcome, startedAt: number, endedAt = Date.now()): void {
    const destination_id = row.destinationId;
    if (outcome.kind === "release") return;
    if (outcome.kind === "delivered") {
      this.metrics.deliveriesWritten.inc({ destination_id });
      this.metrics.deliveryLatency.observe({ destination_id }, Math.max(0, endedAt - row.createdAt.getTime()) / 1000);
      this.observeS3(startedAt, endedAt, "ok");
      this.activity.written(destination_id, endedAt);
      if (this.fastRecovery) this.recovery.noteSuccess(destination_id);
      return;
    }
    this.metrics.deliveriesFailed.inc({ destination_id, code: outcome.code });
    this.activity.failed(destination_id, endedAt);
    if (outcome.code !== "invalid-trace") this.observeS3(startedAt, endedAt, "error");
    const context = { destinationId: destination_id, deliveryId: row.id, code: outcome.code, attempts: row.attempts };
    if (outcome.outcome === "dead") {
      this.metrics.deliveriesDeadLettered.inc({ destination_id });
      this.log("delivery dead-lettered", context);
      return;
    }
    this.metrics.deliveriesRetried.inc({ destination_id });
    getLogger().debug({ module: "delivery", ...context, delayMs: outcome.delayMs }, "delivery will be retried");
    // "unknown" may concern one object only; it must not make the whole backlog due on each success.
    if (this.fastRecovery && outcome.code !== "unknown") this.recovery.noteRetry(destination_id);
  }

  /** The attempt failed in a way only the user can fix; the destination is being paused. */
  paused(row: ClaimedDelivery, code: string, startedAt: number): void {
    this.metrics.deliveriesFailed.inc({ destination_id: row.destinationId, code });
    this.observeS3(startedAt, Date.now(), "error");
    this.activity.failed(row.destinationId);
    this.recovery.notePaused(row.destinationId);
  }

  async close(): Promise<void> {
    this.recovery.close();
    await this.activity.close();
  }

  private observeS3(startedAt: number, endedAt: number, result: "ok" | "error"): void {
    this.metrics.s3RequestDuration.observe({ operation: "PutObject", result }, Math.max(0, endedAt - startedAt) / 1000);
  }
}
