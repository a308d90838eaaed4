import "server-only";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { PrismaClient } from "@/lib/platform/db/generated/prisma/client";
import { getMetrics } from "@/lib/platform/metrics/registry";
import { decideFailure } from "../core/delivery/failure-policy";
import { planRetry, type RetryPolicy } from "../core/delivery/retry-policy";
import { hasWriteOptions, putObjectWriteFields, type WriteOptions } from "../core/write-options";
import { BATCH_CONTENT_TYPE, buildBatchBody } from "./batch-body";
import { markBatchDelivered, reclaimBatches, recordBatchFailure, releaseBatch } from "./batch-outcomes";
import { claimBatches, loadBatchLines, sealDueBatches, type ClaimedBatch } from "./batch-store";
import type { DestinationSettings } from "./destination-settings";
import { decidePrivacyAtWrite } from "./privacy-at-write";
import type { S3ClientCache } from "./put-object";
import { pauseDestination } from "./queue-store";

// Batched destinations' half of the delivery worker: seals due windows into batches (batch-store.ts)
// and writes each batch as one file. Started and stopped by DeliveryWorker (worker.ts), sharing
// its destination settings, retry policy and failure rules.

export type BatchWorkerOptions = {
  /** How often due windows are looked for (and due batches claimed). */
  sealEveryMs?: number;
  /** Batch files written at once. */
  concurrency?: number;
  /** Tests only: runs after batches are committed and before any of them is claimed. */
  afterSeal?: (batchIds: string[]) => Promise<void>;
};

type Context = {
  prisma: PrismaClient;
  destinations: DestinationSettings;
  clients: S3ClientCache;
  workerId: string;
  leaseMs: number;
  attemptTimeoutMs: number;
  policy: RetryPolicy;
  log: (message: string) => void;
  random?: () => number;
};

const STOPPED = "batch worker stopped";
const RECLAIM_EVERY_MS = 30_000;

export class BatchWorker {
  private readonly sealEveryMs: number;
  private readonly concurrency: number;
  private readonly inFlight = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private round: Promise<void> = Promise.resolve();
  private stopping = false;
  private lastReclaim = 0;

  constructor(
    private readonly ctx: Context,
    private readonly options: BatchWorkerOptions = {},
  ) {
    this.sealEveryMs = options.sealEveryMs ?? 1_000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
    const running = [...this.inFlight.values()];
    const finished = Promise.allSettled(running.map((r) => r.done));
    const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
    if ((await Promise.race([finished.then(() => "done"), timeout])) !== "done") {
      for (const r of running) r.controller.abort(STOPPED);
      await finished;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound().finally(() => this.schedule(this.sealEveryMs));
    }, delayMs);
    this.timer.unref?.();
  }

  private async runRound(): Promise<void> {
    try {
      const sealed = await sealDueBatches(this.ctx.prisma);
      if (sealed.length > 0 && this.options.afterSeal) await this.options.afterSeal(sealed);
      if (this.stopping) return;
      const claimed = await claimBatches(this.ctx.prisma, {
        workerId: this.ctx.workerId,
        limit: this.concurrency - this.inFlight.size,
        leaseMs: this.ctx.leaseMs,
      });
      for (const batch of claimed) {
        const controller = new AbortController();
        const done = this.attempt(batch, controller).finally(() => this.inFlight.delete(batch.id));
        this.inFlight.set(batch.id, { controller, done });
      }
      if (Date.now() - this.lastReclaim > RECLAIM_EVERY_MS) {
        this.lastReclaim = Date.now();
        await reclaimBatches(this.ctx.prisma);
      }
    } catch (error) {
      this.ctx.log(`batch round failed: ${(error as Error).message}`);
    }
  }

  private async attempt(batch: ClaimedBatch, controller: AbortController): Promise<void> {
    const sent: { options?: WriteOptions } = {};
    try {
      const { bytes, invalidIds } = await this.write(batch, controller, sent);
      const traces = await markBatchDelivered(this.ctx.prisma, this.ctx.workerId, { id: batch.id, bytes, invalidIds });
      const metrics = getMetrics();
      metrics.deliveriesWritten.inc({ destination_id: batch.destinationId }, traces);
      metrics.batchFilesWritten.inc({ destination_id: batch.destinationId });
    } catch (error) {
      await this.recordFailure(batch, error, controller, hasWriteOptions(sent.options)).catch((recordError: Error) => {
        // The lease runs out and the batch is written again: same key, same bytes.
        this.ctx.log(`recording batch ${batch.id} failed: ${recordError.message}`);
      });
    }
  }

  private async write(
    batch: ClaimedBatch,
    controller: AbortController,
    sent: { options?: WriteOptions },
  ): Promise<{ bytes: number; invalidIds: string[] }> {
    const target = await this.ctx.destinations.get(batch.destinationId, batch.destinationUpdatedAt);
    sent.options = target.writeOptions;
    // Privacy Mode switched on since the traces were accepted applies to this write too (the one
    // case where a retry's bytes differ: content is dropped, never added).
    const isPrivateNow = await decidePrivacyAtWrite(this.ctx.prisma, { destinationId: batch.destinationId, privacyMode: false });
    const lines = (await loadBatchLines(this.ctx.prisma, batch.id)).map((line) => ({ ...line, privacyMode: line.privacyMode || isPrivateNow }));
    const { body, invalidIds } = buildBatchBody(lines, batch.gzip);
    const timer = setTimeout(() => controller.abort(new Error("PutObject timed out")), this.ctx.attemptTimeoutMs + 1_000);
    try {
      await this.ctx.clients.get(target).send(
        new PutObjectCommand({
          Bucket: target.settings.bucketName,
          Key: batch.objectKey,
          Body: body,
          // No Content-Encoding: gzip, on purpose: browsers and some clients would then unpack the
          // file on download and save plain text under a .gz name. The extension is what Athena and
          // DuckDB go by, as for Firehose's files.
          ContentType: batch.gzip ? "application/gzip" : BATCH_CONTENT_TYPE,
          ...putObjectWriteFields(target.writeOptions),
        }),
        { abortSignal: controller.signal },
      );
    } finally {
      clearTimeout(timer);
    }
    return { bytes: body.length, invalidIds };
  }

  private async recordFailure(batch: ClaimedBatch, error: unknown, controller: AbortController, sentWriteOptions: boolean): Promise<void> {
    const stoppedByUs = controller.signal.aborted && controller.signal.reason === STOPPED;
    const decision = decideFailure(error, { stoppedByUs, attemptTimeoutMs: this.ctx.attemptTimeoutMs, sentWriteOptions });
    const { prisma, workerId } = this.ctx;
    if (decision.action === "release") return releaseBatch(prisma, workerId, batch.id);
    if (decision.action === "pause") {
      await pauseDestination(prisma, batch.destinationId, decision, batch.destinationUpdatedAt);
      return releaseBatch(prisma, workerId, batch.id);
    }
    const plan = planRetry(this.ctx.policy, batch, new Date(), this.ctx.random);
    const { code, message } = decision;
    getMetrics().deliveriesFailed.inc({ destination_id: batch.destinationId, code });
    if (plan.kind === "dead") return recordBatchFailure(prisma, workerId, batch.id, { outcome: "dead", delayMs: 0, code, message });
    return recordBatchFailure(prisma, workerId, batch.id, { outcome: "retry", delayMs: plan.delayMs, code, message });
  }
}
